//! The admin's orders: the filtered list, an order's full page (built on
//! the shopper's order view, the payment ledger and the delivery), notes,
//! and cancelling. The buttons an order page offers come from the state
//! machine; every action checks again when it runs.

use super::products::contains_pattern;
use super::resend;
use crate::db::{Db, StoreError, Val};
use crate::vals;
use app::admin::orders::types::{
    AdminOrder, CustomerSummary, OrderActions, OrderFilter, OrderNote, OrderPage, OrderRow,
    ProcessorRecord, SentEmail,
};
use app::domain::dates::parse_day;
use app::domain::order_state::{GuardFacts, OrderState, Transition};
use app::domain::{Currency, Money};
use app::orders::types::OrderAccess;
use app::services::{FulfilmentService, MerchantPaymentService, OrderService, ServiceError};
use std::sync::Arc;

pub const PAGE_SIZE: u32 = 30;

#[derive(Clone)]
pub struct AdminOrders {
    pub db: Db,
    /// The store's currency, for customers' totals.
    pub currency: Currency,
    pub orders: Arc<dyn OrderService>,
    pub payments: Arc<dyn MerchantPaymentService>,
    pub fulfilment: Arc<dyn FulfilmentService>,
}

#[derive(sqlx::FromRow)]
pub(crate) struct ListRow {
    number: String,
    created_at: i64,
    email: String,
    name: Option<String>,
    total_minor: i64,
    currency: String,
    status: String,
    payment_method: String,
}

pub(crate) const LIST_COLUMNS: &str = "o.number, o.created_at, o.email, c.name, o.total_minor, \
     o.currency, o.status, o.payment_method FROM orders o LEFT JOIN customers c ON c.id = o.customer_id";

pub(crate) fn order_row(r: ListRow) -> Result<OrderRow, StoreError> {
    let currency = Currency::parse(&r.currency)
        .map_err(|e| StoreError::Corrupt(format!("order {}: {e}", r.number)))?;
    let state = OrderState::parse(&r.status)
        .ok_or_else(|| StoreError::Corrupt(format!("order {} status", r.number)))?;
    Ok(OrderRow {
        customer: match r.name {
            Some(name) if !name.is_empty() => format!("{name} <{}>", r.email),
            _ => r.email,
        },
        number: r.number,
        placed_at: r.created_at,
        total: Money::from_minor(r.total_minor, currency),
        status: r.status,
        status_label: state.label(),
        payment: r.payment_method,
    })
}

fn invalid(message: &str) -> ServiceError {
    ServiceError::Invalid(message.to_owned())
}

/// The SQL condition and its values for a filter; malformed dates and
/// unknown states are refused rather than ignored.
fn conditions(filter: &OrderFilter) -> Result<(String, Vec<Val>), ServiceError> {
    let mut sql = vec!["1 = 1".to_owned()];
    let mut params: Vec<Val> = Vec::new();
    let mut push = |sql: &mut Vec<String>, template: &str, value: Val| {
        params.push(value);
        sql.push(template.replace("$?", &format!("${}", params.len())));
    };
    if !filter.status.is_empty() {
        let state = OrderState::parse(&filter.status).ok_or_else(|| invalid("Unknown status."))?;
        push(&mut sql, "o.status = $?", state.code().into());
    }
    if !filter.from.trim().is_empty() {
        let from =
            parse_day(&filter.from).ok_or_else(|| invalid("From: use a date like 2026-11-01."))?;
        push(&mut sql, "o.created_at >= $?", from.into());
    }
    if !filter.to.trim().is_empty() {
        let to = parse_day(&filter.to).ok_or_else(|| invalid("To: use a date like 2026-11-30."))?;
        push(&mut sql, "o.created_at < $?", (to + 86_400).into());
    }
    if !filter.customer.trim().is_empty() {
        push(
            &mut sql,
            "(LOWER(o.email) LIKE $? ESCAPE '\\' OR LOWER(COALESCE(c.name, '')) LIKE $? ESCAPE '\\')",
            contains_pattern(&filter.customer).into(),
        );
    }
    if !filter.number.trim().is_empty() {
        push(
            &mut sql,
            "o.number LIKE $? ESCAPE '\\'",
            contains_pattern(&filter.number).into(),
        );
    }
    if !filter.payment.is_empty() {
        push(
            &mut sql,
            "o.payment_method = $?",
            filter.payment.chars().take(40).collect::<String>().into(),
        );
    }
    Ok((sql.join(" AND "), params))
}

/// What the merchant may do now, from the state machine's table.
pub fn actions(state: OrderState, facts: GuardFacts, refundable: bool) -> OrderActions {
    // Zero owed satisfies every guard, so this asks the table alone.
    let legal = |t: Transition| state.apply(t, GuardFacts::default()).is_ok();
    OrderActions {
        record_payment: legal(Transition::Pay),
        mark_paid: state.apply(Transition::Pay, facts).is_ok(),
        ship: legal(Transition::Ship),
        cancel: legal(Transition::Cancel),
        refund: refundable && legal(Transition::RefundPartially),
    }
}

