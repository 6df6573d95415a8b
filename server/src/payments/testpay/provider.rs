//! The store's side of testpay: it starts payments by sending the shopper
//! to testpay's page, and reads testpay's signed notifications and returns.

use super::{Testpay, TestpayEvent};
use crate::payments::provider::{
    Capabilities, Exchange, Notification, PaymentProvider, ProviderError, StartRequest, Started,
};
use crate::payments::signature::{sign_hex, verify_hex, verify_timestamped};
use app::domain::payment::PaymentEventKind;
use async_trait::async_trait;
use axum::http::HeaderMap;

/// Notifications older or newer than this are refused.
const TOLERANCE_SECONDS: i64 = 300;

pub const SIGNATURE_HEADER: &str = "testpay-signature";

/// The parameters testpay's page needs, signed so nobody can change the
/// amount or where the shopper and the notifications go.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct PaymentTerms {
    pub attempt: String,
    pub order: String,
    pub amount: i64,
    pub currency: String,
    pub return_url: String,
    pub notify_url: String,
    #[serde(default)]
    pub sig: String,
}

impl PaymentTerms {
    fn signed_parts(&self) -> String {
        format!(
            "{}|{}|{}|{}|{}|{}",
            self.attempt, self.order, self.amount, self.currency, self.return_url, self.notify_url
        )
    }

    pub fn sign(mut self, secret: &[u8]) -> Self {
        self.sig = sign_hex(secret, &[self.signed_parts().as_bytes()]);
        self
    }

    pub fn verify(&self, secret: &[u8]) -> bool {
        verify_hex(secret, &[self.signed_parts().as_bytes()], &self.sig)
    }
}

/// What testpay tells the shopper's browser on the way back.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ReturnTicket {
    pub result: String,
    pub reference: String,
    pub amount: i64,
    pub currency: String,
    pub sig: String,
}

impl ReturnTicket {
    fn parts(attempt: &str, result: &str, reference: &str, amount: i64, currency: &str) -> String {
        format!("return|{attempt}|{result}|{reference}|{amount}|{currency}")
    }

    pub fn new(secret: &[u8], attempt: &str, event: &TestpayEvent) -> Self {
        let parts = Self::parts(
            attempt,
            &event.kind,
            &event.reference,
            event.amount,
            &event.currency,
        );
        ReturnTicket {
            result: event.kind.clone(),
            reference: event.reference.clone(),
            amount: event.amount,
            currency: event.currency.clone(),
            sig: sign_hex(secret, &[parts.as_bytes()]),
        }
    }

    pub fn verify(&self, secret: &[u8], attempt: &str) -> bool {
        let parts = Self::parts(
            attempt,
            &self.result,
            &self.reference,
            self.amount,
            &self.currency,
        );
        verify_hex(secret, &[parts.as_bytes()], &self.sig)
    }
}

/// The processor's reference for an attempt: stable, so every message
/// about one payment names it the same way.
pub fn reference_of(secret: &[u8], attempt: &str) -> String {
    format!(
        "tp_{}",
        &sign_hex(secret, &[b"reference|", attempt.as_bytes()])[..32]
    )
}

/// testpay names its events by the store's own codes.
fn kind_of(code: &str) -> Result<PaymentEventKind, ProviderError> {
    PaymentEventKind::parse(code)
        .ok_or_else(|| ProviderError::Unreadable(format!("unknown event {code:?}")))
}

#[async_trait]
impl PaymentProvider for Testpay {
    fn code(&self) -> &'static str {
        "testpay"
    }

    fn name(&self) -> &str {
        "Card (testpay)"
    }

    fn description(&self) -> &str {
        "Pay on testpay's page. A test processor: no real money moves."
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities::HOSTED_WITH_REFUNDS
    }

    async fn start(
        &self,
        request: &StartRequest,
        exchanges: &mut Vec<Exchange>,
    ) -> Result<Started, ProviderError> {
        let terms = PaymentTerms {
            attempt: request.attempt.clone(),
            order: request.order_number.clone(),
            amount: request.amount_minor,
            currency: request.currency.clone(),
            return_url: request.return_url.clone(),
            notify_url: request.notify_url.clone(),
            sig: String::new(),
        }
        .sign(&self.secret);
        let query = serde_urlencoded::to_string(&terms)
            .map_err(|e| ProviderError::Refused(e.to_string()))?;
        let url = format!("{}/testpay/pay?{query}", self.base.get());
        exchanges.push(Exchange {
            direction: "request",
            headers: String::new(),
            body: format!(
                "redirect to testpay for {} {}",
                terms.amount, terms.currency
            ),
        });
        Ok(Started::Redirect {
            url,
            reference: Some(reference_of(&self.secret, &request.attempt)),
            pay_uri: None,
        })
    }

    async fn parse_notification(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: i64,
        _exchanges: &mut Vec<Exchange>,
    ) -> Result<Vec<Notification>, ProviderError> {
        let header = headers
            .get(SIGNATURE_HEADER)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        verify_timestamped(header, &self.secret, body, now, TOLERANCE_SECONDS)?;
        let event: TestpayEvent =
            serde_json::from_slice(body).map_err(|e| ProviderError::Unreadable(e.to_string()))?;
        Ok(vec![Notification {
            attempt: Some(event.attempt.clone()),
            payment: None,
            reference: event.reference.clone(),
            kind: kind_of(&event.kind)?,
            amount_minor: event.amount,
            currency: event.currency,
        }])
    }

    fn parse_return(&self, attempt: &str, query: &str) -> Option<Notification> {
        let ticket: ReturnTicket = serde_urlencoded::from_str(query).ok()?;
        if !ticket.verify(&self.secret, attempt) {
            return None;
        }
        Some(Notification {
            attempt: Some(attempt.to_owned()),
            payment: None,
            reference: ticket.reference.clone(),
            kind: kind_of(&ticket.result).ok()?,
            amount_minor: ticket.amount,
            currency: ticket.currency.clone(),
        })
    }

    async fn refund(
        &self,
        reference: &str,
        amount_minor: i64,
        currency: &str,
        exchanges: &mut Vec<Exchange>,
    ) -> Result<String, ProviderError> {
        let refund = format!(
            "{reference}_rf_{}",
            &sign_hex(
                &self.secret,
                &[b"refund|", crate::orders::token().as_bytes()]
            )[..12]
        );
        exchanges.push(Exchange {
            direction: "request",
            headers: String::new(),
            body: format!("refund {amount_minor} {currency} of {reference}"),
        });
        exchanges.push(Exchange {
            direction: "response",
            headers: String::new(),
            body: format!("refunded as {refund}"),
        });
        Ok(refund)
    }
}
