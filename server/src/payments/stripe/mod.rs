//! Stripe Checkout over Stripe's HTTP API: the shopper pays on a Checkout
//! Session's page; webhooks (`Stripe-Signature`, `t=…,v1=…`) say how it
//! went; refunds go through the Refunds API. The API base is configurable
//! so tests can point it at a local stand-in.

mod events;

use super::http::{json, send};
use super::provider::{
    Capabilities, Exchange, Notification, PaymentProvider, ProviderError, StartRequest, Started,
};
use super::signature::verify_timestamped;
use async_trait::async_trait;
use axum::http::HeaderMap;
use serde::Deserialize;

pub const CODE: &str = "stripe";
pub const SIGNATURE_HEADER: &str = "stripe-signature";
/// Stripe's own tolerance for webhook timestamps.
const TOLERANCE_SECONDS: i64 = 300;

#[derive(Clone)]
pub struct Stripe {
    client: reqwest::Client,
    api_base: String,
    secret_key: String,
    webhook_secret: Vec<u8>,
}

#[derive(Deserialize)]
struct CreatedSession {
    url: String,
}

#[derive(Deserialize)]
struct SessionIntent {
    payment_intent: Option<String>,
}

#[derive(Deserialize)]
struct CreatedRefund {
    id: String,
}

impl Stripe {
    pub fn new(api_base: &str, secret_key: &str, webhook_secret: &str) -> Self {
        Stripe {
            client: super::http::client(),
            api_base: api_base.trim_end_matches('/').to_owned(),
            secret_key: secret_key.to_owned(),
            webhook_secret: webhook_secret.as_bytes().to_vec(),
        }
    }

    fn post(
        &self,
        path: &str,
        idempotency_key: &str,
        form: &[(String, String)],
    ) -> reqwest::RequestBuilder {
        self.client
            .post(format!("{}{path}", self.api_base))
            .bearer_auth(&self.secret_key)
            .header("Idempotency-Key", idempotency_key)
            .form(form)
    }

    /// The payment intent behind a payment reference: refunds need it,
    /// and a session that expired unpaid was recorded by its own id.
    async fn payment_intent(
        &self,
        reference: &str,
        exchanges: &mut Vec<Exchange>,
    ) -> Result<String, ProviderError> {
        if !reference.starts_with("cs_") {
            return Ok(reference.to_owned());
        }
        let request = self
            .client
            .get(format!(
                "{}/v1/checkout/sessions/{reference}",
                self.api_base
            ))
            .bearer_auth(&self.secret_key);
        let session: SessionIntent = json(&send(request, String::new(), exchanges).await?)?;
        session
            .payment_intent
            .ok_or_else(|| ProviderError::Refused("the session was never paid".into()))
    }
}

fn encoded(form: &[(String, String)]) -> String {
    serde_urlencoded::to_string(form).unwrap_or_default()
}

