//! The job queue: claims that never overlap, leases that pass on when a
//! worker dies, retries with backoff, dead jobs and what merchants see.

use crate::support::TestStore;
use crate::support::fulfilment::{EBOOK, eventually};
use server::jobs::{Backoff, JobQueue, NewJob, Task};
use std::collections::HashSet;

fn without_worker(config: &mut server::config::Config) {
    config.fulfilment.in_process_worker = false;
}

async fn enqueue_many(store: &TestStore, n: usize) -> HashSet<i64> {
    let queue = JobQueue::new(store.db().clone(), 60, Backoff::default());
    for i in 0..n {
        let job = NewJob::now(Task::ExpireUnpaid, format!("test:{i}"), 0);
        assert!(queue.enqueue_now(&job, 0).await.unwrap());
    }
    let again = NewJob::now(Task::ExpireUnpaid, "test:0".into(), 0);
    assert!(
        !queue.enqueue_now(&again, 0).await.unwrap(),
        "one job per key"
    );
    let ids: Vec<(i64,)> = store
        .db()
        .rows("SELECT id FROM jobs WHERE dedupe_key LIKE 'test:%'", &[])
        .await
        .unwrap();
    ids.into_iter().map(|(id,)| id).collect()
}

both_backends!(
    several_workers_never_claim_one_job_twice,
    configured(without_worker),
    |store| {
        let wanted = enqueue_many(&store, 120).await;
        let workers: Vec<_> = (0..4)
            .map(|_| {
                let queue = JobQueue::new(store.db().clone(), 60, Backoff::default());
                tokio::spawn(async move {
                    let mut claimed = Vec::new();
                    while let Some(job) = queue.claim(1_000).await.unwrap() {
                        claimed.push(job.id);
                        assert!(queue.finish(&job, 1_000).await.unwrap());
                    }
                    claimed
                })
            })
            .collect();
        let mut seen = HashSet::new();
        for worker in workers {
            for id in worker.await.unwrap() {
                assert!(seen.insert(id), "job {id} was claimed twice");
            }
        }
        assert!(wanted.is_subset(&seen), "every job ran");
    }
);

both_backends!(
    a_dead_workers_job_is_taken_over_once_its_lease_runs_out,
    configured(without_worker),
    |store| {
        enqueue_many(&store, 1).await;
        let first = JobQueue::new(store.db().clone(), 30, Backoff::default());
        let second = JobQueue::new(store.db().clone(), 30, Backoff::default());
        let held = first.claim(100).await.unwrap().expect("a job is due");
        assert!(
            second.claim(120).await.unwrap().is_none(),
            "the lease holds"
        );
        let taken = second.claim(131).await.unwrap().expect("the lease ran out");
        assert_eq!(taken.id, held.id);
        assert_eq!(taken.attempts, 2);
        assert!(
            !first.finish(&held, 132).await.unwrap(),
            "the first worker lost it"
        );
        assert!(second.finish(&taken, 132).await.unwrap());
    }
);

both_backends!(
    a_lapsed_claim_cannot_finish_the_same_workers_new_claim,
    configured(without_worker),
    |store| {
        enqueue_many(&store, 1).await;
        let queue = JobQueue::new(store.db().clone(), 30, Backoff::default());
        let stale = queue.claim(100).await.unwrap().expect("a job is due");
        let fresh = queue.claim(131).await.unwrap().expect("the lease ran out");
        assert_eq!((fresh.id, fresh.attempts), (stale.id, 2));
        assert!(!queue.renew(stale.id, stale.attempts, 132).await.unwrap());
        assert!(
            !queue.finish(&stale, 132).await.unwrap(),
            "the old run lost it"
        );
        assert!(queue.finish(&fresh, 132).await.unwrap());
    }
);

