//! Basket persistence. Stock is checked inside the same conditional
//! statement that writes the line, never read first and written later.

mod merge;
mod store;
mod units;

pub use store::{BasketStore, now};
