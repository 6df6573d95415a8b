//! The external fulfilment partner: a signed POST of the partner-made
//! lines and the address, retried through the queue until accepted, with
//! every answer recorded.

use crate::support::fulfilment::eventually;
use crate::support::{Backend, TestStore};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use server::fulfilment::SIGNATURE_HEADER;
use server::payments::signature::verify_timestamped;
use std::sync::{Arc, Mutex};

const SECRET: &str = "partner-secret";
const PRESSED: &str = "TEST-0009";

#[derive(Clone, Default)]
struct Partner {
    /// Every request: whether its signature held, and its body.
    seen: Arc<Mutex<Vec<(bool, serde_json::Value)>>>,
}

async fn receive(
    State(partner): State<Partner>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, String) {
    let signature = headers
        .get(SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let now = server::startup::now();
    let valid = verify_timestamped(signature, SECRET.as_bytes(), &body, now, 300).is_ok();
    let json = serde_json::from_slice(&body).unwrap_or_default();
    let mut seen = partner.seen.lock().unwrap();
    seen.push((valid, json));
    // The partner is down for the first two tries.
    if seen.len() <= 2 {
        (StatusCode::SERVICE_UNAVAILABLE, "busy pressing".into())
    } else {
        (
            StatusCode::OK,
            r#"{"accepted":true,"reference":"P-0001"}"#.into(),
        )
    }
}

async fn partner_lines(backend: Backend) {
    let partner = Partner::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/orders", listener.local_addr().unwrap());
    let app = axum::Router::new()
        .route("/orders", axum::routing::post(receive))
        .with_state(partner.clone());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let store = TestStore::start_configured(backend, move |config| {
        config.fulfilment.fulfilment_url = Some(url.clone());
        config.fulfilment.fulfilment_secret = SECRET.into();
    })
    .await;
    store
        .execute(&format!(
            "UPDATE products SET external_fulfilment = TRUE WHERE sku = '{PRESSED}'"
        ))
        .await;
    let order = store.paid_order(&[PRESSED, "TEST-0005"]).await;
    store.jobs_settled(&order.number).await;
    let seen = partner.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 3, "two refusals, then accepted");
    assert!(seen.iter().all(|(valid, _)| *valid), "every post is signed");
    let body = &seen[2].1;
    assert_eq!(body["order"], order.number.as_str());
    assert_eq!(
        body["lines"].as_array().unwrap().len(),
        1,
        "only the partner's line"
    );
    assert_eq!(body["lines"][0]["sku"], PRESSED);
    assert_eq!(body["lines"][0]["quantity"], 1);
    assert_eq!(body["ship_to"]["city"], "Köln");

    let merchant = store.staff(Some("staff")).await;
    let delivery = store
        .admin_call(&merchant, "delivery/show", &[("number", &order.number)])
        .await;
    assert_eq!(delivery.status, 200);
    let handoffs = delivery.json["handoffs"].as_array().unwrap();
    assert_eq!(handoffs.len(), 3);
    assert_eq!(handoffs[0]["accepted"], true);
    assert!(handoffs[0]["response"].as_str().unwrap().contains("P-0001"));
    assert_eq!(handoffs[2]["status_code"], 503);
    let jobs = store
        .admin_call(&merchant, "jobs/list", &[("order", &order.number)])
        .await;
    let handoff = jobs
        .json
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["kind"] == "handoff")
        .unwrap()
        .clone();
    assert_eq!(handoff["status"], "done");
    assert_eq!(handoff["attempts"], 3);
    // The merchant's own line still waits to be shipped.
    assert_eq!(delivery.json["status_label"], "paid");
}

each_backend!(
    partner_lines_are_handed_off_signed_and_retried_until_accepted,
    partner_lines
);

both_backends!(
    shipping_needs_a_paid_order_and_keeps_the_tracking_number,
    |store| {
        let order = store.paid_order(&["TEST-0005"]).await;
        let merchant = store.staff(Some("staff")).await;
        let long = "X".repeat(101);
        let too_long = store
            .admin_call(
                &merchant,
                "delivery/ship",
                &[("number", &order.number), ("tracking_number", &long)],
            )
            .await;
        assert_eq!(too_long.status, 400);
        let shipped = store
            .admin_call(
                &merchant,
                "delivery/ship",
                &[
                    ("number", &order.number),
                    ("tracking_number", "1Z999AA10123456784"),
                ],
            )
            .await;
        assert_eq!(shipped.status, 200, "{:?}", shipped.json);
        assert_eq!(shipped.json["status_label"], "shipped");
        let twice = store
            .admin_call(&merchant, "delivery/ship", &[("number", &order.number)])
            .await;
        assert_eq!(twice.status, 409);
        let (_, page) = store.page(&order.client, &order.url).await;
        assert!(page.contains("1Z999AA10123456784"));
        let missing = store
            .admin_call(&merchant, "delivery/ship", &[("number", "1999-00001")])
            .await;
        assert_eq!(missing.status, 404);
        let wait = eventually("the shipped email", || async {
            let outbox = store.config().fulfilment.outbox_dir;
            let mail =
                std::fs::read_to_string(outbox.join(format!("{}-shipped.eml", order.number)))
                    .ok()?;
            Some(mail)
        })
        .await;
        assert!(wait.contains("1Z999AA10123456784"));
    }
);
