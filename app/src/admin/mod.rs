//! The merchant admin: pages under `/admin` and the server functions
//! behind them, each checking the staff role on the server.

pub mod catalog;
pub mod categories;
pub mod customers;
pub mod fulfilment_api;
#[cfg(feature = "ssr")]
pub mod guard;
pub mod insights;
pub mod offers;
pub mod orders;
pub mod payments_api;
mod routes;
#[cfg(feature = "ssr")]
pub mod services;
pub mod settings;
mod shell;
pub mod stock;
pub mod svg;
pub mod types;

pub use routes::AdminRoutes;
