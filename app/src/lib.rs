//! The storefront: components, routes, server functions and the types the
//! browser and the server share. Pure domain rules live in `domain`.

pub mod basket;
pub mod catalog;
pub mod domain;
pub mod error;
pub mod layout;
#[cfg(feature = "ssr")]
pub mod server_context;
#[cfg(feature = "ssr")]
pub mod services;

pub use layout::app::{App, shell};
