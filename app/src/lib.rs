//! The storefront: components, routes, server functions and the types the
//! browser and the server share. Pure domain rules live in `domain`.

pub mod accounts;
pub mod admin;
pub mod basket;
pub mod catalog;
pub mod checkout;
pub mod domain;
pub mod error;
pub mod layout;
pub mod orders;
#[cfg(feature = "ssr")]
pub mod server_context;
#[cfg(feature = "ssr")]
pub mod services;

pub use layout::app::{App, shell};
