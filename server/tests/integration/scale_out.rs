//! Scale-out: two app servers and a separate `server worker` share one
//! PostgreSQL database. Shoppers switch servers between requests, 200 of
//! them race for 10 units, payment notifications reach either server
//! several times, and three workers (the two servers' own and the separate
//! one) compete for the job queue.

use crate::crash_recovery::{run, server};
use crate::support::fulfilment::eventually;
use crate::support::payments::{PayingOrder, SECRET, all_acknowledged, deliver_at_once, terms_of};
use crate::support::servers::{free_port, smtp_server, wait_for_port};
use crate::support::{Backend, TestStore, database_url, fixture_csv};
use server::payments::signature::sign_timestamped;
use server::payments::testpay::SIGNATURE_HEADER;
use std::process::Child;
use std::sync::Arc;
use std::time::Duration;

const BUYERS: usize = 200;
const UNITS: i64 = 10;
const SKU: &str = "TEST-0005";

/// Kills the processes when the test ends, however it ends.
struct Processes(Vec<Child>);

impl Drop for Processes {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// What one buyer got: the order they placed, if any, and whether every
/// server saw the same basket.
struct Outcome {
    order: Option<PayingOrder>,
    shared_session: bool,
}

/// A buyer adds the unit on one server, looks at the basket on the other
/// and places the order, with testpay, on the first again.
async fn buy(front: [Arc<TestStore>; 2], variant: i64) -> Outcome {
    let client = front[0].shopper();
    let added = front[0].add(&client, &variant.to_string(), "1").await;
    if added.status != 200 {
        assert!(
            added.status == 409 || added.status == 400,
            "a refused add is a clear 4xx: {} {:?}",
            added.status,
            added.json
        );
        return Outcome {
            order: None,
            shared_session: true,
        };
    }
    let shared_session = front[1].item_count(&client).await == 1;
    let form: Vec<(&str, &str)> = crate::support::checkout::checkout_form("DE")
        .into_iter()
        .map(|(k, v)| {
            if k == "payment_method" {
                (k, "testpay")
            } else {
                (k, v)
            }
        })
        .collect();
    let placed = front[0].api(&client, "checkout/submit", &form).await;
    assert_eq!(placed.status, 200, "{:?}", placed.json);
    let pay_url = placed.json["Placed"]["pay_url"]
        .as_str()
        .expect("testpay's page comes next")
        .to_owned();
    Outcome {
        order: Some(PayingOrder {
            client,
            terms: terms_of(&pay_url),
            pay_url,
        }),
        shared_session,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_and_a_worker_share_one_postgres() {
    let dir = tempfile::tempdir().unwrap();
    let database = database_url(Backend::Postgres, &dir).await;
    let smtp = smtp_server();
    let ports = [free_port(), free_port()];
    let cmd = |port: u16, args: &[&str]| {
        let mut command = server(dir.path(), &database, port, &smtp.smtp_url(), args);
        command
            .env("STORE_TESTPAY", "true")
            .env("STORE_TESTPAY_SECRET", SECRET)
            .env("STORE_JOB_LEASE_SECONDS", "30");
        command
    };
    let csv = dir.path().join("catalog.csv");
    std::fs::write(&csv, fixture_csv()).unwrap();
    run(cmd(ports[0], &["import-catalog", csv.to_str().unwrap()]));

    let mut processes = Processes(Vec::new());
    for port in ports {
        let mut serving = cmd(port, &["serve"]).spawn().unwrap();
        wait_for_port(port, "an app server", &mut serving);
        processes.0.push(serving);
    }
    processes
        .0
        .push(cmd(free_port(), &["worker"]).spawn().unwrap());
    let mut stores = Vec::new();
    for port in ports {
        stores.push(Arc::new(
            TestStore::external(format!("http://127.0.0.1:{port}"), database.clone()).await,
        ));
    }
    let (a, b) = (stores[0].clone(), stores[1].clone());
    let variant = a.variant_id(SKU).await;
    a.execute(&format!(
        "UPDATE variants SET stock_on_hand = {UNITS}, reserved = 0 WHERE id = {variant}"
    ))
    .await;

    // 200 buyers at once, half starting on each server.
    let buyers: Vec<_> = (0..BUYERS)
        .map(|i| {
            let front = if i % 2 == 0 {
                [a.clone(), b.clone()]
            } else {
                [b.clone(), a.clone()]
            };
            tokio::spawn(buy(front, variant))
        })
        .collect();
    let mut orders = Vec::new();
    for buyer in buyers {
        let outcome = buyer.await.unwrap();
        assert!(outcome.shared_session, "the other server saw the basket");
        orders.extend(outcome.order);
    }
    assert_eq!(
        orders.len() as i64,
        UNITS,
        "exactly the units there were sold"
    );
    assert_eq!(
        a.stock(variant).await,
        (UNITS, UNITS),
        "all reserved, none over"
    );
    assert_eq!(
        a.number("SELECT COUNT(*) FROM orders").await,
        UNITS,
        "no order beyond the stock"
    );

    // Each payment is notified three times to each server, all at once.
    let mut deliveries = Vec::new();
    for order in &orders {
        let body = serde_json::to_vec(&order.event("captured")).unwrap();
        for store in [&a, &b] {
            deliveries.extend(deliver_at_once(
                3,
                store.url("/payments/testpay/notify"),
                SIGNATURE_HEADER,
                |body| sign_timestamped(SECRET.as_bytes(), server::basket::now(), body),
                body.clone(),
            ));
        }
    }
    all_acknowledged(deliveries).await;
    assert_eq!(
        a.number("SELECT COUNT(*) FROM payment_events WHERE kind = 'captured'")
            .await,
        UNITS,
        "one recorded capture per payment"
    );
    assert_eq!(
        a.number("SELECT COUNT(*) FROM order_events WHERE transition = 'pay'")
            .await,
        UNITS,
        "each order moved to paid once"
    );
    assert_eq!(
        a.number(
            "SELECT COUNT(*) FROM payment_attempts WHERE status = 'captured' \
             AND captured_minor = amount_minor"
        )
        .await,
        UNITS,
        "each payment captured its amount once"
    );

    // Three workers share the queue: every job finishes, each run once.
    eventually("every job to finish", || async {
        let left = a
            .number("SELECT COUNT(*) FROM jobs WHERE status <> 'done'")
            .await;
        let mails = smtp.messages().len() as i64;
        (left == 0 && mails >= 2 * UNITS).then_some(())
    })
    .await;
    assert!(a.number("SELECT COUNT(*) FROM jobs").await >= 2 * UNITS);
    assert_eq!(
        a.number("SELECT COUNT(*) FROM jobs WHERE attempts <> 1")
            .await,
        0,
        "no job ran twice"
    );
    // Give a duplicate email, if there were one, time to arrive.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let subjects: Vec<String> = smtp
        .messages()
        .iter()
        .map(|m| m.header("subject"))
        .collect();
    let numbers: Vec<String> = {
        let db = a.db();
        server::with_db!(db, |pool| sqlx::query_scalar::<_, String>(
            "SELECT number FROM orders ORDER BY id"
        )
        .fetch_all(pool)
        .await)
        .unwrap()
    };
    for number in &numbers {
        for subject in [
            format!("Your order {number}"),
            format!("Payment received for order {number}"),
        ] {
            assert_eq!(
                subjects.iter().filter(|s| **s == subject).count(),
                1,
                "{subject} once in {subjects:?}"
            );
        }
    }
    assert_eq!(subjects.len(), 2 * numbers.len(), "{subjects:?}");
    assert_eq!(
        a.number("SELECT COUNT(*) FROM orders WHERE status = 'paid'")
            .await,
        UNITS
    );
    drop(processes);
}
