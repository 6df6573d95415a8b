//! The job table as a queue. Jobs are enqueued inside the caller's
//! transaction, so they exist exactly when the change that caused them
//! does. A worker claims one with a single conditional update and holds it
//! for a lease it keeps renewing; a job whose worker died is free again
//! once its lease runs out. On PostgreSQL the claim skips rows another
//! worker is claiming (`FOR UPDATE SKIP LOCKED`), so several workers never
//! run one job at the same time.

use super::backoff::Backoff;
use super::task::{NewJob, Task};
use crate::db::{Db, StoreError, Tx, Val};
use crate::vals;
use std::sync::Arc;
use tokio::sync::Notify;

const ENQUEUE: &str = "INSERT INTO jobs (kind, payload, dedupe_key, order_id, status, attempts, max_attempts, run_at, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, 'queued', 0, $5, $6, $7, $7) ON CONFLICT (dedupe_key) DO NOTHING";

fn enqueue_values(job: &NewJob, now: i64) -> Result<Vec<Val>, sqlx::Error> {
    let payload = serde_json::to_string(&job.task).map_err(|e| sqlx::Error::Encode(e.into()))?;
    Ok(vals![
        job.task.kind(),
        payload,
        &job.dedupe_key,
        job.task.order_id(),
        job.max_attempts,
        job.run_at,
        now
    ]
    .to_vec())
}

/// Writes a job in the caller's transaction; a job with the same
/// dedupe key makes this a no-op. Returns whether it was added.
pub async fn enqueue(tx: &mut Tx, job: &NewJob, now: i64) -> Result<bool, sqlx::Error> {
    let added = tx.execute(ENQUEUE, &enqueue_values(job, now)?).await?;
    Ok(added == 1)
}

/// `enqueue` for a caller that does not ask whether the job is new: the
/// write goes with the transaction's next statement (see `Tx::defer`).
pub async fn enqueue_later(tx: &mut Tx, job: &NewJob, now: i64) -> Result<(), sqlx::Error> {
    tx.defer(ENQUEUE, &enqueue_values(job, now)?).await
}

/// A job a worker holds.
#[derive(Debug)]
pub struct Claimed {
    pub id: i64,
    /// The task, or why the stored payload could not be read.
    pub task: Result<Task, String>,
    /// Tries so far, this one included.
    pub attempts: i64,
    pub max_attempts: i64,
}

#[derive(sqlx::FromRow)]
struct ClaimedRow {
    id: i64,
    payload: String,
    attempts: i64,
    max_attempts: i64,
}

crate::lite_row!(ClaimedRow {
    id,
    payload,
    attempts,
    max_attempts
});

/// The queue as one worker process sees it.
#[derive(Clone, Debug)]
pub struct JobQueue {
    db: Db,
    /// Names this process in `jobs.worker`.
    worker: String,
    lease_seconds: i64,
    backoff: Backoff,
    wake: Arc<Notify>,
}

impl JobQueue {
    pub fn new(db: Db, lease_seconds: i64, backoff: Backoff) -> Self {
        JobQueue {
            db,
            worker: format!("{}-{}", std::process::id(), crate::orders::token()),
            lease_seconds: lease_seconds.max(1),
            backoff,
            wake: Arc::default(),
        }
    }

    pub fn lease_seconds(&self) -> i64 {
        self.lease_seconds
    }

    /// Tells this process's worker that jobs were committed.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    pub async fn woken(&self) {
        self.wake.notified().await
    }

    /// Enqueues a job on its own, outside any other change.
    pub async fn enqueue_now(&self, job: &NewJob, now: i64) -> Result<bool, StoreError> {
        let mut tx = self.db.begin().await?;
        let added = enqueue(&mut tx, job, now).await?;
        tx.commit().await?;
        if added {
            self.wake();
        }
        Ok(added)
    }

    /// Takes the next due job, if any: a queued one whose time has come,
    /// or a running one whose worker stopped renewing its lease.
    pub async fn claim(&self, now: i64) -> Result<Option<Claimed>, StoreError> {
        let skip_locked = match self.db {
            Db::Postgres(_) => "FOR UPDATE SKIP LOCKED",
            Db::Sqlite(..) => "",
        };
        let mut tx = self.db.begin().await?;
        // A job whose worker died on its last allowed try is not retried.
        tx.execute(
            "UPDATE jobs SET status = 'dead', lease_until = NULL, updated_at = $1, \
             last_error = 'the worker stopped during the last try' \
             WHERE status = 'running' AND lease_until < $1 AND attempts >= max_attempts",
            vals![now],
        )
        .await?;
        let claimed: Option<ClaimedRow> = tx
            .rows(
                &format!(
                    "UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_until = $2, \
                     worker = $3, updated_at = $1 \
                     WHERE id = (SELECT id FROM jobs \
                         WHERE (status = 'queued' AND run_at <= $1) \
                            OR (status = 'running' AND lease_until < $1 AND attempts < max_attempts) \
                         ORDER BY run_at, id LIMIT 1 {skip_locked}) \
                     AND (status = 'queued' OR lease_until < $1) \
                     RETURNING id, payload, attempts, max_attempts"
                ),
                vals![now, now + self.lease_seconds, &self.worker],
            )
            .await?
            .into_iter()
            .next();
        tx.commit().await?;
        Ok(claimed.map(|row| Claimed {
            id: row.id,
            task: serde_json::from_str(&row.payload).map_err(|e| e.to_string()),
            attempts: row.attempts,
            max_attempts: row.max_attempts,
        }))
    }

    /// Keeps a running job this worker's. A claim is its job id and try
    /// number: a worker that claims the same job again after its lease
    /// lapsed holds a new claim, and the old run no longer touches it.
    pub async fn renew(&self, id: i64, attempts: i64, now: i64) -> Result<bool, StoreError> {
        let renewed = self
            .db
            .execute(
                "UPDATE jobs SET lease_until = $2 \
                 WHERE id = $1 AND status = 'running' AND worker = $3 AND attempts = $4",
                vals![id, now + self.lease_seconds, &self.worker, attempts],
            )
            .await?;
        Ok(renewed == 1)
    }

    /// Marks a job done. False if its lease had passed to another claim.
    pub async fn finish(&self, job: &Claimed, now: i64) -> Result<bool, StoreError> {
        let done = self
            .db
            .execute(
                "UPDATE jobs SET status = 'done', lease_until = NULL, updated_at = $2 \
                 WHERE id = $1 AND status = 'running' AND worker = $3 AND attempts = $4",
                vals![job.id, now, &self.worker, job.attempts],
            )
            .await?;
        Ok(done == 1)
    }

    /// Records a failed try: the job runs again after a backoff, or is
    /// dead once it used its tries (or at once, when trying again cannot
    /// help).
    pub async fn fail(
        &self,
        job: &Claimed,
        error: &str,
        permanent: bool,
        now: i64,
    ) -> Result<(), StoreError> {
        let dead = permanent || job.attempts >= job.max_attempts;
        let retry_at = now + self.backoff.delay(job.attempts, rand::random::<f64>());
        let error: String = error.chars().take(2000).collect();
        self.db
            .execute(
                "UPDATE jobs SET status = $2, run_at = $3, last_error = $4, lease_until = NULL, updated_at = $5 \
                 WHERE id = $1 AND status = 'running' AND worker = $6 AND attempts = $7",
                vals![
                    job.id,
                    if dead { "dead" } else { "queued" },
                    if dead { now } else { retry_at },
                    error,
                    now,
                    &self.worker,
                    job.attempts
                ],
            )
            .await?;
        Ok(())
    }
}
