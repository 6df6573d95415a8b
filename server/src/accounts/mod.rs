//! Users, their customer records and organisations; signing in with
//! argon2id password hashes and throttled failures.

mod customers;
mod passwords;
mod store;
pub(crate) mod throttle;

pub use customers::{customer_for_order, is_member};
pub use store::AccountStore;
pub use throttle::LoginLimits;
