//! Order emails: what they say (in the order's language), how they are
//! composed from an order, and how they leave the store.

mod compose;
mod templates;
mod transport;

pub use compose::Mailer;
pub use transport::Transport;
