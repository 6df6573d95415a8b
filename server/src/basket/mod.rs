//! Basket persistence. Stock is checked inside the same conditional
//! statement that writes the line, never read first and written later.

mod merge;
mod store;
mod units;
mod variant_labels;

pub use store::{BasketStore, now};
pub(crate) use store::{RELEASE, RESERVE};
pub use units::unit_price;
pub use variant_labels::{BASKET_OPTION_VALUES, join_labels};
