//! Payment bookkeeping, the same for every provider: attempts, the
//! processor log, and applying processor events exactly once.
//!
//! An event is applied in one transaction that first locks its attempt,
//! then inserts the event under the unique key (provider, reference, kind)
//! — a replay or a racing duplicate inserts nothing and changes nothing —
//! then moves the attempt forward only (a stale "pending" after "captured"
//! is recorded but ignored), and on capture adds the amount to the order's
//! payments and moves the order to `paid` through its state machine.

use super::provider::{Exchange, Notification, PaymentProvider, ProviderError, Started};
use crate::db::{Db, StoreError, Tx};
use crate::orders::{OrderError, OrderMachine};
use crate::vals;
use app::domain::order_state::Transition;
use app::domain::payment::{AttemptMoney, AttemptStatus, PaymentEventKind};
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum PaymentError {
    #[error("there is no such payment provider")]
    UnknownProvider,
    #[error("this order cannot be paid now")]
    NotPayable,
    #[error(transparent)]
    Provider(#[from] ProviderError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Order(#[from] OrderError),
}

impl From<sqlx::Error> for PaymentError {
    fn from(e: sqlx::Error) -> Self {
        PaymentError::Store(e.into())
    }
}

/// What became of one processor event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// The attempt moved (and the order, on capture).
    Moved(AttemptStatus),
    /// The same event was applied before.
    Duplicate,
    /// Recorded, but the attempt is already further along.
    Stale,
    /// No attempt of this provider has that token: ignored.
    UnknownAttempt,
    /// Amount or currency differ from the attempt's: recorded, ignored.
    Mismatch,
}

#[derive(sqlx::FromRow)]
struct AttemptRow {
    id: i64,
    order_id: i64,
    status: String,
    amount_minor: i64,
    currency: String,
    captured_minor: i64,
    refunded_minor: i64,
}

crate::lite_row!(AttemptRow {
    id,
    order_id,
    status,
    amount_minor,
    currency,
    captured_minor,
    refunded_minor
});

#[derive(sqlx::FromRow)]
struct PayableOrder {
    number: String,
    status: String,
    currency: String,
    total_minor: i64,
    paid_minor: i64,
}

#[derive(Clone)]
pub struct PaymentStore {
    pub(super) db: Db,
    pub(super) machine: OrderMachine,
    providers: Arc<HashMap<&'static str, Arc<dyn PaymentProvider>>>,
    /// The providers' codes in the order the checkout offers them.
    order: Arc<Vec<&'static str>>,
    /// This store's public address, for return and notification URLs.
    base: super::PublicBase,
    /// Says which providers the merchant has taken off the checkout.
    settings: Option<crate::settings::LiveSettings>,
}

impl PaymentStore {
    pub fn new(
        db: Db,
        machine: OrderMachine,
        providers: Vec<Arc<dyn PaymentProvider>>,
        base: super::PublicBase,
    ) -> Self {
        PaymentStore {
            db,
            machine,
            order: Arc::new(providers.iter().map(|p| p.code()).collect()),
            providers: Arc::new(providers.into_iter().map(|p| (p.code(), p)).collect()),
            base,
            settings: None,
        }
    }

    /// Offers at checkout only the providers the settings leave enabled.
    pub fn with_settings(mut self, settings: crate::settings::LiveSettings) -> Self {
        self.settings = Some(settings);
        self
    }

    /// Every configured provider's code and name, enabled or not.
    pub fn configured(&self) -> Vec<(&'static str, String)> {
        self.order
            .iter()
            .filter_map(|code| self.providers.get(code))
            .map(|p| (p.code(), p.name().to_owned()))
            .collect()
    }

    /// The enabled providers as checkout options, in the order they were
    /// configured; the first is preselected.
    pub fn options(&self) -> Vec<app::checkout::types::PaymentOption> {
        let current = self.settings.as_ref().map(|s| s.get());
        let disabled = current
            .as_ref()
            .map(|c| c.payments_disabled.as_slice())
            .unwrap_or_default();
        self.order
            .iter()
            .filter(|code| !disabled.iter().any(|d| d == *code))
            .filter_map(|code| self.providers.get(code))
            .map(|p| app::checkout::types::PaymentOption {
                code: p.code().to_owned(),
                name: p.name().to_owned(),
                description: p.description().to_owned(),
            })
            .collect()
    }

    pub fn provider(&self, code: &str) -> Result<&Arc<dyn PaymentProvider>, PaymentError> {
        self.providers
            .get(code)
            .ok_or(PaymentError::UnknownProvider)
    }

