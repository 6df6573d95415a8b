//! Moving an order through its state machine. This is the only code that
//! writes `orders.status`: it checks the transition against the domain
//! table and its guard, updates the status conditionally (so two racing
//! moves from one state cannot both happen), and writes the event row, all
//! in one transaction. Subscribers hear of the move before it is made and
//! after it is committed.

use crate::db::{Db, StoreError, Tx};
use crate::vals;
use app::domain::order_state::{GuardFacts, OrderState, Transition, TransitionError};
use std::sync::Arc;

/// A status change, as subscribers and the event log see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderMove {
    pub order_id: i64,
    pub transition: Transition,
    pub from: OrderState,
    pub to: OrderState,
    /// Who asked: "shopper", "system", "admin:<email>", "provider:<name>".
    pub actor: String,
    pub reason: String,
    pub at: i64,
}

/// Notified of every order move. `before` runs before the transaction
/// commits; `after` once it has.
pub trait OrderSubscriber: Send + Sync {
    fn before(&self, _change: &OrderMove) {}
    fn after(&self, _change: &OrderMove) {}
}

#[derive(Debug, thiserror::Error)]
pub enum OrderError {
    #[error("there is no such order")]
    NotFound,
    #[error(transparent)]
    Rejected(#[from] TransitionError),
    /// Another move changed the order first.
    #[error("the order changed meanwhile; try again")]
    Raced,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for OrderError {
    fn from(e: sqlx::Error) -> Self {
        OrderError::Store(e.into())
    }
}

#[derive(sqlx::FromRow)]
struct Current {
    status: String,
    total_minor: i64,
    paid_minor: i64,
}

#[derive(Clone, Default)]
pub struct OrderMachine {
    subscribers: Vec<Arc<dyn OrderSubscriber>>,
}

impl OrderMachine {
    pub fn subscribe(&mut self, subscriber: Arc<dyn OrderSubscriber>) {
        self.subscribers.push(subscriber);
    }

    /// Applies `transition` to the order in its own transaction.
    pub async fn apply(
        &self,
        db: &Db,
        order_id: i64,
        transition: Transition,
        actor: &str,
        reason: &str,
        now: i64,
    ) -> Result<OrderState, OrderError> {
        let mut tx = db.begin().await?;
        let change = self
            .apply_in(&mut tx, order_id, transition, actor, reason, now)
            .await?;
        tx.commit().await?;
        self.announce(&change);
        Ok(change.to)
    }

    /// Applies `transition` inside the caller's transaction (checkout uses
    /// this to place and move an order at once). The caller commits, then
    /// calls `announce`.
    pub async fn apply_in(
        &self,
        tx: &mut Tx,
        order_id: i64,
        transition: Transition,
        actor: &str,
        reason: &str,
        now: i64,
    ) -> Result<OrderMove, OrderError> {
        // Write first: it takes SQLite's write lock (a transaction that read
        // first could not upgrade once another writer committed) and
        // PostgreSQL's row lock, so moves of one order queue up.
        tx.execute(
            "UPDATE orders SET updated_at = updated_at WHERE id = $1",
            vals![order_id],
        )
        .await?;
        let current: Current = tx
            .rows(
                "SELECT status, total_minor, paid_minor FROM orders WHERE id = $1",
                vals![order_id],
            )
            .await?
            .into_iter()
            .next()
            .ok_or(OrderError::NotFound)?;
        let from = OrderState::parse(&current.status).ok_or_else(|| {
            StoreError::Corrupt(format!("order {order_id} has status {}", current.status))
        })?;
        let facts = GuardFacts {
            total_minor: current.total_minor,
            paid_minor: current.paid_minor,
        };
        let to = from.apply(transition, facts)?;
        let change = OrderMove {
            order_id,
            transition,
            from,
            to,
            actor: actor.to_owned(),
            reason: reason.to_owned(),
            at: now,
        };
        for subscriber in &self.subscribers {
            subscriber.before(&change);
        }
        let moved = tx
            .execute(
                "UPDATE orders SET status = $3, updated_at = $4 WHERE id = $1 AND status = $2",
                vals![order_id, from.code(), to.code(), now],
            )
            .await?;
        if moved == 0 {
            return Err(OrderError::Raced);
        }
        tx.execute(
            "INSERT INTO order_events (order_id, transition, from_status, to_status, actor, reason, at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            vals![order_id, transition.code(), from.code(), to.code(), actor, reason, now],
        )
        .await?;
        Ok(change)
    }

    /// Tells subscribers about moves made with `apply_in`, after commit.
    pub fn announce(&self, change: &OrderMove) {
        for subscriber in &self.subscribers {
            subscriber.after(change);
        }
    }
}
