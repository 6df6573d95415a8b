//! Browsing the catalog: listing pages and product pages.

pub mod api;
mod listing_page;
mod pagination;
mod product_card;
mod product_page;
pub mod types;

pub use listing_page::CatalogListing;
pub use product_page::ProductPage;
