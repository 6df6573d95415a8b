//! Order persistence.

mod numbers;

pub use numbers::next_order_number;
