//! Browsing the catalog: listing, search and product pages.

pub mod api;
mod breadcrumbs;
mod category_nav;
mod gallery;
mod listing_grid;
mod listing_page;
mod offer_tags;
pub mod pagination;
mod product_card;
mod product_image;
mod product_page;
mod search_page;
pub mod types;
mod variant_picker;

pub use listing_page::CatalogListing;
pub use product_page::ProductPage;
pub use search_page::SearchPage;
