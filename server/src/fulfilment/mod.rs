//! Getting a paid order to its customer: download links, the external
//! partner's hand-off, and marking orders with nothing to ship fulfilled.

pub mod config;
mod fulfil;
pub mod handoff;
mod merchant;

pub use fulfil::fulfil;
pub use handoff::{Partner, SIGNATURE_HEADER};
pub use merchant::MerchantFulfilment;
