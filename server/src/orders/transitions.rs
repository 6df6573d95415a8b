//! Moving an order through its state machine. This is the only code that
//! decides `orders.status` (a new order's too, see `born_as`): it checks the transition against the domain
//! table and its guard, updates the status conditionally (so two racing
//! moves from one state cannot both happen), and writes the event row, all
//! in one transaction. Subscribers hear of the move before it is made and
//! after it is committed.

use crate::db::{Db, StoreError, Tx};
use crate::jobs::{NewJob, enqueue_later};
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
/// commits; `after` once it has. `follow_ups` names the jobs the move
/// causes; they are enqueued in the move's own transaction, so they exist
/// exactly when the move does, whatever happens to the process afterwards.
pub trait OrderSubscriber: Send + Sync {
    fn before(&self, _change: &OrderMove) {}
    fn after(&self, _change: &OrderMove) {}
    /// `event` is the id of the move's row in `order_events`.
    fn follow_ups(&self, _change: &OrderMove, _event: i64) -> Vec<NewJob> {
        Vec::new()
    }
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

/// The event of an order's birth: it appears as `created`, by the actor
/// and at the time of its first move.
const PLACE_EVENT: &str = "($1, 'place', NULL, 'created', $5, '', $7)";

#[derive(sqlx::FromRow)]
struct Current {
    status: String,
    total_minor: i64,
    paid_minor: i64,
}

crate::lite_row!(Current {
    status,
    total_minor,
    paid_minor
});

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
        let change = self.decide(order_id, from, transition, facts, actor, reason, now)?;
        self.record(tx, &change).await?;
        Ok(change)
    }

    /// The status a new order is inserted with: it is born `created` and
    /// makes its first move (`await_payment`) in the same transaction, so
    /// the row starts out in the state that move leads to. Record both
    /// with `record_birth` once the row exists.
    pub fn born_as(&self, facts: GuardFacts) -> Result<OrderState, OrderError> {
        Ok(OrderState::Created.apply(Transition::AwaitPayment, facts)?)
    }

    /// Writes the events of a birth (see `born_as`): `place`, then the
    /// first move, in one statement.
    pub async fn record_birth(
        &self,
        tx: &mut Tx,
        order_id: i64,
        facts: GuardFacts,
        actor: &str,
        now: i64,
    ) -> Result<OrderMove, OrderError> {
        let change = self.decide(
            order_id,
            OrderState::Created,
            Transition::AwaitPayment,
            facts,
            actor,
            "",
            now,
        )?;
        self.log(tx, &change, Some(PLACE_EVENT)).await?;
        Ok(change)
    }

    #[allow(clippy::too_many_arguments)]
    fn decide(
        &self,
        order_id: i64,
        from: OrderState,
        transition: Transition,
        facts: GuardFacts,
        actor: &str,
        reason: &str,
        now: i64,
    ) -> Result<OrderMove, OrderError> {
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
        Ok(change)
    }

    /// Moves the status conditionally and writes the event row.
    async fn record(&self, tx: &mut Tx, change: &OrderMove) -> Result<(), OrderError> {
        let moved = tx
            .execute(
                "UPDATE orders SET status = $3, updated_at = $4 WHERE id = $1 AND status = $2",
                vals![
                    change.order_id,
                    change.from.code(),
                    change.to.code(),
                    change.at
                ],
            )
            .await?;
        if moved == 0 {
            return Err(OrderError::Raced);
        }
        self.log(tx, change, None).await
    }

    /// Writes the event row of a move, after the `earlier` event's row
    /// when there is one.
    async fn log(
        &self,
        tx: &mut Tx,
        change: &OrderMove,
        earlier: Option<&str>,
    ) -> Result<(), OrderError> {
        let event = vals![
            change.order_id,
            change.transition.code(),
            change.from.code(),
            change.to.code(),
            &change.actor,
            &change.reason,
            change.at
        ];
        let this = "($1, $2, $3, $4, $5, $6, $7)";
        let rows = match earlier {
            None => this.to_owned(),
            Some(values) => format!("{values}, {this}"),
        };
        let ids: Vec<(i64,)> = tx
            .rows(
                &format!(
                    "INSERT INTO order_events (order_id, transition, from_status, to_status, actor, reason, at) VALUES {rows} RETURNING id"
                ),
                event,
            )
            .await?;
        let event = ids.iter().map(|(id,)| *id).max().unwrap_or_default();
        for subscriber in &self.subscribers {
            for job in subscriber.follow_ups(change, event) {
                enqueue_later(tx, &job, change.at).await?;
            }
        }
        Ok(())
    }

    /// Tells subscribers about moves made with `apply_in`, after commit.
    pub fn announce(&self, change: &OrderMove) {
        for subscriber in &self.subscribers {
            subscriber.after(change);
        }
    }
}

impl From<OrderError> for app::services::ServiceError {
    fn from(e: OrderError) -> Self {
        use app::services::ServiceError;
        match e {
            OrderError::Rejected(e) => ServiceError::Conflict(format!("This cannot be done: {e}.")),
            OrderError::Raced => {
                ServiceError::Conflict("The order changed meanwhile; please look again.".into())
            }
            OrderError::NotFound => {
                ServiceError::NotFound("There is no order with that number.".into())
            }
            OrderError::Store(e) => e.into(),
        }
    }
}