both_backends!(
    failing_jobs_back_off_then_die_and_merchants_see_why,
    configured(without_worker),
    |store| {
        enqueue_many(&store, 1).await;
        let queue = JobQueue::new(
            store.db().clone(),
            30,
            Backoff {
                base_seconds: 100,
                cap_seconds: 10_000,
            },
        );
        store
            .execute("UPDATE jobs SET max_attempts = 2 WHERE dedupe_key = 'test:0'")
            .await;
        let job = queue.claim(1_000).await.unwrap().unwrap();
        queue
            .fail(&job, "the partner is down", false, 1_000)
            .await
            .unwrap();
        let run_at = store
            .number("SELECT run_at FROM jobs WHERE dedupe_key = 'test:0'")
            .await;
        assert!((1_050..=1_100).contains(&run_at), "backed off to {run_at}");
        assert!(queue.claim(1_010).await.unwrap().is_none(), "not due yet");
        let job = queue.claim(run_at).await.unwrap().unwrap();
        queue.fail(&job, "still down", false, run_at).await.unwrap();

        let admin = store.staff(Some("staff")).await;
        let dead = store
            .admin_call(&admin, "jobs/list", &[("status", "dead")])
            .await;
        assert_eq!(dead.status, 200, "{:?}", dead.json);
        assert_eq!(dead.json.as_array().unwrap().len(), 1, "only the dead job");
        let listed = &dead.json[0];
        assert_eq!(listed["status"], "dead");
        assert_eq!(listed["attempts"], 2);
        assert_eq!(listed["last_error"], "still down");
        let id = listed["id"].to_string();
        let retried = store.admin_call(&admin, "jobs/retry", &[("id", &id)]).await;
        assert_eq!(retried.status, 200, "{:?}", retried.json);
        assert_eq!(retried.json["status"], "queued");
        let again = store.admin_call(&admin, "jobs/retry", &[("id", &id)]).await;
        assert_eq!(again.status, 409, "only dead jobs are retried");
        for bad in [("status", "zombie"), ("id", "-1")] {
            let endpoint = if bad.0 == "id" {
                "jobs/retry"
            } else {
                "jobs/list"
            };
            let reply = store.admin_call(&admin, endpoint, &[bad]).await;
            assert_eq!(reply.status, 400, "{bad:?}");
        }
        let missing = store
            .admin_call(&admin, "jobs/retry", &[("id", "987654")])
            .await;
        assert_eq!(missing.status, 404);
    }
);

both_backends!(
    paying_an_order_enqueues_its_jobs_in_the_same_transaction,
    |store| {
        store.make_digital(EBOOK, b"book", 3).await;
        let order = store.paid_order(&[EBOOK]).await;
        store.jobs_settled(&order.number).await;
        let kinds: Vec<(String, String)> = store
            .db()
            .rows(
                "SELECT j.dedupe_key, j.status FROM jobs j JOIN orders o ON o.id = j.order_id \
             WHERE o.number = $1 ORDER BY j.id",
                server::vals![order.number.as_str()],
            )
            .await
            .unwrap();
        let keys: Vec<&str> = kinds
            .iter()
            .map(|(k, _)| k.split(':').next().unwrap())
            .collect();
        assert_eq!(keys, ["email", "fulfil", "email", "email"], "{kinds:?}");
        assert!(
            kinds.iter().all(|(_, status)| status == "done"),
            "{kinds:?}"
        );
        // The default transport writes each email to the outbox.
        let outbox = store.config().fulfilment.outbox_dir;
        let written = eventually("emails in the outbox", || async {
            let names: Vec<String> = std::fs::read_dir(&outbox)
                .ok()?
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter(|n| n.ends_with(".eml"))
                .collect();
            (names.len() == 3).then_some(names)
        })
        .await;
        assert!(written.contains(&format!("{}-confirmation.eml", order.number)));
        assert!(written.contains(&format!("{}-downloads_ready.eml", order.number)));
        let merchant = store.staff(Some("staff")).await;
        let listed = store
            .admin_call(&merchant, "jobs/list", &[("order", &order.number)])
            .await;
        assert_eq!(listed.json.as_array().unwrap().len(), 4);
        assert_eq!(listed.json[0]["summary"], "email: downloads ready");
    }
);

/// A handler that takes its time, and says when it has begun.
struct Slow {
    started: std::sync::Arc<tokio::sync::Notify>,
}

#[async_trait::async_trait]
impl server::jobs::Perform for Slow {
    async fn perform(&self, _: &Task) -> Result<(), server::jobs::JobError> {
        self.started.notify_one();
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        Ok(())
    }
}

both_backends!(
    shutting_down_lets_a_running_job_finish,
    configured(without_worker),
    |store| {
        enqueue_many(&store, 1).await;
        let started = std::sync::Arc::new(tokio::sync::Notify::new());
        let worker = server::jobs::Worker {
            queue: JobQueue::new(store.db().clone(), 60, Backoff::default()),
            handlers: std::sync::Arc::new(Slow {
                started: started.clone(),
            }),
            concurrency: 2,
            poll: std::time::Duration::from_millis(20),
        }
        .spawn();
        started.notified().await;
        worker.finish(std::time::Duration::from_secs(5)).await;
        assert_eq!(
            store
                .number("SELECT COUNT(*) FROM jobs WHERE status = 'running'")
                .await,
            0,
            "no job is left half done"
        );
        assert_eq!(
            store
                .number("SELECT COUNT(*) FROM jobs WHERE dedupe_key = 'test:0' AND status = 'done'")
                .await,
            1
        );
    }
);
