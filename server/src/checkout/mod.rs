//! Checkout: tax and shipping configuration, pricing a basket for an
//! address, and placing orders.

pub mod config;
pub mod lines;
pub mod pricing;
mod service;

pub use service::CheckoutStore;
