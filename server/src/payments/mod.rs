//! Payments: the provider interface, the providers, and the bookkeeping
//! that applies processor events exactly once.

pub mod bank_transfer;
pub mod btcpay;
pub mod config;
pub(crate) mod http;
mod merchant;
pub mod provider;
pub mod qr;
pub mod routes;
pub mod signature;
pub mod store;
pub mod stripe;
pub mod testpay;

pub use store::{Applied, PaymentError, PaymentStore};

use std::sync::{Arc, OnceLock};

/// The store's public address, for URLs handed to processors. Known from
/// the configuration, or once the store is listening.
#[derive(Clone, Debug, Default)]
pub struct PublicBase(Arc<OnceLock<String>>);

impl PublicBase {
    pub fn set(&self, url: &str) {
        let _ = self.0.set(url.trim_end_matches('/').to_owned());
    }

    pub fn get(&self) -> &str {
        self.0.get().map(String::as_str).unwrap_or_default()
    }
}
