//! Order persistence: numbers, placing orders, the state machine's moves,
//! releasing unpaid orders, and the shopper's view of their orders.

mod numbers;
mod placement;
mod release;
mod stock_audit;
mod store;
mod transitions;

pub use numbers::next_order_number;
pub use placement::{FormCheck, PlaceError, Placed, Placement, place};
pub use release::{end_unpaid, expire_unpaid};
pub use stock_audit::{StockAudit, StockMismatch, audit_stock};
pub use store::OrderStore;
pub use transitions::{OrderError, OrderMachine, OrderMove, OrderSubscriber};

pub use app::orders::types::{owner_url, token_url};
use rand::RngCore;

/// Units allocated to an order hold their reservation until this instant
/// (the year 2286), so the reservation sweeper never takes them back.
pub const ALLOCATED_UNTIL: i64 = 9_999_999_999;

/// The secret of an order link: 192 random bits, hex-encoded.
pub fn token() -> String {
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn plausible_token(token: &str) -> bool {
    token.len() == 48 && token.bytes().all(|b| b.is_ascii_hexdigit())
}