impl AdminOrders {
    pub async fn orders(&self, filter: &OrderFilter) -> Result<OrderPage, ServiceError> {
        let (condition, params) = conditions(filter)?;
        let total = self
            .db
            .scalar(
                &format!("SELECT COUNT(*) FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE {condition}"),
                &params,
            )
            .await
            .map_err(StoreError::from)? as u64;
        let pages = total.div_ceil(u64::from(PAGE_SIZE)).max(1) as u32;
        let page = filter.page.clamp(1, pages);
        let offset = (page - 1) * PAGE_SIZE;
        let rows: Vec<ListRow> = self
            .db
            .rows(
                &format!(
                    "SELECT {LIST_COLUMNS} WHERE {condition} ORDER BY o.id DESC LIMIT {PAGE_SIZE} OFFSET {offset}"
                ),
                &params,
            )
            .await
            .map_err(StoreError::from)?;
        let methods: Vec<(String,)> = self
            .db
            .rows(
                "SELECT DISTINCT payment_method FROM orders WHERE payment_method <> '' ORDER BY payment_method",
                vals![],
            )
            .await
            .map_err(StoreError::from)?;
        Ok(OrderPage {
            rows: rows.into_iter().map(order_row).collect::<Result<_, _>>()?,
            total,
            page,
            pages,
            payment_methods: methods
                .into_iter()
                .map(|(code,)| (code.clone(), code.replace('_', " ")))
                .collect(),
        })
    }

    pub async fn order(&self, number: &str) -> Result<AdminOrder, ServiceError> {
        let access = OrderAccess::Staff {
            number: number.to_owned(),
            actor: String::new(),
        };
        let detail = self.orders.order(&access).await?;
        let ledger = self.payments.ledger(number).await?;
        let delivery = self.fulfilment.delivery(number).await?;
        #[derive(sqlx::FromRow)]
        struct Facts {
            id: i64,
            status: String,
            total_minor: i64,
            paid_minor: i64,
            user_id: Option<i64>,
            email: String,
            user_email: Option<String>,
        }
        let facts: Facts = self
            .db
            .rows(
                "SELECT o.id, o.status, o.total_minor, o.paid_minor, o.user_id, o.email, u.email AS user_email \
                 FROM orders o LEFT JOIN users u ON u.id = o.user_id WHERE o.number = $1",
                vals![number],
            )
            .await
            .map_err(StoreError::from)?
            .into_iter()
            .next()
            .ok_or_else(|| ServiceError::NotFound("We could not find that order.".into()))?;
        let state = OrderState::parse(&facts.status)
            .ok_or_else(|| StoreError::Corrupt(format!("order {number} status")))?;
        let orders_of_customer = self
            .db
            .scalar(
                "SELECT COUNT(*) FROM orders WHERE email = $1",
                vals![&facts.email],
            )
            .await
            .map_err(StoreError::from)?;
        let records: Vec<(String, String, i64, String)> = self
            .db
            .rows(
                "SELECT provider, direction, at, body FROM processor_responses WHERE order_id = $1 ORDER BY id",
                vals![facts.id],
            )
            .await
            .map_err(StoreError::from)?;
        let notes: Vec<(String, String, i64)> = self
            .db
            .rows(
                "SELECT author, body, at FROM order_notes WHERE order_id = $1 ORDER BY id",
                vals![facts.id],
            )
            .await
            .map_err(StoreError::from)?;
        let sent_emails = resend::sent_emails(&self.db, facts.id)
            .await?
            .into_iter()
            .map(|kind| SentEmail {
                code: kind.code().to_owned(),
                label: kind.label().to_owned(),
            })
            .collect();
        let guard = GuardFacts {
            total_minor: facts.total_minor,
            paid_minor: facts.paid_minor,
        };
        Ok(AdminOrder {
            actions: actions(state, guard, !ledger.refundable.is_zero()),
            status: state.code().to_owned(),
            customer: CustomerSummary {
                user: facts.user_id,
                email: facts.email,
                user_email: facts.user_email,
                orders: orders_of_customer as u32,
            },
            ledger,
            delivery,
            records: records
                .into_iter()
                .map(|(provider, kind, at, body)| ProcessorRecord {
                    provider,
                    kind,
                    at,
                    body,
                })
                .collect(),
            notes: notes
                .into_iter()
                .map(|(author, body, at)| OrderNote { author, body, at })
                .collect(),
            detail,
            sent_emails,
        })
    }

    pub async fn add_note(
        &self,
        number: &str,
        body: &str,
        actor: &str,
    ) -> Result<(), ServiceError> {
        let added = self
            .db
            .execute(
                "INSERT INTO order_notes (order_id, author, body, at) \
                 SELECT id, $2, $3, $4 FROM orders WHERE number = $1",
                vals![number, actor, body, crate::startup::now()],
            )
            .await
            .map_err(StoreError::from)?;
        if added == 0 {
            return Err(ServiceError::NotFound(
                "We could not find that order.".into(),
            ));
        }
        Ok(())
    }

    pub async fn cancel(&self, number: &str, actor: &str) -> Result<(), ServiceError> {
        let access = OrderAccess::Staff {
            number: number.to_owned(),
            actor: actor.to_owned(),
        };
        self.orders.cancel(&access).await.map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DUE: GuardFacts = GuardFacts {
        total_minor: 1000,
        paid_minor: 400,
    };
    const COVERED: GuardFacts = GuardFacts {
        total_minor: 1000,
        paid_minor: 1000,
    };

    #[test]
    fn buttons_follow_the_state_machine() {
        let waiting = actions(OrderState::AwaitingPayment, DUE, false);
        assert!(waiting.record_payment && waiting.cancel);
        assert!(!waiting.mark_paid && !waiting.ship && !waiting.refund);
        let covered = actions(OrderState::AwaitingPayment, COVERED, false);
        assert!(covered.mark_paid);
        let paid = actions(OrderState::Paid, COVERED, true);
        assert!(paid.ship && paid.refund);
        assert!(!paid.mark_paid && !paid.cancel && !paid.record_payment);
        let cancelled = actions(OrderState::Cancelled, DUE, false);
        assert_eq!(cancelled, OrderActions::default());
        assert!(!actions(OrderState::Refunded, COVERED, false).refund);
    }
}
