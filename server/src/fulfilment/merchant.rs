//! The merchant's side of fulfilment (`FulfilmentService`): the job
//! queue, an order's delivery, renewing download links and shipping.

use crate::db::{Db, StoreError};
use crate::jobs::{JobQueue, Task};
use crate::orders::OrderMachine;
use crate::vals;
use app::admin::types::{DeliveryView, HandoffView, JobView};
use app::domain::order_state::{OrderState, Transition};
use app::services::{FulfilmentService, ServiceError};
use async_trait::async_trait;

#[derive(Clone)]
pub struct MerchantFulfilment {
    pub db: Db,
    pub machine: OrderMachine,
    pub queue: JobQueue,
}

const JOB_STATUSES: [&str; 4] = ["queued", "running", "done", "dead"];

#[derive(sqlx::FromRow)]
struct JobRow {
    id: i64,
    kind: String,
    payload: String,
    status: String,
    attempts: i64,
    max_attempts: i64,
    last_error: Option<String>,
    run_at: i64,
    updated_at: i64,
    number: Option<String>,
}

impl From<JobRow> for JobView {
    fn from(row: JobRow) -> Self {
        let summary = match serde_json::from_str::<Task>(&row.payload) {
            Ok(Task::Email { message, .. }) => {
                format!("email: {}", message.code().replace('_', " "))
            }
            Ok(task) => task.kind().replace('_', " "),
            Err(_) => row.kind.clone(),
        };
        JobView {
            id: row.id,
            kind: row.kind,
            summary,
            status: row.status,
            attempts: row.attempts.max(0) as u32,
            max_attempts: row.max_attempts.max(0) as u32,
            last_error: row.last_error,
            run_at: row.run_at,
            updated_at: row.updated_at,
            order_number: row.number,
        }
    }
}

const JOB_COLUMNS: &str = "SELECT j.id, j.kind, j.payload, j.status, j.attempts, j.max_attempts, \
     j.last_error, j.run_at, j.updated_at, o.number FROM jobs j LEFT JOIN orders o ON o.id = j.order_id";

#[derive(sqlx::FromRow)]
struct OrderRow {
    id: i64,
    status: String,
    tracking_number: Option<String>,
}

#[derive(sqlx::FromRow)]
struct HandoffRow {
    at: i64,
    status_code: Option<i64>,
    accepted: bool,
    response: String,
}

fn no_order() -> ServiceError {
    ServiceError::NotFound("There is no order with that number.".into())
}

impl MerchantFulfilment {
    async fn order(&self, number: &str) -> Result<OrderRow, ServiceError> {
        self.db
            .rows(
                "SELECT id, status, tracking_number FROM orders WHERE number = $1",
                vals![number],
            )
            .await
            .map_err(StoreError::from)?
            .into_iter()
            .next()
            .ok_or_else(no_order)
    }

    async fn job(&self, id: i64) -> Result<Option<JobView>, ServiceError> {
        let rows: Vec<JobRow> = self
            .db
            .rows(&format!("{JOB_COLUMNS} WHERE j.id = $1"), vals![id])
            .await
            .map_err(StoreError::from)?;
        Ok(rows.into_iter().next().map(JobView::from))
    }
}

#[async_trait]
impl FulfilmentService for MerchantFulfilment {
    async fn jobs(
        &self,
        status: Option<&str>,
        order: Option<&str>,
    ) -> Result<Vec<JobView>, ServiceError> {
        if let Some(status) = status {
            if !JOB_STATUSES.contains(&status) {
                return Err(ServiceError::Invalid(
                    "The status is one of queued, running, done and dead.".into(),
                ));
            }
        }
        // Finished periodic jobs are routine; they only show when asked for.
        let rows: Vec<JobRow> = self
            .db
            .rows(
                &format!(
                    "{JOB_COLUMNS} WHERE ($1 = '' OR j.status = $1) AND ($2 = '' OR o.number = $2) \
                     AND ($1 <> '' OR j.order_id IS NOT NULL OR j.status <> 'done') \
                     ORDER BY j.id DESC LIMIT 200"
                ),
                vals![status.unwrap_or(""), order.unwrap_or("")],
            )
            .await
            .map_err(StoreError::from)?;
        Ok(rows.into_iter().map(JobView::from).collect())
    }

    async fn retry_job(&self, id: i64) -> Result<JobView, ServiceError> {
        let now = crate::startup::now();
        let revived = self
            .db
            .execute(
                "UPDATE jobs SET status = 'queued', attempts = 0, run_at = $2, updated_at = $2 \
                 WHERE id = $1 AND status = 'dead'",
                vals![id, now],
            )
            .await
            .map_err(StoreError::from)?;
        let job = self
            .job(id)
            .await?
            .ok_or_else(|| ServiceError::NotFound("There is no such job.".into()))?;
        if revived == 0 {
            return Err(ServiceError::Conflict(format!(
                "Only dead jobs can be retried; this one is {}.",
                job.status
            )));
        }
        self.queue.wake();
        Ok(job)
    }

    async fn delivery(&self, number: &str) -> Result<DeliveryView, ServiceError> {
        let order = self.order(number).await?;
        let status = OrderState::parse(&order.status)
            .ok_or_else(|| StoreError::Corrupt(format!("order {}: {}", order.id, order.status)))?;
        let downloads =
            crate::downloads::links::for_order(&self.db, order.id, crate::startup::now()).await?;
        let handoffs: Vec<HandoffRow> = self
            .db
            .rows(
                "SELECT at, status_code, accepted, response FROM fulfilment_handoffs \
                 WHERE order_id = $1 ORDER BY id DESC",
                vals![order.id],
            )
            .await
            .map_err(StoreError::from)?;
        Ok(DeliveryView {
            number: number.to_owned(),
            status_label: status.label(),
            tracking_number: order.tracking_number,
            downloads,
            handoffs: handoffs
                .into_iter()
                .map(|h| HandoffView {
                    at: h.at,
                    status_code: h.status_code.and_then(|c| u16::try_from(c).ok()),
                    accepted: h.accepted,
                    response: h.response,
                })
                .collect(),
        })
    }

    async fn renew_download(
        &self,
        number: &str,
        link: i64,
        reset_attempts: bool,
        extend_days: u32,
    ) -> Result<DeliveryView, ServiceError> {
        let order = self.order(number).await?;
        let renewed = crate::downloads::links::renew(
            &self.db,
            order.id,
            link,
            reset_attempts,
            i64::from(extend_days),
            crate::startup::now(),
        )
        .await?;
        if !renewed {
            return Err(ServiceError::NotFound(
                "This order has no such download link.".into(),
            ));
        }
        self.delivery(number).await
    }

    async fn ship(
        &self,
        number: &str,
        tracking_number: &str,
        actor: &str,
    ) -> Result<DeliveryView, ServiceError> {
        let order = self.order(number).await?;
        let now = crate::startup::now();
        let mut tx = self.db.begin().await.map_err(StoreError::from)?;
        // The tracking number is written with the move, so the shipped
        // email (enqueued by the move) finds it.
        tx.execute(
            "UPDATE orders SET tracking_number = $2 WHERE id = $1",
            vals![
                order.id,
                Some(tracking_number.to_owned()).filter(|t| !t.is_empty())
            ],
        )
        .await
        .map_err(StoreError::from)?;
        let change = self
            .machine
            .apply_in(&mut tx, order.id, Transition::Ship, actor, "", now)
            .await?;
        tx.commit().await.map_err(StoreError::from)?;
        self.machine.announce(&change);
        self.delivery(number).await
    }
}
