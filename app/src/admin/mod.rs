//! The merchant admin: server functions that check the staff role on the
//! server, and (later) the pages under `/admin`.

#[cfg(feature = "ssr")]
pub mod guard;
pub mod payments_api;
pub mod types;
