//! Offers and vouchers: automatic sales, codes with usage limits, batches
//! of generated codes, and what each offer brought in.

pub mod api;
mod codes_section;
mod edit_page;
mod list_page;
pub mod rules;
pub mod types;

pub use edit_page::OfferEditPage;
pub use list_page::OfferListPage;
