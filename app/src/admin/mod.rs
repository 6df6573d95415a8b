//! The merchant admin: server functions that check the staff role on the
//! server, and (later) the pages under `/admin`.

pub mod fulfilment_api;
#[cfg(feature = "ssr")]
pub mod guard;
pub mod payments_api;
pub mod types;
