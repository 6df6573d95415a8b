//! Stock in the admin: a product's variants with their stock, hand-made
//! adjustments with a reason, reservations that can be released, serial
//! units, and the low-stock list.

pub mod api;
mod low_page;
mod page;
pub mod rules;
pub mod types;
mod units_table;

pub use low_page::LowStockPage;
pub use page::StockPage;
