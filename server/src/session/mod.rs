//! Shopper sessions: tower-sessions backed by the store's own database.

mod shopper;
mod store;

pub use shopper::{TowerShopper, TrustForwarded, attach_shopper};
pub use store::{SessionBackend, session_layer};
