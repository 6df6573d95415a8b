//! Orders as shoppers reach them: every lookup is scoped to its owner (a
//! signed-in user's number, or the secret token of an order link), and an
//! order that is not theirs is simply not found.

use super::release::end_unpaid;
use super::transitions::{OrderError, OrderMachine};
use super::{owner_url, token_url};
use crate::basket::BasketStore;
use crate::db::{Db, StoreError};
use crate::payments::provider::Started;
use crate::payments::{PaymentError, PaymentStore};
use crate::vals;
use app::checkout::types::CheckoutDraft;
use app::domain::dates::format_utc;
use app::domain::order_state::{OrderState, Transition};
use app::domain::payment::AttemptStatus;
use app::domain::{Currency, Money, Quantity};
use app::orders::types::{
    OrderAccess, OrderDetail, OrderEventView, OrderListItem, OrderSnapshot, PaymentPanel,
    ReorderReport, WalletPayment,
};
use app::services::{BasketId, BasketService, OrderService, ServiceError, UserId};
use async_trait::async_trait;
use std::sync::Arc;

#[derive(Clone)]
pub struct OrderStore {
    db: Db,
    machine: OrderMachine,
    baskets: Arc<BasketStore>,
    payments: PaymentStore,
}

#[derive(sqlx::FromRow)]
struct OrderRow {
    id: i64,
    number: String,
    access_token: String,
    status: String,
    snapshot: String,
    currency: String,
    total_minor: i64,
    paid_minor: i64,
    tracking_number: Option<String>,
}

impl OrderRow {
    fn snapshot(&self) -> Result<OrderSnapshot, StoreError> {
        serde_json::from_str(&self.snapshot)
            .map_err(|e| StoreError::Corrupt(format!("order {} snapshot: {e}", self.id)))
    }
}

/// The order's page for whoever reached it.
fn page_url(access: &OrderAccess, row: &OrderRow) -> String {
    match access {
        OrderAccess::Owner { .. } => owner_url(&row.number),
        OrderAccess::Token(_) => token_url(&row.access_token),
        OrderAccess::Staff { .. } => format!("/admin/orders/{}", row.number),
    }
}

fn not_found() -> ServiceError {
    ServiceError::NotFound("We could not find that order.".into())
}

fn state(code: &str) -> Result<OrderState, StoreError> {
    OrderState::parse(code).ok_or_else(|| StoreError::Corrupt(format!("order status {code}")))
}

