//! How testpay delivers its notifications: on time, late, several times,
//! or a stale "pending" after the "captured", as configured.

use super::{Testpay, TestpayEvent};
use crate::payments::signature::sign_timestamped;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Delivery {
    /// Before the first notification.
    pub delay: Duration,
    /// For "Pay, notify late".
    pub late: Duration,
    /// Each notification is sent this many times.
    pub copies: u32,
    /// Also send a "pending" after the outcome, as a slow processor would.
    pub stale_pending: bool,
}

impl Default for Delivery {
    fn default() -> Self {
        Delivery {
            delay: Duration::from_millis(200),
            late: Duration::from_secs(4),
            copies: 1,
            stale_pending: false,
        }
    }
}

impl Testpay {
    /// Sends `event` (and whatever the configuration adds) in the
    /// background, as a processor's webhook queue would.
    pub fn deliver(&self, notify_url: String, event: TestpayEvent, late: bool) {
        let testpay = self.clone();
        tokio::spawn(async move {
            let wait = if late {
                testpay.delivery.late
            } else {
                testpay.delivery.delay
            };
            tokio::time::sleep(wait).await;
            let mut events = vec![event.clone()];
            if testpay.delivery.stale_pending && event.kind != "pending" {
                events.push(TestpayEvent {
                    id: format!("{}_pending", event.id),
                    kind: "pending".into(),
                    ..event
                });
            }
            for event in events {
                for _ in 0..testpay.delivery.copies.max(1) {
                    testpay.send(&notify_url, &event).await;
                }
            }
        });
    }

    async fn send(&self, url: &str, event: &TestpayEvent) {
        let body = match serde_json::to_vec(event) {
            Ok(body) => body,
            Err(e) => return tracing::error!(error = %e, "testpay could not encode an event"),
        };
        let now = crate::basket::now();
        // A real processor retries until it gets a 2xx; so does testpay,
        // a few times.
        for attempt in 0..5u32 {
            let sent = self
                .client
                .post(url)
                .header("content-type", "application/json")
                .header(
                    super::SIGNATURE_HEADER,
                    sign_timestamped(&self.secret, now, &body),
                )
                .body(body.clone())
                .send()
                .await;
            match sent {
                Ok(response) if response.status().is_success() => return,
                Ok(response) => {
                    tracing::warn!(status = %response.status(), "testpay notification refused")
                }
                Err(e) => tracing::warn!(error = %e, "testpay notification not delivered"),
            }
            tokio::time::sleep(Duration::from_millis(200 * 2u64.pow(attempt))).await;
        }
    }
}
