//! Customers in the admin: accounts, with their orders, organisations and
//! billing records.

pub mod api;
mod pages;
pub mod types;

pub use pages::{CustomerListPage, CustomerPage};
