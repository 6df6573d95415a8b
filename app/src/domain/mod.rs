//! Pure domain code shared by the server and the browser: no I/O here.

pub mod availability;
pub mod basket_totals;
pub mod currency;
pub mod money;
pub mod quantity;
pub mod reservation;

pub use availability::Availability;
pub use basket_totals::{BasketTotals, PricedLine};
pub use currency::{Currency, CurrencyError};
pub use money::{Money, MoneyError};
pub use quantity::{Quantity, QuantityError};