#[async_trait]
impl PaymentProvider for Stripe {
    fn code(&self) -> &'static str {
        CODE
    }

    fn name(&self) -> &str {
        "Card (Stripe)"
    }

    fn description(&self) -> &str {
        "Pay by card on Stripe's secure page."
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities::HOSTED_WITH_REFUNDS
    }

    async fn start(
        &self,
        request: &StartRequest,
        exchanges: &mut Vec<Exchange>,
    ) -> Result<Started, ProviderError> {
        let pair = |k: &str, v: &str| (k.to_owned(), v.to_owned());
        let form = vec![
            pair("mode", "payment"),
            pair("client_reference_id", &request.order_number),
            pair("success_url", &request.return_url),
            pair("cancel_url", &format!("{}?cancelled=1", request.return_url)),
            pair("line_items[0][quantity]", "1"),
            pair(
                "line_items[0][price_data][currency]",
                &request.currency.to_ascii_lowercase(),
            ),
            pair(
                "line_items[0][price_data][unit_amount]",
                &request.amount_minor.to_string(),
            ),
            pair(
                "line_items[0][price_data][product_data][name]",
                &format!("Order {}", request.order_number),
            ),
            pair("metadata[attempt]", &request.attempt),
            pair("metadata[order]", &request.order_number),
            pair("payment_intent_data[metadata][attempt]", &request.attempt),
        ];
        // The attempt token as idempotency key: a retried call after a
        // timeout gets the same session, never a second one.
        let body = send(
            self.post("/v1/checkout/sessions", &request.attempt, &form),
            encoded(&form),
            exchanges,
        )
        .await?;
        let session: CreatedSession = json(&body)?;
        Ok(Started::Redirect {
            url: session.url,
            reference: None,
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
        verify_timestamped(header, &self.webhook_secret, body, now, TOLERANCE_SECONDS)?;
        events::normalise(json(&String::from_utf8_lossy(body))?)
    }

    /// Stripe's cancel page leads back here with `cancelled=1`: the
    /// shopper gave up, which cannot hide a payment (attempts only move
    /// forward, and a capture still wins).
    fn parse_return(&self, attempt: &str, query: &str) -> Option<Notification> {
        let cancelled = query.split('&').any(|pair| pair == "cancelled=1");
        cancelled.then(|| Notification {
            attempt: Some(attempt.to_owned()),
            payment: None,
            reference: format!("return:{attempt}"),
            kind: app::domain::payment::PaymentEventKind::Cancelled,
            amount_minor: 0,
            currency: String::new(),
        })
    }

    async fn refund(
        &self,
        reference: &str,
        amount_minor: i64,
        _currency: &str,
        exchanges: &mut Vec<Exchange>,
    ) -> Result<String, ProviderError> {
        let intent = self.payment_intent(reference, exchanges).await?;
        let form = vec![
            ("payment_intent".to_owned(), intent),
            ("amount".to_owned(), amount_minor.to_string()),
        ];
        let key = format!("refund-{}", &crate::orders::token()[..32]);
        let body = send(
            self.post("/v1/refunds", &key, &form),
            encoded(&form),
            exchanges,
        )
        .await?;
        let refund: CreatedRefund = json(&body)?;
        Ok(refund.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    const BODY: &[u8] = br#"{"id":"evt_1","type":"customer.created","data":{"object":{}}}"#;
    /// HMAC-SHA256 of "1700000000." + BODY under "whsec_test_secret",
    /// computed with Python's hmac module.
    const VECTOR: &str = "6d44b12d8e447dc3ae63f31023315a6f8a7d537de7f0f144c90c28c22ac53b2b";
    const AT: i64 = 1_700_000_000;

    fn parse(header: &str, body: &[u8], now: i64) -> Result<Vec<Notification>, ProviderError> {
        let stripe = Stripe::new("http://127.0.0.1:9", "sk_test", "whsec_test_secret");
        let mut headers = HeaderMap::new();
        headers.insert(SIGNATURE_HEADER, HeaderValue::from_str(header).unwrap());
        futures::executor::block_on(stripe.parse_notification(&headers, body, now, &mut Vec::new()))
    }

    #[test]
    fn stripe_signatures_verify_against_an_independent_vector() {
        let header = format!("t={AT},v1={VECTOR}");
        assert!(parse(&header, BODY, AT + 10).unwrap().is_empty());
    }

    #[test]
    fn stripe_refuses_tampered_stale_and_malformed_deliveries() {
        use crate::payments::signature::SignatureError;
        let header = format!("t={AT},v1={VECTOR}");
        let tampered = br#"{"id":"evt_2","type":"customer.created","data":{"object":{}}}"#;
        let cases: [(&str, &[u8], i64, SignatureError); 4] = [
            (&header, tampered, AT, SignatureError::Mismatch),
            (&header, BODY, AT + 301, SignatureError::Stale),
            ("v1=00", BODY, AT, SignatureError::Malformed),
            ("", BODY, AT, SignatureError::Malformed),
        ];
        for (header, body, now, expected) in cases {
            match parse(header, body, now) {
                Err(ProviderError::Signature(e)) => assert_eq!(e, expected, "{header}"),
                other => panic!("{header}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_wrong_secret_does_not_verify() {
        let stripe = Stripe::new("http://127.0.0.1:9", "sk_test", "whsec_other");
        let mut headers = HeaderMap::new();
        headers.insert(
            SIGNATURE_HEADER,
            HeaderValue::from_str(&format!("t={AT},v1={VECTOR}")).unwrap(),
        );
        let result = futures::executor::block_on(stripe.parse_notification(
            &headers,
            BODY,
            AT,
            &mut Vec::new(),
        ));
        assert!(matches!(result, Err(ProviderError::Signature(_))));
    }
}
