//! The place-order load. Each order needs a shopper with a filled basket;
//! filling them is the add-to-basket scenario's business, so it happens
//! before the clock starts and only the placements are timed. Every
//! shopper is its own session (one cookie), and places exactly once.

use crate::scenario::{Kind, Outcome, Targets, collect, drive, picker};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Shoppers prepared per second of the run: more than the store places, so
/// no virtual user runs dry before the time is up.
const PREPARED_PER_SECOND: usize = 1_500;

const CHECKOUT_FORM: [(&str, &str); 10] = [
    ("email", "bench@example.com"),
    ("shipping_name", "Bench Shopper"),
    ("shipping_line1", "Heidestraße 17"),
    ("shipping_city", "Köln"),
    ("shipping_postcode", "51147"),
    ("shipping_country", "DE"),
    ("billing_same", "on"),
    ("shipping_method", "standard"),
    ("payment_method", "bank_transfer"),
    ("intent", "place"),
];

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .pool_max_idle_per_host(1)
        .build()
        .unwrap()
}

/// Session cookies of shoppers whose baskets hold one in-stock item each.
async fn prepare(base: String, targets: Arc<Targets>, count: usize, seed: u64) -> Vec<String> {
    let client = client();
    let mut next = picker(seed);
    let mut shoppers = Vec::with_capacity(count);
    for _ in 0..count {
        let variant = &targets.order_variants[next(targets.order_variants.len())];
        let Ok(response) = client
            .post(format!("{base}/api/basket/add"))
            .header("origin", &base)
            .header("accept", "application/json")
            .form(&[("variant_id", variant.as_str()), ("quantity", "1")])
            .send()
            .await
        else {
            continue;
        };
        let cookie = response
            .headers()
            .get(reqwest::header::SET_COOKIE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(str::to_owned);
        if response.status().is_success()
            && let Some(cookie) = cookie
        {
            shoppers.push(cookie);
        }
    }
    shoppers
}

pub async fn run(
    base: &str,
    targets: &Arc<Targets>,
    connections: usize,
    duration: Duration,
) -> Outcome {
    let wanted = PREPARED_PER_SECOND * duration.as_secs().max(1) as usize;
    let per_user = wanted.div_ceil(connections);
    let preparing: Vec<_> = (0..connections)
        .map(|i| {
            tokio::spawn(prepare(
                base.to_owned(),
                targets.clone(),
                per_user,
                i as u64 + 1,
            ))
        })
        .collect();
    let mut prepared = Vec::with_capacity(connections);
    for task in preparing {
        prepared.push(task.await.unwrap());
    }
    eprintln!(
        "  {} shoppers with a filled basket are ready",
        prepared.iter().map(Vec::len).sum::<usize>()
    );

    let started = Instant::now();
    let until = started + duration;
    let tasks = prepared
        .into_iter()
        .map(|mut shoppers| {
            let base = base.to_owned();
            let client = client();
            tokio::spawn(drive(
                move || {
                    let cookie = shoppers.pop()?;
                    Some(
                        client
                            .post(format!("{base}/api/checkout/submit"))
                            .header("origin", &base)
                            .header("accept", "application/json")
                            .header(reqwest::header::COOKIE, cookie)
                            .form(&CHECKOUT_FORM),
                    )
                },
                until,
            ))
        })
        .collect();
    collect(Kind::PlaceOrder, started, tasks).await
}
