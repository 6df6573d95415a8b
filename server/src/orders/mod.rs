//! Order persistence: numbers and the state machine's moves.

mod numbers;
mod transitions;

pub use numbers::next_order_number;
pub use transitions::{OrderError, OrderMachine, OrderMove, OrderSubscriber};
