//! What each task does, for the worker.

use super::task::Task;
use super::worker::{JobError, Perform};
use crate::basket::BasketStore;
use crate::db::Db;
use crate::email::Mailer;
use crate::fulfilment::{Partner, fulfil};
use crate::orders::{OrderMachine, expire_unpaid};
use crate::vals;
use async_trait::async_trait;
use std::sync::Arc;

pub struct Handlers {
    pub db: Db,
    pub machine: OrderMachine,
    pub baskets: Arc<BasketStore>,
    pub mailer: Mailer,
    pub partner: Partner,
    /// Says how long an order may stay unpaid.
    pub settings: crate::settings::LiveSettings,
}

/// Finished periodic jobs are kept this long, order jobs much longer.
const KEEP_PERIODIC: i64 = 86_400;
const KEEP_DONE: i64 = 90 * 86_400;

#[async_trait]
impl Perform for Handlers {
    async fn perform(&self, task: &Task) -> Result<(), JobError> {
        let now = crate::startup::now();
        match task {
            Task::Fulfil { order_id } => fulfil(&self.db, &self.machine, *order_id, now).await,
            Task::Email {
                order_id,
                message,
                cause,
            } => {
                self.mailer
                    .send_order_email(*order_id, *message, *cause)
                    .await
            }
            Task::Handoff { order_id } => self.partner.hand_off(&self.db, *order_id, now).await,
            Task::ExpireUnpaid => {
                let expired = expire_unpaid(
                    &self.db,
                    &self.machine,
                    self.settings.get().unpaid_seconds,
                    now,
                )
                .await?;
                if expired > 0 {
                    tracing::info!(expired, "expired unpaid orders");
                }
                Ok(())
            }
            Task::SweepReservations => {
                let released = self.baskets.sweep_expired(now).await?;
                if released > 0 {
                    tracing::info!(released, "released lapsed reservations");
                }
                self.db
                    .execute(
                        "DELETE FROM jobs WHERE \
                         (status IN ('done', 'dead') AND order_id IS NULL AND updated_at < $1) \
                         OR (status = 'done' AND updated_at < $2)",
                        vals![now - KEEP_PERIODIC, now - KEEP_DONE],
                    )
                    .await?;
                Ok(())
            }
        }
    }
}
