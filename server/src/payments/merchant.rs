//! The merchant's side of payments: the ledger of an order, payments
//! recorded by hand, marking an order paid, and refunds. The staff role is
//! checked by the server functions before any of this runs.

use super::bank_transfer;
use super::provider::Notification;
use super::store::{Applied, PaymentError, PaymentStore};
use crate::db::StoreError;
use crate::orders::OrderError;
use crate::vals;
use app::admin::types::{LedgerEntry, PaymentLedger};
use app::domain::order_state::{GuardFacts, OrderState, Transition, TransitionError};
use app::domain::payment::PaymentEventKind;
use app::domain::{Currency, Money};
use app::services::{MerchantPaymentService, ServiceError};
use async_trait::async_trait;

/// Bank references and notes are short; longer input is a mistake.
const MAX_REFERENCE: usize = 100;

#[derive(sqlx::FromRow)]
struct OrderMoney {
    id: i64,
    number: String,
    status: String,
    currency: String,
    total_minor: i64,
    paid_minor: i64,
    refunded_minor: i64,
}

impl OrderMoney {
    fn state(&self) -> Result<OrderState, StoreError> {
        OrderState::parse(&self.status)
            .ok_or_else(|| StoreError::Corrupt(format!("order {} status", self.id)))
    }

    fn currency(&self) -> Result<Currency, StoreError> {
        Currency::parse(&self.currency)
            .map_err(|e| StoreError::Corrupt(format!("order {} currency: {e}", self.id)))
    }

    fn money(&self, minor: i64) -> Result<Money, StoreError> {
        Ok(Money::from_minor(minor, self.currency()?))
    }

    fn facts(&self) -> GuardFacts {
        GuardFacts {
            total_minor: self.total_minor,
            paid_minor: self.paid_minor,
        }
    }

    /// A positive amount in the order's currency, in minor units.
    fn amount(&self, text: &str) -> Result<i64, ServiceError> {
        let minor = Money::parse(text, self.currency()?)
            .and_then(|m| m.to_minor())
            .map_err(|e| ServiceError::Invalid(format!("Amount: {e}.")))?;
        if minor == 0 {
            return Err(ServiceError::Invalid(
                "Amount: enter an amount above zero.".into(),
            ));
        }
        Ok(minor)
    }
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    provider: String,
    status: String,
    amount_minor: i64,
    captured_minor: i64,
    refunded_minor: i64,
    reference: Option<String>,
    recorded_by: Option<String>,
    created_at: i64,
}

/// A refundable share of a payment.
#[derive(sqlx::FromRow)]
struct Refundable {
    token: String,
    provider: String,
    reference: Option<String>,
    remaining: i64,
}

/// What became of a payment entered by hand.
enum Recorded {
    Done,
    /// The reference was recorded before.
    Duplicate,
    /// The order is paid, cancelled or closed.
    NotOpen,
}

fn internal(error: PaymentError) -> ServiceError {
    ServiceError::Internal(error.to_string())
}

impl PaymentStore {
    async fn order_money(&self, number: &str) -> Result<OrderMoney, ServiceError> {
        let number: String = number.trim().chars().take(20).collect();
        self.db
            .rows(
                "SELECT id, number, status, currency, total_minor, paid_minor, refunded_minor \
                 FROM orders WHERE number = $1",
                vals![number],
            )
            .await
            .map_err(StoreError::from)?
            .into_iter()
            .next()
            .ok_or_else(|| ServiceError::NotFound("There is no order with that number.".into()))
    }

