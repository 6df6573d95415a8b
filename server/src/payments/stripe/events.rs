//! Stripe's webhook events, read into the store's normalised events. Only
//! the fields the store uses are declared; Stripe sends many more.

use crate::payments::provider::{Notification, ProviderError};
use app::domain::payment::PaymentEventKind;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct Event {
    #[serde(rename = "type")]
    pub kind: String,
    pub data: EventData,
}

#[derive(Debug, Deserialize)]
pub struct EventData {
    pub object: serde_json::Value,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Metadata {
    attempt: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Session {
    id: String,
    payment_intent: Option<String>,
    amount_total: Option<i64>,
    currency: Option<String>,
    payment_status: Option<String>,
    #[serde(default)]
    metadata: Metadata,
}

#[derive(Debug, Deserialize)]
struct PaymentIntent {
    id: String,
    amount: i64,
    currency: String,
    #[serde(default)]
    metadata: Metadata,
}

#[derive(Debug, Deserialize)]
struct Charge {
    payment_intent: Option<String>,
    currency: String,
    #[serde(default)]
    metadata: Metadata,
    refunds: Option<List<Refund>>,
}

#[derive(Debug, Deserialize)]
struct List<T> {
    data: Vec<T>,
}

#[derive(Debug, Deserialize)]
struct Refund {
    id: String,
    amount: i64,
}

fn read<T: serde::de::DeserializeOwned>(object: serde_json::Value) -> Result<T, ProviderError> {
    serde_json::from_value(object).map_err(|e| ProviderError::Unreadable(e.to_string()))
}

/// Stripe writes currencies in lower case.
fn currency(code: &str) -> String {
    code.to_ascii_uppercase()
}

fn session_event(session: Session, kind: PaymentEventKind) -> Notification {
    Notification {
        attempt: session.metadata.attempt,
        payment: None,
        // The payment intent, once there is one, is what refunds name.
        reference: session.payment_intent.unwrap_or(session.id),
        kind,
        amount_minor: session.amount_total.unwrap_or_default(),
        currency: currency(session.currency.as_deref().unwrap_or_default()),
    }
}

/// The store's events in a Stripe event; kinds the store does not use
/// give none.
pub fn normalise(event: Event) -> Result<Vec<Notification>, ProviderError> {
    let object = event.data.object;
    Ok(match event.kind.as_str() {
        "checkout.session.completed" => {
            let session: Session = read(object)?;
            // Bank debits and the like complete the session before the
            // money arrives; `async_payment_succeeded` follows.
            let kind = match session.payment_status.as_deref() {
                Some("paid") => PaymentEventKind::Captured,
                _ => PaymentEventKind::Pending,
            };
            vec![session_event(session, kind)]
        }
        "checkout.session.async_payment_succeeded" => {
            vec![session_event(read(object)?, PaymentEventKind::Captured)]
        }
        "checkout.session.async_payment_failed" => {
            vec![session_event(read(object)?, PaymentEventKind::Failed)]
        }
        "checkout.session.expired" => {
            vec![session_event(read(object)?, PaymentEventKind::Cancelled)]
        }
        "payment_intent.payment_failed" => {
            let intent: PaymentIntent = read(object)?;
            vec![Notification {
                attempt: intent.metadata.attempt,
                payment: None,
                reference: intent.id,
                kind: PaymentEventKind::Failed,
                amount_minor: intent.amount,
                currency: currency(&intent.currency),
            }]
        }
        "charge.refunded" => {
            let charge: Charge = read(object)?;
            let refunds = charge.refunds.map(|list| list.data).unwrap_or_default();
            refunds
                .into_iter()
                .map(|refund| Notification {
                    attempt: charge.metadata.attempt.clone(),
                    payment: charge.payment_intent.clone(),
                    reference: refund.id,
                    kind: PaymentEventKind::Refunded,
                    amount_minor: refund.amount,
                    currency: currency(&charge.currency),
                })
                .collect()
        }
        _ => Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn event(kind: &str, object: serde_json::Value) -> Event {
        serde_json::from_value(json!({"id": "evt_1", "type": kind, "data": {"object": object}}))
            .unwrap()
    }

    #[test]
    fn a_paid_session_is_a_capture_of_its_payment_intent() {
        let events = normalise(event(
            "checkout.session.completed",
            json!({"id": "cs_1", "payment_intent": "pi_1", "amount_total": 1250,
                   "currency": "eur", "payment_status": "paid", "metadata": {"attempt": "a1"}}),
        ))
        .unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].kind, PaymentEventKind::Captured);
        assert_eq!(events[0].reference, "pi_1");
        assert_eq!(events[0].attempt.as_deref(), Some("a1"));
        assert_eq!(
            (events[0].amount_minor, events[0].currency.as_str()),
            (1250, "EUR")
        );
    }

    #[test]
    fn an_unpaid_completed_session_is_pending() {
        let events = normalise(event(
            "checkout.session.completed",
            json!({"id": "cs_1", "payment_intent": "pi_1", "amount_total": 1250,
                   "currency": "eur", "payment_status": "unpaid"}),
        ))
        .unwrap();
        assert_eq!(events[0].kind, PaymentEventKind::Pending);
    }

    #[test]
    fn refunds_name_their_payment_intent() {
        let events = normalise(event(
            "charge.refunded",
            json!({"id": "ch_1", "payment_intent": "pi_1", "currency": "usd",
                   "refunds": {"data": [{"id": "re_1", "amount": 100}, {"id": "re_2", "amount": 50}]}}),
        ))
        .unwrap();
        assert_eq!(events.len(), 2);
        assert!(events.iter().all(|e| e.payment.as_deref() == Some("pi_1")));
        assert_eq!(events[1].reference, "re_2");
        assert_eq!(events[1].kind, PaymentEventKind::Refunded);
    }

    #[test]
    fn other_event_kinds_are_acknowledged_and_ignored() {
        assert!(
            normalise(event("customer.created", json!({"id": "cus_1"})))
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn a_malformed_object_is_unreadable() {
        let broken = normalise(event("payment_intent.payment_failed", json!({"id": 5})));
        assert!(matches!(broken, Err(ProviderError::Unreadable(_))));
    }
}
