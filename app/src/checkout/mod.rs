//! The single-page checkout: contact, addresses, shipping, payment and a
//! live order summary.

pub mod api;
mod checkout_page;
pub mod draft_rules;
mod fields;
pub mod summary_table;
pub mod summary_view;
pub mod types;

pub use checkout_page::CheckoutPage;