    async fn ledger_of(&self, order: &OrderMoney) -> Result<PaymentLedger, ServiceError> {
        let rows: Vec<EntryRow> = self
            .db
            .rows(
                "SELECT provider, status, amount_minor, captured_minor, refunded_minor, reference, \
                 recorded_by, created_at FROM payment_attempts WHERE order_id = $1 ORDER BY id",
                vals![order.id],
            )
            .await
            .map_err(StoreError::from)?;
        let state = order.state()?;
        let payments = rows
            .into_iter()
            .map(|row| {
                Ok(LedgerEntry {
                    provider: row.provider,
                    status: row.status,
                    amount: order.money(row.amount_minor)?,
                    captured: order.money(row.captured_minor)?,
                    refunded: order.money(row.refunded_minor)?,
                    reference: row.reference.unwrap_or_default(),
                    recorded_by: row.recorded_by.unwrap_or_default(),
                    at: row.created_at,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(PaymentLedger {
            number: order.number.clone(),
            status_label: state.label(),
            total: order.money(order.total_minor)?,
            paid: order.money(order.paid_minor)?,
            refunded: order.money(order.refunded_minor)?,
            due: order.money((order.total_minor - order.paid_minor).max(0))?,
            refundable: order.money(order.paid_minor - order.refunded_minor)?,
            can_mark_paid: state.apply(Transition::Pay, order.facts()).is_ok(),
            payments,
        })
    }

    /// Inserts a captured bank payment and counts it on the order, in one
    /// transaction.
    async fn insert_recorded(
        &self,
        order: &OrderMoney,
        amount: i64,
        reference: &str,
        actor: &str,
        now: i64,
    ) -> Result<Recorded, StoreError> {
        let mut tx = self.db.begin().await?;
        // Only unpaid orders take payments by hand; the condition also
        // locks the order row.
        let open = tx
            .execute(
                "UPDATE orders SET paid_minor = paid_minor + $2, updated_at = $3 \
                 WHERE id = $1 AND status IN ('created', 'awaiting_payment')",
                vals![order.id, amount, now],
            )
            .await?;
        if open == 0 {
            tx.rollback().await?;
            return Ok(Recorded::NotOpen);
        }
        let attempt = tx
            .scalar(
                "INSERT INTO payment_attempts (order_id, token, provider, status, amount_minor, currency, \
                 reference, captured_minor, recorded_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, 'captured', $4, $5, $6, $4, $7, $8, $8) \
                 ON CONFLICT (provider, reference) WHERE reference IS NOT NULL DO NOTHING RETURNING id",
                vals![
                    order.id,
                    super::store::attempt_token(),
                    bank_transfer::CODE,
                    amount,
                    &order.currency,
                    reference,
                    actor,
                    now
                ],
            )
            .await?;
        let Some(attempt) = attempt else {
            tx.rollback().await?;
            return Ok(Recorded::Duplicate);
        };
        tx.execute(
            "INSERT INTO payment_events (attempt_id, provider, reference, kind, amount_minor, currency, at) \
             VALUES ($1, $2, $3, 'captured', $4, $5, $6)",
            vals![
                attempt,
                bank_transfer::CODE,
                reference,
                amount,
                &order.currency,
                now
            ],
        )
        .await?;
        tx.commit().await?;
        Ok(Recorded::Done)
    }

    /// Splits `amount` over the order's payments, newest first, and refunds
    /// each share through the provider that took it.
    async fn refund_order(
        &self,
        order: &OrderMoney,
        amount: i64,
        actor: &str,
        now: i64,
    ) -> Result<(), ServiceError> {
        let shares: Vec<Refundable> = self
            .db
            .rows(
                "SELECT token, provider, reference, captured_minor - refunded_minor AS remaining \
                 FROM payment_attempts WHERE order_id = $1 AND captured_minor > refunded_minor \
                 ORDER BY id DESC",
                vals![order.id],
            )
            .await
            .map_err(StoreError::from)?;
        let mut left = amount;
        for share in shares {
            if left == 0 {
                break;
            }
            let part = left.min(share.remaining);
            let processor = self.provider(&share.provider).map_err(internal)?.clone();
            let capabilities = processor.capabilities();
            if !capabilities.refunds || (part < share.remaining && !capabilities.partial_refunds) {
                return Err(ServiceError::Conflict(format!(
                    "{} cannot refund this amount; refund it with the processor directly.",
                    processor.name()
                )));
            }
            let reference = share.reference.as_deref().ok_or_else(|| {
                ServiceError::Internal(format!(
                    "a captured {} payment has no reference",
                    share.provider
                ))
            })?;
            let mut exchanges = Vec::new();
            let refunded = processor
                .refund(reference, part, &order.currency, &mut exchanges)
                .await;
            self.log(&share.provider, Some(order.id), None, &exchanges, now)
                .await?;
            let refund_reference = refunded.map_err(|e| {
                tracing::error!(error = %e, order = order.id, "a refund was refused");
                ServiceError::Conflict(format!("{} did not refund: {e}", processor.name()))
            })?;
            let event = Notification {
                attempt: Some(share.token),
                payment: None,
                reference: refund_reference,
                kind: PaymentEventKind::Refunded,
                amount_minor: part,
                currency: order.currency.clone(),
            };
            match self
                .apply_by(&share.provider, &event, actor, now)
                .await
                .map_err(internal)?
            {
                Applied::Moved(_) | Applied::Duplicate => {}
                other => {
                    return Err(ServiceError::Conflict(format!(
                        "The refund could not be recorded ({other:?}); please check the order."
                    )));
                }
            }
            left -= part;
        }
        Ok(())
    }
}

#[async_trait]
impl MerchantPaymentService for PaymentStore {
    async fn ledger(&self, number: &str) -> Result<PaymentLedger, ServiceError> {
        let order = self.order_money(number).await?;
        self.ledger_of(&order).await
    }

    async fn record_payment(
        &self,
        number: &str,
        amount: &str,
        reference: &str,
        actor: &str,
    ) -> Result<PaymentLedger, ServiceError> {
        let order = self.order_money(number).await?;
        let amount = order.amount(amount)?;
        let reference = reference.trim();
        if reference.chars().count() > MAX_REFERENCE {
            return Err(ServiceError::Invalid(format!(
                "Reference: at most {MAX_REFERENCE} characters."
            )));
        }
        let reference = if reference.is_empty() {
            format!("manual-{}", &crate::orders::token()[..16])
        } else {
            reference.to_owned()
        };
        match self
            .insert_recorded(&order, amount, &reference, actor, crate::basket::now())
            .await?
        {
            Recorded::Done => self.ledger(number).await,
            Recorded::Duplicate => Err(ServiceError::Conflict(
                "A payment with this reference is already recorded.".into(),
            )),
            Recorded::NotOpen => Err(ServiceError::Conflict(
                "Payments can be recorded only for orders awaiting payment.".into(),
            )),
        }
    }

    async fn mark_paid(&self, number: &str, actor: &str) -> Result<PaymentLedger, ServiceError> {
        let order = self.order_money(number).await?;
        match self
            .machine
            .apply(
                &self.db,
                order.id,
                Transition::Pay,
                actor,
                "marked as paid",
                crate::basket::now(),
            )
            .await
        {
            Ok(_) => self.ledger(number).await,
            Err(OrderError::Rejected(TransitionError::NotCovered { paid, total })) => {
                Err(ServiceError::Conflict(format!(
                    "The payments recorded ({}) do not cover the total ({}).",
                    order.money(paid)?,
                    order.money(total)?
                )))
            }
            Err(other) => Err(other.into()),
        }
    }

    async fn refund(
        &self,
        number: &str,
        amount: &str,
        actor: &str,
    ) -> Result<PaymentLedger, ServiceError> {
        let order = self.order_money(number).await?;
        let amount = order.amount(amount)?;
        if order
            .state()?
            .apply(Transition::RefundPartially, order.facts())
            .is_err()
        {
            return Err(ServiceError::Conflict(
                "Only paid orders can be refunded; an unpaid order can be cancelled instead."
                    .into(),
            ));
        }
        let refundable = order.paid_minor - order.refunded_minor;
        if amount > refundable {
            return Err(ServiceError::Conflict(format!(
                "At most {} can be refunded.",
                order.money(refundable)?
            )));
        }
        self.refund_order(&order, amount, actor, crate::basket::now())
            .await?;
        self.ledger(number).await
    }
}
