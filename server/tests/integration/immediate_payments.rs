//! A provider that decides at once (no page for the shopper to visit): its
//! result is applied when the payment starts, through the same exactly-once
//! path as notifications, amount checks included.

use async_trait::async_trait;
use axum::http::HeaderMap;
use server::payments::PaymentStore;
use server::payments::provider::{
    Capabilities, Exchange, Notification, PaymentProvider, ProviderError, StartRequest, Started,
};
use std::sync::Arc;

/// Charges a saved card at once; `short` takes one cent less than asked.
struct SavedCard {
    short: bool,
}

#[async_trait]
impl PaymentProvider for SavedCard {
    fn code(&self) -> &'static str {
        "saved_card"
    }
    fn name(&self) -> &str {
        "Saved card"
    }
    fn description(&self) -> &str {
        ""
    }
    fn capabilities(&self) -> Capabilities {
        Capabilities {
            immediate: true,
            ..Capabilities::default()
        }
    }
    async fn start(
        &self,
        request: &StartRequest,
        _exchanges: &mut Vec<Exchange>,
    ) -> Result<Started, ProviderError> {
        Ok(Started::Completed(Notification {
            attempt: None,
            payment: None,
            reference: format!("card-{}", request.attempt),
            kind: app::domain::payment::PaymentEventKind::Captured,
            amount_minor: request.amount_minor - i64::from(self.short),
            currency: request.currency.clone(),
        }))
    }
    async fn parse_notification(
        &self,
        _headers: &HeaderMap,
        _body: &[u8],
        _now: i64,
        _exchanges: &mut Vec<Exchange>,
    ) -> Result<Vec<Notification>, ProviderError> {
        Ok(Vec::new())
    }
}

both_backends!(
    an_immediate_result_is_applied_when_the_payment_starts,
    |store| {
        let (_, number, _) = store.new_order("TEST-0005", "1").await;
        let order = store
            .number(&format!("SELECT id FROM orders WHERE number = '{number}'"))
            .await;
        let payments = |short| {
            PaymentStore::new(
                store.db().clone(),
                server::orders::OrderMachine::default(),
                vec![Arc::new(SavedCard { short }) as Arc<dyn PaymentProvider>],
                server::payments::PublicBase::default(),
            )
        };
        // A capture of the wrong amount is recorded nowhere and pays nothing.
        let started = payments(true)
            .start(order, "saved_card", server::basket::now())
            .await
            .unwrap();
        assert!(matches!(started, Started::Completed(_)));
        assert_eq!(
            store.order_money(&number).await,
            ("awaiting_payment".into(), 0, 0)
        );

        payments(false)
            .start(order, "saved_card", server::basket::now())
            .await
            .unwrap();
        let total = store.order_total(&number).await;
        assert_eq!(store.order_money(&number).await, ("paid".into(), total, 0));
        assert_eq!(
            store
                .number("SELECT COUNT(*) FROM payment_attempts WHERE status = 'captured'")
                .await,
            1
        );
    }
);
