//! Orders in the admin: the list, an order's page with the actions its
//! state allows, and the printable invoice and delivery note.

mod actions;
pub mod api;
mod detail_page;
mod list_page;
mod print_pages;
pub mod types;

pub use detail_page::AdminOrderPage;
pub use list_page::{OrderListPage, OrderTable};
pub use print_pages::{DeliveryNotePage, InvoicePage};
