//! Work that comes round on a clock (releasing lapsed reservations,
//! expiring unpaid orders) goes through the queue like any other job. Every
//! app server enqueues it each period under a key naming the period, so
//! however many servers run, each period's job exists once.

use super::queue::JobQueue;
use super::task::{NewJob, Task};
use std::time::Duration;

pub async fn enqueue_periodic(queue: JobQueue, period: Duration) {
    let seconds = period.as_secs().max(1) as i64;
    let mut ticker = tokio::time::interval(Duration::from_secs(seconds as u64));
    loop {
        ticker.tick().await;
        let now = crate::startup::now();
        let slot = now / seconds;
        for task in [Task::SweepReservations, Task::ExpireUnpaid] {
            let job = NewJob {
                dedupe_key: format!("{}:{slot}", task.kind()),
                task,
                run_at: now,
                // A missed round is simply made up by the next one.
                max_attempts: 1,
            };
            if let Err(err) = queue.enqueue_now(&job, now).await {
                tracing::error!(%err, "scheduling periodic work failed");
            }
        }
    }
}
