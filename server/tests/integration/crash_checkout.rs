//! Crash safety under load: 64 shoppers place orders as fast as they can
//! and the server is killed (SIGKILL) in the middle. After a restart every
//! order a shopper was told about exists, stock adds up, and once the
//! reservations' time is up none is left held by a basket.

use crate::crash_recovery::{run, server};
use crate::support::servers::{free_port, wait_for_port};
use crate::support::{Backend, TestStore, database_url, fixture_csv};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const SHOPPERS: usize = 64;

async fn crash_under_load(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let database = database_url(backend, &dir).await;
    let port = free_port();
    let cmd = |args: &[&str]| {
        let mut command = server(dir.path(), &database, port, "smtp://127.0.0.1:9", args);
        command.env("STORE_SWEEP_SECONDS", "1");
        command
    };
    let csv = dir.path().join("catalog.csv");
    std::fs::write(&csv, fixture_csv()).unwrap();
    run(cmd(&["import-catalog", csv.to_str().unwrap()]));
    let store =
        Arc::new(TestStore::external(format!("http://127.0.0.1:{port}"), database.clone()).await);
    let initial = store
        .number("SELECT CAST(SUM(stock_on_hand) AS BIGINT) FROM variants")
        .await;

    let mut serving = cmd(&["serve"]).spawn().unwrap();
    wait_for_port(port, "the server", &mut serving);
    let mut variants = Vec::new();
    for i in 3..=30 {
        variants.push(store.variant_id(&format!("TEST-{i:04}")).await);
    }
    let variants = Arc::new(variants);
    let told = Arc::new(Mutex::new(Vec::<String>::new()));
    let shoppers: Vec<_> = (0..SHOPPERS)
        .map(|i| {
            let (store, told, variants) = (store.clone(), told.clone(), variants.clone());
            tokio::spawn(async move {
                // Each shopper buys items from the in-stock products, one order after another.
                for round in 0.. {
                    let client = store.shopper();
                    let variant = variants[(i + round) % variants.len()];
                    let added = client
                        .post(store.url("/api/basket/add"))
                        .header("origin", store.url(""))
                        .header("accept", "application/json")
                        .form(&[
                            ("variant_id", variant.to_string()),
                            ("quantity", "1".to_owned()),
                        ])
                        .send()
                        .await;
                    if !matches!(&added, Ok(r) if r.status().is_success()) {
                        return;
                    }
                    let form = crate::support::checkout::checkout_form("DE");
                    let placed = client
                        .post(store.url("/api/checkout/submit"))
                        .header("origin", store.url(""))
                        .header("accept", "application/json")
                        .form(&form)
                        .send()
                        .await;
                    let Ok(placed) = placed else { return };
                    if !placed.status().is_success() {
                        return;
                    }
                    let Ok(body) = placed.json::<serde_json::Value>().await else {
                        return;
                    };
                    if let Some(number) = body["Placed"]["number"].as_str() {
                        told.lock().unwrap().push(number.to_owned());
                    }
                }
            })
        })
        .collect();
    // Let the load build up, then pull the plug.
    tokio::time::sleep(Duration::from_millis(2_500)).await;
    serving.kill().unwrap();
    serving.wait().unwrap();
    for shopper in shoppers {
        shopper.await.unwrap();
    }
    let told = told.lock().unwrap().clone();
    assert!(
        told.len() >= SHOPPERS,
        "the load placed orders before the crash: {}",
        told.len()
    );

    // Restarted, the store has every acknowledged order.
    let mut serving = cmd(&["serve"]).spawn().unwrap();
    wait_for_port(port, "the restarted server", &mut serving);
    for number in &told {
        let found = store
            .number(&format!(
                "SELECT COUNT(*) FROM orders WHERE number = '{number}'"
            ))
            .await;
        assert_eq!(found, 1, "acknowledged order {number} survived");
    }
    // Nothing was sold yet, so stock on hand is as imported, and what is
    // reserved is exactly what orders and baskets hold.
    assert_eq!(
        store
            .number("SELECT CAST(SUM(stock_on_hand) AS BIGINT) FROM variants")
            .await,
        initial
    );
    let held = "SELECT CAST(COALESCE(SUM(allocated), 0) AS BIGINT) FROM order_lines";
    let basket_held =
        "SELECT CAST(COALESCE(SUM(reserved_quantity), 0) AS BIGINT) FROM basket_lines";
    let reserved = "SELECT CAST(SUM(reserved) AS BIGINT) FROM variants";
    assert_eq!(
        store.number(reserved).await,
        store.number(held).await + store.number(basket_held).await,
        "every reserved unit is held by an order or a basket"
    );
    assert_eq!(
        store.number("SELECT COUNT(*) FROM (SELECT order_id FROM payment_attempts GROUP BY order_id HAVING COUNT(*) > 1) AS d").await,
        0,
        "no payment was made twice"
    );
    // Once their time is up, the sweeper releases what baskets held.
    store
        .execute("UPDATE basket_lines SET reserved_until = 0 WHERE reserved_quantity > 0")
        .await;
    crate::support::fulfilment::eventually("the lapsed reservations to be released", || async {
        (store.number(basket_held).await == 0).then_some(())
    })
    .await;
    assert_eq!(store.number(reserved).await, store.number(held).await);
    serving.kill().unwrap();
    serving.wait().unwrap();
}
crate::each_backend!(
    acknowledged_orders_survive_a_crash_under_load,
    crash_under_load
);