    /// Whether paying with `code` goes through its processor (a page the
    /// shopper is sent to, or a decision made at once), so it is started
    /// when the order is placed and can be started again.
    pub fn online(&self, code: &str) -> bool {
        self.provider(code).is_ok_and(|p| {
            let can = p.capabilities();
            can.hosted_page || can.immediate
        })
    }

    /// What the shopper of an unpaid order paying with `code` should do.
    pub fn instructions(
        &self,
        code: &str,
        order_number: &str,
        due: app::domain::Money,
    ) -> Option<app::orders::types::PaymentInstructions> {
        self.provider(code)
            .ok()
            .and_then(|p| p.instructions(order_number, due))
    }

    /// Records messages to or from a processor.
    pub async fn log(
        &self,
        provider: &str,
        order: Option<i64>,
        attempt: Option<i64>,
        exchanges: &[Exchange],
        now: i64,
    ) -> Result<(), StoreError> {
        for exchange in exchanges {
            self.db
                .execute(
                    "INSERT INTO processor_responses (provider, direction, order_id, attempt_id, headers, body, at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    vals![
                        provider,
                        exchange.direction,
                        order,
                        attempt,
                        &exchange.headers,
                        &exchange.body,
                        now
                    ],
                )
                .await?;
        }
        Ok(())
    }

    /// Starts a new attempt to pay the order with `provider`.
    pub async fn start(
        &self,
        order: i64,
        provider: &str,
        now: i64,
    ) -> Result<Started, PaymentError> {
        let processor = self.provider(provider)?.clone();
        let payable: PayableOrder = self
            .db
            .rows(
                "SELECT number, status, currency, total_minor, paid_minor FROM orders WHERE id = $1",
                vals![order],
            )
            .await?
            .into_iter()
            .next()
            .ok_or(PaymentError::NotPayable)?;
        let due = payable.total_minor - payable.paid_minor;
        if !matches!(payable.status.as_str(), "created" | "awaiting_payment") || due <= 0 {
            return Err(PaymentError::NotPayable);
        }
        let token = attempt_token();
        let attempt = {
            let mut tx = self.db.begin().await?;
            let id = tx
                .scalar(
                    "INSERT INTO payment_attempts (order_id, token, provider, status, amount_minor, currency, created_at, updated_at) \
                     VALUES ($1, $2, $3, 'started', $4, $5, $6, $6) RETURNING id",
                    vals![order, &token, provider, due, &payable.currency, now],
                )
                .await?
                .ok_or_else(|| StoreError::Corrupt("attempt insert returned no id".into()))?;
            tx.commit().await?;
            id
        };
        let request = super::provider::StartRequest {
            order_number: payable.number,
            attempt: token.clone(),
            amount_minor: due,
            currency: payable.currency,
            return_url: format!("{}/payments/{provider}/return/{token}", self.base.get()),
            notify_url: format!("{}/payments/{provider}/notify", self.base.get()),
        };
        let mut exchanges = Vec::new();
        let started = processor.start(&request, &mut exchanges).await;
        self.log(provider, Some(order), Some(attempt), &exchanges, now)
            .await?;
        let started = started?;
        if let Started::Redirect {
            reference, pay_uri, ..
        } = &started
        {
            if reference.is_some() || pay_uri.is_some() {
                self.db
                    .execute(
                        "UPDATE payment_attempts SET reference = $2, pay_uri = $3 WHERE id = $1",
                        vals![attempt, reference.clone(), pay_uri.clone()],
                    )
                    .await?;
            }
        }
        if let Started::Completed(event) = &started {
            let event = Notification {
                attempt: Some(token.clone()),
                payment: None,
                ..event.clone()
            };
            self.apply(provider, &event, now).await?;
        }
        Ok(started)
    }

    /// A processor's notification: logged verbatim, verified, applied.
    pub async fn notify(
        &self,
        provider: &str,
        headers: &axum::http::HeaderMap,
        body: &[u8],
        now: i64,
    ) -> Result<Vec<Applied>, PaymentError> {
        let processor = self.provider(provider)?.clone();
        let exchange = Exchange {
            direction: "notification",
            headers: super::provider::redacted_headers(headers),
            body: String::from_utf8_lossy(body).into_owned(),
        };
        let mut exchanges = vec![exchange];
        let notifications = processor
            .parse_notification(headers, body, now, &mut exchanges)
            .await;
        self.log(provider, None, None, &exchanges, now).await?;
        let notifications = notifications?;
        let mut applied = Vec::with_capacity(notifications.len());
        for notification in notifications {
            applied.push(self.apply(provider, &notification, now).await?);
        }
        Ok(applied)
    }

    /// The shopper is back from the processor: apply what the (signed)
    /// return says, and name the order's page.
    pub async fn returned(
        &self,
        provider: &str,
        attempt: &str,
        query: &str,
        now: i64,
    ) -> Result<String, PaymentError> {
        let processor = self.provider(provider)?.clone();
        if let Some(notification) = processor.parse_return(attempt, query) {
            self.apply(provider, &notification, now).await?;
        }
        let token: Option<(String,)> = self
            .db
            .rows(
                "SELECT o.access_token FROM payment_attempts a JOIN orders o ON o.id = a.order_id \
                 WHERE a.token = $1 AND a.provider = $2",
                vals![attempt, provider],
            )
            .await?
            .into_iter()
            .next();
        token
            .map(|(token,)| app::orders::types::token_url(&token))
            .ok_or(PaymentError::NotPayable)
    }

    /// The attempt a processor's payment reference belongs to.
    async fn attempt_of(
        &self,
        provider: &str,
        payment: &str,
    ) -> Result<Option<String>, StoreError> {
        Ok(self
            .db
            .rows::<(String,)>(
                "SELECT token FROM payment_attempts WHERE provider = $1 AND reference = $2",
                vals![provider, payment],
            )
            .await?
            .into_iter()
            .next()
            .map(|(token,)| token))
    }

    /// Applies one event exactly once (see the module notes), on the
    /// processor's word.
    pub async fn apply(
        &self,
        provider: &str,
        event: &Notification,
        now: i64,
    ) -> Result<Applied, PaymentError> {
        let applied = self
            .apply_by(provider, event, &format!("provider:{provider}"), now)
            .await;
        let outcome = match &applied {
            Ok(Applied::Moved(status)) => status.code(),
            Ok(Applied::Duplicate) => "duplicate",
            Ok(Applied::Stale) => "stale",
            Ok(Applied::UnknownAttempt) => "unknown_attempt",
            Ok(Applied::Mismatch) => "mismatch",
            Err(_) => "error",
        };
        metrics::counter!("store_payment_events_total", "provider" => provider.to_owned(), "outcome" => outcome)
            .increment(1);
        applied
    }

    /// The same, with the order's move recorded as made by `actor` (a
    /// merchant's refund).
    pub(super) async fn apply_by(
        &self,
        provider: &str,
        event: &Notification,
        actor: &str,
        now: i64,
    ) -> Result<Applied, PaymentError> {
        let token = match (&event.attempt, &event.payment) {
            (Some(token), _) => token.clone(),
            (None, Some(payment)) => match self.attempt_of(provider, payment).await? {
                Some(token) => token,
                None => return Ok(Applied::UnknownAttempt),
            },
            (None, None) => return Ok(Applied::UnknownAttempt),
        };
        let token = token.as_str();
        let mut tx = self.db.begin().await?;
        let outcome = self
            .apply_in(&mut tx, provider, token, event, actor, now)
            .await;
        match outcome {
            Ok((applied, change)) => {
                tx.commit().await?;
                if let Some(change) = change {
                    self.machine.announce(&change);
                }
                Ok(applied)
            }
            Err(e) => {
                tx.rollback().await?;
                Err(e)
            }
        }
    }

    async fn apply_in(
        &self,
        tx: &mut Tx,
        provider: &str,
        token: &str,
        event: &Notification,
        actor: &str,
        now: i64,
    ) -> Result<(Applied, Option<crate::orders::OrderMove>), PaymentError> {
        // Lock the attempt first: deliveries of one payment queue here.
        let locked = tx
            .execute(
                "UPDATE payment_attempts SET updated_at = updated_at WHERE token = $1 AND provider = $2",
                vals![token, provider],
            )
            .await?;
        if locked == 0 {
            tracing::warn!(provider, "a notification names no known payment; ignored");
            return Ok((Applied::UnknownAttempt, None));
        }
        let attempt: AttemptRow = tx
            .rows(
                "SELECT id, order_id, status, amount_minor, currency, captured_minor, refunded_minor \
                 FROM payment_attempts WHERE token = $1 AND provider = $2",
                vals![token, provider],
            )
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| StoreError::Corrupt("a locked attempt vanished".into()))?;
        let status = AttemptStatus::parse(&attempt.status).ok_or_else(|| {
            StoreError::Corrupt(format!(
                "attempt {} has status {}",
                attempt.id, attempt.status
            ))
        })?;
        let expected = AttemptMoney {
            amount_minor: attempt.amount_minor,
            currency: &attempt.currency,
            captured_minor: attempt.captured_minor,
            refunded_minor: attempt.refunded_minor,
        };
        let fits = expected.accepts(event.kind, event.amount_minor, &event.currency);
        if !fits {
            tracing::warn!(
                provider,
                attempt = attempt.id,
                "a notification's amount or currency does not match its payment; ignored"
            );
            return Ok((Applied::Mismatch, None));
        }
        let inserted = tx
            .execute(
                "INSERT INTO payment_events (attempt_id, provider, reference, kind, amount_minor, currency, at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (provider, reference, kind) DO NOTHING",
                vals![
                    attempt.id,
                    provider,
                    &event.reference,
                    event.kind.code(),
                    event.amount_minor,
                    &event.currency,
                    now
                ],
            )
            .await?;
        if inserted == 0 {
            return Ok((Applied::Duplicate, None));
        }
        let Some(next) = status.after(event.kind) else {
            return Ok((Applied::Stale, None));
        };
        let (captured, refunded) = match event.kind {
            PaymentEventKind::Captured => (event.amount_minor, 0),
            PaymentEventKind::Refunded => (0, event.amount_minor),
            _ => (0, 0),
        };
        let moved = tx
            .execute(
                "UPDATE payment_attempts SET status = $3, captured_minor = captured_minor + $4, \
                 refunded_minor = refunded_minor + $5, reference = COALESCE(reference, $6), updated_at = $7 \
                 WHERE id = $1 AND status = $2",
                vals![
                    attempt.id,
                    status.code(),
                    next.code(),
                    captured,
                    refunded,
                    &event.reference,
                    now
                ],
            )
            .await?;
        if moved == 0 {
            return Err(StoreError::Corrupt("a locked attempt changed".into()).into());
        }
        let change = if captured > 0 {
            self.credit(tx, attempt.order_id, captured, actor, now)
                .await?
        } else if refunded > 0 {
            self.debit(tx, attempt.order_id, refunded, actor, now)
                .await?
        } else {
            None
        };
        Ok((Applied::Moved(next), change))
    }

    /// Adds a captured amount to the order and moves it to `paid` once the
    /// payments cover its total.
    async fn credit(
        &self,
        tx: &mut Tx,
        order: i64,
        amount: i64,
        actor: &str,
        now: i64,
    ) -> Result<Option<crate::orders::OrderMove>, PaymentError> {
        tx.execute(
            "UPDATE orders SET paid_minor = paid_minor + $2, updated_at = $3 WHERE id = $1",
            vals![order, amount, now],
        )
        .await?;
        // Not covered yet (a partial payment), or no longer payable (already
        // paid, or cancelled meanwhile): the money is recorded on the order
        // either way, for the merchant to settle.
        self.move_order(tx, order, Transition::Pay, actor, "payment captured", now)
            .await
    }

    /// Counts a refund on the order and moves it to `refunded` once all it
    /// was paid is back, else to `partially_refunded`.
    async fn debit(
        &self,
        tx: &mut Tx,
        order: i64,
        amount: i64,
        actor: &str,
        now: i64,
    ) -> Result<Option<crate::orders::OrderMove>, PaymentError> {
        let counted = tx
            .execute(
                "UPDATE orders SET refunded_minor = refunded_minor + $2, updated_at = $3 \
                 WHERE id = $1 AND refunded_minor + $2 <= paid_minor",
                vals![order, amount, now],
            )
            .await?;
        if counted == 0 {
            return Err(StoreError::Corrupt(format!(
                "order {order}: a refund exceeds what was paid"
            ))
            .into());
        }
        let (paid, refunded): (i64, i64) = tx
            .rows(
                "SELECT paid_minor, refunded_minor FROM orders WHERE id = $1",
                vals![order],
            )
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| StoreError::Corrupt("a refunded order vanished".into()))?;
        let transition = if refunded >= paid {
            Transition::Refund
        } else {
            Transition::RefundPartially
        };
        // E.g. money refunded on an order that was never marked paid: the
        // refund is recorded, the status stays.
        self.move_order(tx, order, transition, actor, "payment refunded", now)
            .await
    }

    /// Moves the order after money changed hands, if its state machine
    /// allows; a refused move leaves the recorded money in place.
    async fn move_order(
        &self,
        tx: &mut Tx,
        order: i64,
        transition: Transition,
        actor: &str,
        reason: &str,
        now: i64,
    ) -> Result<Option<crate::orders::OrderMove>, PaymentError> {
        match self
            .machine
            .apply_in(tx, order, transition, actor, reason, now)
            .await
        {
            Ok(change) => Ok(Some(change)),
            Err(OrderError::Rejected(refusal)) => {
                tracing::info!(order, %refusal, reason, "money moved but the order did not");
                Ok(None)
            }
            Err(e) => Err(e.into()),
        }
    }
}

/// 128 random bits, hex.
pub(super) fn attempt_token() -> String {
    crate::orders::token()[..32].to_owned()
}
