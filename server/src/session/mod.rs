//! Shopper sessions: tower-sessions backed by the store's own database.

mod shopper;
mod store;

pub use shopper::{attach_shopper, TowerShopper};
pub use store::{session_layer, SessionBackend};
