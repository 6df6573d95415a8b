//! testpay: a stand-in for an external hosted card processor, served by the
//! store itself under `/testpay`. Its page offers "Pay", "Decline" and
//! "Pay, notify late"; it then sends the shopper back and, separately,
//! posts signed notifications to the store, which can be delayed,
//! duplicated or sent out of order to exercise the races real processors
//! cause.

mod delivery;
mod pages;
mod provider;

pub use delivery::Delivery;
pub use pages::routes;
pub use provider::{PaymentTerms, ReturnTicket, SIGNATURE_HEADER, reference_of};

/// A notification testpay sends (and the store reads).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TestpayEvent {
    pub id: String,
    /// "pending", "captured", "failed" or "refunded".
    #[serde(rename = "type")]
    pub kind: String,
    pub attempt: String,
    pub reference: String,
    pub amount: i64,
    pub currency: String,
}

#[derive(Clone)]
pub struct Testpay {
    secret: Vec<u8>,
    /// This store's public address; testpay's pages live under it.
    base: crate::payments::PublicBase,
    delivery: Delivery,
    client: reqwest::Client,
}

impl Testpay {
    pub fn new(secret: &str, base: crate::payments::PublicBase, delivery: Delivery) -> Self {
        Testpay {
            secret: secret.as_bytes().to_vec(),
            base,
            delivery,
            client: reqwest::Client::new(),
        }
    }
}
