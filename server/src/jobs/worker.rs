//! The worker: claims due jobs and runs up to `concurrency` of them at a
//! time, renewing each one's lease while it runs. It runs inside `serve`
//! by default, or alone as `server worker`.

use super::queue::{Claimed, JobQueue};
use super::task::Task;
use crate::db::StoreError;
use async_trait::async_trait;
use futures::FutureExt;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinHandle;

/// Why a job did not finish.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// Worth trying again later (a server down, a timeout).
    #[error("{0}")]
    Transient(String),
    /// Trying again cannot help (the job names something that is gone).
    #[error("{0}")]
    Permanent(String),
}

impl From<StoreError> for JobError {
    fn from(e: StoreError) -> Self {
        JobError::Transient(e.to_string())
    }
}

impl From<sqlx::Error> for JobError {
    fn from(e: sqlx::Error) -> Self {
        JobError::Transient(e.to_string())
    }
}

/// Does the work of a task. Every handler is idempotent: a job may run
/// again after its worker died halfway.
#[async_trait]
pub trait Perform: Send + Sync + 'static {
    async fn perform(&self, task: &Task) -> Result<(), JobError>;
}

pub struct Worker {
    pub queue: JobQueue,
    pub handlers: Arc<dyn Perform>,
    pub concurrency: usize,
    /// How often to look for due jobs when nothing wakes the worker.
    pub poll: Duration,
}

/// A running worker.
pub struct WorkerHandle {
    task: JoinHandle<()>,
    stop: watch::Sender<bool>,
    slots: Arc<Semaphore>,
    concurrency: u32,
}

impl WorkerHandle {
    /// Stops claiming jobs and waits up to `grace` for the running ones,
    /// so a shutdown does not cut a job off from the database it is
    /// writing to. A job still running then is abandoned; its lease runs
    /// out and another worker takes it again.
    pub async fn finish(self, grace: Duration) {
        let _ = self.stop.send(true);
        let drained = async {
            let _ = self.task.await;
            let _ = self.slots.acquire_many(self.concurrency).await;
        };
        if tokio::time::timeout(grace, drained).await.is_err() {
            tracing::warn!("jobs still running at shutdown were left to their leases");
        }
    }

    /// Stops at once, abandoning running jobs to their leases.
    pub fn abort(&self) {
        let _ = self.stop.send(true);
        self.task.abort();
    }
}

impl Worker {
    pub fn spawn(self) -> WorkerHandle {
        let concurrency = self.concurrency.clamp(1, Semaphore::MAX_PERMITS) as u32;
        let slots = Arc::new(Semaphore::new(concurrency as usize));
        let (stop, stopped) = watch::channel(false);
        WorkerHandle {
            task: tokio::spawn(self.run(slots.clone(), stopped)),
            stop,
            slots,
            concurrency,
        }
    }

    async fn run(self, slots: Arc<Semaphore>, mut stopped: watch::Receiver<bool>) {
        loop {
            let slot = tokio::select! {
                _ = stopped.wait_for(|stop| *stop) => return,
                slot = slots.clone().acquire_owned() => slot,
            };
            let Ok(slot) = slot else {
                return;
            };
            if *stopped.borrow() {
                return;
            }
            match self.queue.claim(crate::startup::now()).await {
                Ok(Some(job)) => {
                    let queue = self.queue.clone();
                    let handlers = self.handlers.clone();
                    tokio::spawn(async move {
                        run_one(&queue, handlers.as_ref(), job).await;
                        drop(slot);
                    });
                }
                Ok(None) => {
                    drop(slot);
                    tokio::select! {
                        _ = self.queue.woken() => {}
                        _ = tokio::time::sleep(self.poll) => {}
                        _ = stopped.wait_for(|stop| *stop) => return,
                    }
                }
                Err(err) => {
                    drop(slot);
                    tracing::error!(%err, "claiming a job failed");
                    tokio::time::sleep(self.poll).await;
                }
            }
        }
    }
}

async fn run_one(queue: &JobQueue, handlers: &dyn Perform, job: Claimed) {
    let renewals = {
        let queue = queue.clone();
        let (id, attempts) = (job.id, job.attempts);
        let every = Duration::from_secs((queue.lease_seconds() as u64 / 3).max(1));
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(every).await;
                match queue.renew(id, attempts, crate::startup::now()).await {
                    Ok(true) => {}
                    Ok(false) => return,
                    Err(err) => tracing::warn!(%err, job = id, "renewing a job's lease failed"),
                }
            }
        })
    };
    let result = match &job.task {
        Ok(task) => AssertUnwindSafe(handlers.perform(task))
            .catch_unwind()
            .await
            .unwrap_or_else(|_| Err(JobError::Transient("the job's handler panicked".into()))),
        Err(unreadable) => Err(JobError::Permanent(format!(
            "the job cannot be read: {unreadable}"
        ))),
    };
    renewals.abort();
    let now = crate::startup::now();
    let recorded = match &result {
        Ok(()) => queue.finish(&job, now).await.map(|held| {
            if !held {
                tracing::warn!(job = job.id, "a job finished after its lease passed on");
            }
        }),
        Err(err) => {
            tracing::warn!(job = job.id, attempt = job.attempts, %err, "a job failed");
            queue
                .fail(
                    &job,
                    &err.to_string(),
                    matches!(err, JobError::Permanent(_)),
                    now,
                )
                .await
        }
    };
    if let Err(err) = recorded {
        tracing::error!(%err, job = job.id, "recording a job's outcome failed");
    }
}
