//! Pure domain code shared by the server and the browser: no I/O here.

pub mod address;
pub mod availability;
pub mod basket_totals;
pub mod category_tree;
pub mod country;
pub mod currency;
pub mod dates;
pub mod locale;
pub mod money;
pub mod offers;
pub mod order_number;
pub mod order_state;
pub mod payment;
pub mod price;
pub mod product_type;
pub mod quantity;
pub mod reservation;
pub mod shipping;
pub mod staff;
pub mod summary;
pub mod tax;

pub use address::{Address, FieldError};
pub use availability::Availability;
pub use basket_totals::{BasketTotals, PricedLine};
pub use country::Country;
pub use currency::{Currency, CurrencyError};
pub use locale::{Locale, localized};
pub use money::{Money, MoneyError};
pub use price::{BillingInterval, Price};
pub use product_type::ProductType;
pub use quantity::{Quantity, QuantityError};
