//! Order pages: detail from the snapshot, history, cancel and re-order.

pub mod api;
mod downloads;
mod history_page;
pub mod order_page;
mod transfer_details;
pub mod types;

pub use history_page::OrderHistoryPage;
pub use order_page::{LinkedOrderPage, MyOrderPage};