fn event_label(transition: &str, to: &str) -> String {
    match transition {
        "place" => "Order placed".to_owned(),
        "await_payment" => "Waiting for payment".to_owned(),
        "cancel" => "Cancelled".to_owned(),
        "expire" => "Cancelled: not paid in time".to_owned(),
        _ => {
            let label = to.replace('_', " ");
            let mut chars = label.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
    }
}

impl OrderStore {
    pub fn new(
        db: Db,
        machine: OrderMachine,
        baskets: Arc<BasketStore>,
        payments: PaymentStore,
    ) -> Self {
        OrderStore {
            db,
            machine,
            baskets,
            payments,
        }
    }

    /// The first order matching `condition` (SQL after `WHERE`).
    async fn order_where(
        &self,
        condition: &str,
        vals: &[crate::db::Val],
    ) -> Result<Option<OrderRow>, ServiceError> {
        let rows: Vec<OrderRow> = self
            .db
            .rows(
                &format!("SELECT id, number, access_token, status, snapshot, currency, total_minor, paid_minor, tracking_number \
                     FROM orders WHERE {condition}"),
                vals,
            )
            .await
            .map_err(StoreError::from)?;
        Ok(rows.into_iter().next())
    }

    async fn find(&self, access: &OrderAccess) -> Result<OrderRow, ServiceError> {
        let row = match access {
            OrderAccess::Owner { user, number } => {
                self.order_where(
                    "number = $1 AND user_id = $2",
                    vals![number.as_str(), *user],
                )
                .await?
            }
            OrderAccess::Token(token) => {
                if !super::plausible_token(token) {
                    return Err(not_found());
                }
                self.order_where("access_token = $1", vals![token.as_str()])
                    .await?
            }
            OrderAccess::Staff { number, .. } => {
                self.order_where("number = $1", vals![number.as_str()])
                    .await?
            }
        };
        row.ok_or_else(not_found)
    }

    fn actor(access: &OrderAccess) -> String {
        match access {
            OrderAccess::Owner { user, .. } => format!("user:{user}"),
            OrderAccess::Token(_) => "guest".to_owned(),
            OrderAccess::Staff { actor, .. } => actor.clone(),
        }
    }
}

#[async_trait]
impl OrderService for OrderStore {
    async fn order(&self, access: &OrderAccess) -> Result<OrderDetail, ServiceError> {
        let row = self.find(access).await?;
        let snapshot = row.snapshot()?;
        let status = state(&row.status)?;
        let events: Vec<(String, String, i64, String)> = self
            .db
            .rows(
                "SELECT transition, to_status, at, reason FROM order_events WHERE order_id = $1 ORDER BY id",
                vals![row.id],
            )
            .await
            .map_err(StoreError::from)?;
        let unpaid = matches!(status, OrderState::Created | OrderState::AwaitingPayment);
        let attempt: Option<(String, Option<String>)> = self
            .db
            .rows(
                "SELECT status, pay_uri FROM payment_attempts WHERE order_id = $1 ORDER BY id DESC LIMIT 1",
                vals![row.id],
            )
            .await
            .map_err(StoreError::from)?
            .into_iter()
            .next();
        let payment = attempt
            .and_then(|(code, uri)| AttemptStatus::parse(&code).map(|status| (status, uri)))
            .map(|(attempt, uri)| {
                let processing = unpaid && !attempt.is_final();
                PaymentPanel {
                    message: attempt.shopper_message().to_owned(),
                    processing,
                    failed: unpaid
                        && matches!(attempt, AttemptStatus::Failed | AttemptStatus::Cancelled),
                    wallet: uri.filter(|_| processing).and_then(|uri| {
                        crate::payments::qr::svg(&uri).map(|qr_svg| WalletPayment { uri, qr_svg })
                    }),
                }
            });
        let can_pay = unpaid
            && self.payments.online(&snapshot.payment.code)
            && payment.as_ref().is_none_or(|p| !p.processing);
        let instructions = if unpaid {
            let due = (row.total_minor - row.paid_minor).max(0);
            let currency = Currency::parse(&row.currency)
                .map_err(|e| StoreError::Corrupt(format!("order {}: {e}", row.id)))?;
            self.payments.instructions(
                &snapshot.payment.code,
                &row.number,
                Money::from_minor(due, currency),
            )
        } else {
            None
        };
        let downloads =
            crate::downloads::links::for_order(&self.db, row.id, crate::startup::now()).await?;
        Ok(OrderDetail {
            downloads,
            tracking_number: row.tracking_number.clone(),
            payment,
            can_pay,
            instructions,
            snapshot,
            status_label: status.label(),
            awaiting_payment: unpaid,
            events: events
                .into_iter()
                .map(|(transition, to, at, reason)| OrderEventView {
                    at,
                    label: format!("{} — {}", format_utc(at), event_label(&transition, &to)),
                    reason,
                })
                .collect(),
            url: page_url(access, &row),
        })
    }

    async fn history(&self, user: UserId) -> Result<Vec<OrderListItem>, ServiceError> {
        let rows: Vec<(String, i64, String, i64, String)> = self
            .db
            .rows(
                "SELECT number, created_at, status, total_minor, currency FROM orders \
                 WHERE user_id = $1 ORDER BY id DESC LIMIT 500",
                vals![user],
            )
            .await
            .map_err(StoreError::from)?;
        rows.into_iter()
            .map(|(number, placed_at, status, total, currency)| {
                let currency = Currency::parse(&currency)
                    .map_err(|e| StoreError::Corrupt(format!("order {number}: {e}")))?;
                Ok(OrderListItem {
                    url: owner_url(&number),
                    status_label: state(&status)?.label(),
                    total: Money::from_minor(total, currency),
                    placed_at,
                    number,
                })
            })
            .collect::<Result<_, StoreError>>()
            .map_err(ServiceError::from)
    }

    async fn cancel(&self, access: &OrderAccess) -> Result<Option<BasketId>, ServiceError> {
        let row = self.find(access).await?;
        let now = crate::basket::now();
        match end_unpaid(
            &self.db,
            &self.machine,
            row.id,
            Transition::Cancel,
            &Self::actor(access),
            match access {
                OrderAccess::Staff { .. } => "cancelled by staff",
                _ => "cancelled by the shopper",
            },
            now,
        )
        .await
        {
            Ok(basket) => Ok(basket),
            Err(OrderError::Rejected(_) | OrderError::Raced) => Err(ServiceError::Conflict(
                "This order can no longer be cancelled: it has been paid or closed.".into(),
            )),
            Err(OrderError::NotFound) => Err(not_found()),
            Err(OrderError::Store(e)) => Err(e.into()),
        }
    }

    async fn pay(&self, access: &OrderAccess) -> Result<String, ServiceError> {
        let row = self.find(access).await?;
        let snapshot = row.snapshot()?;
        if !self.payments.online(&snapshot.payment.code) {
            return Err(ServiceError::Conflict(
                "This order is paid by bank transfer; the details are on its page.".into(),
            ));
        }
        match self
            .payments
            .start(row.id, &snapshot.payment.code, crate::basket::now())
            .await
        {
            Ok(Started::Redirect { url, .. }) => Ok(url),
            Ok(Started::Completed(_)) => Ok(page_url(access, &row)),
            Ok(Started::Instructions(_)) => Err(ServiceError::Conflict(
                "This order is paid by bank transfer; the details are on its page.".into(),
            )),
            Err(PaymentError::NotPayable | PaymentError::UnknownProvider) => Err(
                ServiceError::Conflict("This order cannot be paid online now.".into()),
            ),
            Err(error) => {
                tracing::error!(%error, order = row.id, "payment could not be started");
                Err(ServiceError::Conflict(
                    "The payment service cannot be reached. Please try again shortly.".into(),
                ))
            }
        }
    }

    async fn draft_of(&self, basket: BasketId) -> Result<Option<CheckoutDraft>, ServiceError> {
        let latest = self
            .order_where("basket_id = $1 ORDER BY id DESC LIMIT 1", vals![basket])
            .await?;
        match latest {
            Some(row) => Ok(Some(CheckoutDraft::from_order(&row.snapshot()?))),
            None => Ok(None),
        }
    }

    async fn reorder(
        &self,
        access: &OrderAccess,
        basket: BasketId,
    ) -> Result<ReorderReport, ServiceError> {
        let row = self.find(access).await?;
        let snapshot = row.snapshot()?;
        let mut report = ReorderReport {
            added: 0,
            unavailable: Vec::new(),
        };
        for line in snapshot.summary.lines {
            let quantity = Quantity::new(i64::from(line.quantity))
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            match self
                .baskets
                .add(basket, line.variant_id, quantity, line.unit_id)
                .await
            {
                Ok(_) => report.added += line.quantity,
                Err(ServiceError::Internal(detail)) => return Err(ServiceError::Internal(detail)),
                Err(refused) => report.unavailable.push(match &line.serial_number {
                    Some(serial) => format!("{} (serial number {serial}): {refused}", line.title),
                    None => format!("{}: {refused}", line.title),
                }),
            }
        }
        Ok(report)
    }
}
