//! The interface every payment provider implements. A provider knows how
//! to talk to its processor; what the store does with the answers (the
//! exactly-once bookkeeping and the order's state) lives in `store.rs`, the
//! same for all of them.

use super::signature::SignatureError;
use app::domain::Money;
use app::domain::payment::PaymentEventKind;
use app::orders::types::PaymentInstructions;
use async_trait::async_trait;
use axum::http::HeaderMap;

/// What a provider can do beyond taking a payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Capabilities {
    pub refunds: bool,
    pub partial_refunds: bool,
    /// The shopper pays on the processor's page and comes back.
    pub hosted_page: bool,
    /// The processor decides while the store waits (e.g. a saved card),
    /// without the shopper leaving the store.
    pub immediate: bool,
}

impl Capabilities {
    /// A processor whose page the shopper pays on, which refunds in
    /// whole or in part.
    pub const HOSTED_WITH_REFUNDS: Capabilities = Capabilities {
        refunds: true,
        partial_refunds: true,
        hosted_page: true,
        immediate: false,
    };
}

/// One attempt to pay an order, as a provider needs it.
#[derive(Debug, Clone)]
pub struct StartRequest {
    pub order_number: String,
    /// The attempt's token: the processor echoes it back.
    pub attempt: String,
    pub amount_minor: i64,
    pub currency: String,
    /// Absolute URLs on this store.
    pub return_url: String,
    pub notify_url: String,
}

/// How the shopper continues after a payment was started.
#[derive(Debug, Clone, PartialEq)]
pub enum Started {
    /// Send the shopper to the processor's page.
    Redirect {
        url: String,
        reference: Option<String>,
        /// A payment URI the shopper's wallet can open (BIP21 for
        /// bitcoin), shown as a QR code while the payment is pending.
        pay_uri: Option<String>,
    },
    /// Show instructions on the order page (e.g. a bank transfer).
    Instructions(PaymentInstructions),
    /// The processor has already decided: this event is applied at once.
    Completed(Notification),
}

/// One normalised event from a processor's notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    /// The attempt token the processor echoed back, if it did.
    pub attempt: Option<String>,
    /// Otherwise, the processor's reference of the payment the event is
    /// about (a refund names the payment it returns money from).
    pub payment: Option<String>,
    /// The processor's reference of the payment (of the refund, for
    /// refunds): with the kind, it makes the event unique.
    pub reference: String,
    pub kind: PaymentEventKind,
    pub amount_minor: i64,
    pub currency: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    #[error(transparent)]
    Signature(#[from] SignatureError),
    #[error("the notification cannot be read: {0}")]
    Unreadable(String),
    #[error("the processor refused: {0}")]
    Refused(String),
    #[error("the processor cannot be reached: {0}")]
    Unreachable(String),
    #[error("{0} is not supported by this provider")]
    Unsupported(&'static str),
}

/// A message to or from a processor, kept verbatim (secrets redacted).
#[derive(Debug, Clone)]
pub struct Exchange {
    pub direction: &'static str,
    pub headers: String,
    pub body: String,
}

#[async_trait]
pub trait PaymentProvider: Send + Sync + 'static {
    /// Stable code, stored with attempts and used in URLs.
    fn code(&self) -> &'static str;
    /// What the checkout shows.
    fn name(&self) -> &str;
    fn description(&self) -> &str;
    fn capabilities(&self) -> Capabilities;

    /// Starts a payment. `exchanges` collects what was sent and received,
    /// for the processor log.
    async fn start(
        &self,
        request: &StartRequest,
        exchanges: &mut Vec<Exchange>,
    ) -> Result<Started, ProviderError>;

    /// Verifies a notification's signature and reads its events. A
    /// provider whose notifications carry too little may ask its processor
    /// (recording the exchange in `exchanges`).
    async fn parse_notification(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: i64,
        exchanges: &mut Vec<Exchange>,
    ) -> Result<Vec<Notification>, ProviderError>;

    /// Reads what the processor told the shopper's browser on its way back
    /// (the return URL's query), if it is signed and says anything.
    fn parse_return(&self, _attempt: &str, _query: &str) -> Option<Notification> {
        None
    }

    /// What the shopper is told to do to pay an unpaid order themselves,
    /// for providers where the shopper sends the money (bank transfer).
    fn instructions(&self, _order_number: &str, _due: Money) -> Option<PaymentInstructions> {
        None
    }

    /// Refunds `amount_minor` of the payment `reference`; returns the
    /// refund's own reference.
    async fn refund(
        &self,
        _reference: &str,
        _amount_minor: i64,
        _currency: &str,
        _exchanges: &mut Vec<Exchange>,
    ) -> Result<String, ProviderError> {
        Err(ProviderError::Unsupported("refunding"))
    }
}

/// Headers as text for the processor log, with secrets left out.
pub fn redacted_headers(headers: &HeaderMap) -> String {
    headers
        .iter()
        .map(|(name, value)| {
            let secret = matches!(
                name.as_str(),
                "authorization"
                    | "cookie"
                    | "set-cookie"
                    | "stripe-signature"
                    | "btcpay-sig"
                    | "testpay-signature"
            );
            let value = if secret {
                "[redacted]"
            } else {
                value.to_str().unwrap_or("[binary]")
            };
            format!("{name}: {value}")
        })
        .collect::<Vec<_>>()
        .join("\n")
}
