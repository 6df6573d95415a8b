//! Payments through testpay over HTTP: the shopper's round trip, and
//! exactly-once processing under duplicated, racing, late, forged and
//! mismatched notifications.

use crate::support::payments::{SECRET, all_acknowledged, deliver_at_once};
use server::payments::signature::sign_timestamped;

both_backends!(
    fifty_webhooks_racing_the_return_pay_the_order_once,
    |store| {
        let order = store.order_with_testpay().await;
        // testpay's page shows what is to be paid.
        let page = order
            .client
            .get(&order.pay_url)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let amount: i64 = order.term("amount").parse().unwrap();
        let shown = format!("{}.{:02} USD", amount / 100, amount % 100);
        assert!(
            page.contains("Pay, notify late") && page.contains(&shown),
            "{page}"
        );
        assert_eq!(store.order_status().await, "awaiting_payment");

        let back = store.choose(&order, "pay").await;
        assert!(back.contains(&format!("/payments/testpay/return/{}", order.attempt())));
        let event = order.event("captured");
        let racing = deliver_at_once(
            50,
            store.url("/payments/testpay/notify"),
            server::payments::testpay::SIGNATURE_HEADER,
            |body| sign_timestamped(SECRET.as_bytes(), server::basket::now(), body),
            serde_json::to_vec(&event).unwrap(),
        );
        let client = order.client.clone();
        let returned = tokio::spawn(async move { client.get(back).send().await.unwrap() });
        all_acknowledged(racing).await;
        let returned = returned.await.unwrap();
        assert_eq!(returned.status(), 303);
        let order_page = returned.headers()["location"].to_str().unwrap().to_owned();
        assert!(order_page.starts_with("/orders/"), "{order_page}");
        // testpay's own notification arrives too.
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;

        assert_eq!(
            store
                .number("SELECT COUNT(*) FROM payment_events WHERE kind = 'captured'")
                .await,
            1
        );
        assert_eq!(
            store
                .number("SELECT COUNT(*) FROM order_events WHERE transition = 'pay'")
                .await,
            1
        );
        assert_eq!(store.order_status().await, "paid");
        assert_eq!(
            store
                .number("SELECT COUNT(*) FROM orders WHERE paid_minor = total_minor")
                .await,
            1
        );
        assert_eq!(
            store
                .number("SELECT captured_minor FROM payment_attempts")
                .await,
            amount
        );
        assert!(
            store
                .number("SELECT COUNT(*) FROM processor_responses WHERE direction = 'notification'")
                .await
                >= 51,
            "every delivery is logged"
        );
        assert_eq!(
            store
                .number("SELECT COUNT(*) FROM processor_responses WHERE headers LIKE '%v1=%'")
                .await,
            0,
            "signatures are not kept"
        );
        let (_, page) = store.page(&order.client, &order_page).await;
        assert!(page.contains(">paid<"), "{page}");
    }
);

both_backends!(late_and_stale_events_never_undo_a_capture, |store| {
    let order = store.order_with_testpay().await;
    assert_eq!(store.notify(&order.event("pending")).await, 200);
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM payment_attempts WHERE status = 'pending'")
            .await,
        1
    );
    assert_eq!(store.notify(&order.event("captured")).await, 200);
    // An old "pending" and a "failed" arrive after the capture.
    let mut stale = order.event("pending");
    stale.id = "evt_other".into();
    assert_eq!(store.notify(&stale).await, 200);
    assert_eq!(store.notify(&order.event("failed")).await, 200);
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM payment_attempts WHERE status = 'captured'")
            .await,
        1
    );
    assert_eq!(store.order_status().await, "paid");
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM order_events WHERE transition = 'pay'")
            .await,
        1
    );
});

both_backends!(forged_and_foreign_notifications_change_nothing, |store| {
    let order = store.order_with_testpay().await;
    let event = order.event("captured");
    let body = serde_json::to_vec(&event).unwrap();
    let now = server::basket::now();
    assert_eq!(store.notify_raw(&body, "not the secret", now).await, 400);
    assert_eq!(
        store.notify_raw(&body, SECRET, now - 3600).await,
        400,
        "a replay from an hour ago"
    );
    let tampered = String::from_utf8(body.clone())
        .unwrap()
        .replace(&format!("\"amount\":{}", event.amount), "\"amount\":1");
    assert_ne!(tampered.as_bytes(), &body[..]);
    let forged = reqwest::Client::new()
        .post(store.url("/payments/testpay/notify"))
        .header(
            server::payments::testpay::SIGNATURE_HEADER,
            server::payments::signature::sign_timestamped(SECRET.as_bytes(), now, &body),
        )
        .body(tampered)
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 400);
    let unsigned = reqwest::Client::new()
        .post(store.url("/payments/testpay/notify"))
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(unsigned.status(), 400);
    assert_eq!(
        reqwest::Client::new()
            .post(store.url("/payments/nopay/notify"))
            .body(body.clone())
            .send()
            .await
            .unwrap()
            .status(),
        404
    );

    // Signed, but for a payment this store never started: acknowledged,
    // logged and ignored.
    let mut unknown = event.clone();
    unknown.attempt = "0".repeat(32);
    assert_eq!(store.notify(&unknown).await, 200);
    // Signed, for this payment, but for the wrong amount or currency.
    let mut short = event.clone();
    short.amount = 1;
    assert_eq!(store.notify(&short).await, 200);
    let mut euros = event.clone();
    euros.currency = "EUR".into();
    assert_eq!(store.notify(&euros).await, 200);

    assert_eq!(store.number("SELECT COUNT(*) FROM payment_events").await, 0);
    assert_eq!(store.order_status().await, "awaiting_payment");
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM payment_attempts WHERE status = 'started'")
            .await,
        1
    );
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM processor_responses WHERE direction = 'notification'")
            .await,
        7,
        "each delivery to a known provider is logged, verified or not"
    );
});

both_backends!(a_declined_payment_leaves_the_order_waiting, |store| {
    let order = store.order_with_testpay().await;
    let back = store.choose(&order, "decline").await;
    let returned = order.client.get(&back).send().await.unwrap();
    assert_eq!(returned.status(), 303);
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM payment_attempts WHERE status = 'failed'")
            .await,
        1
    );
    assert_eq!(store.order_status().await, "awaiting_payment");
    // The order page says so and offers to try again, which starts a new
    // attempt on the same order.
    let order_page = returned.headers()["location"].to_str().unwrap().to_owned();
    let (_, page) = store.page(&order.client, &order_page).await;
    assert!(page.contains("Your payment was declined"), "{page}");
    assert!(page.contains("Try again"));
    let token = order_page.strip_prefix("/orders/").unwrap().to_owned();
    let again = store
        .api(&order.client, "orders/pay", &[("token", &token)])
        .await;
    assert_eq!(again.status, 200, "{:?}", again.json);
    let url = again.json.as_str().unwrap().to_owned();
    let retry = crate::support::payments::PayingOrder {
        client: order.client.clone(),
        terms: crate::support::payments::terms_of(&url),
        pay_url: url,
    };
    assert_ne!(retry.attempt(), order.attempt());
    let back = store.choose(&retry, "pay").await;
    order.client.get(&back).send().await.unwrap();
    assert_eq!(store.order_status().await, "paid");
    assert_eq!(
        store.number("SELECT COUNT(*) FROM payment_attempts").await,
        2
    );
});

both_backends!(paid_but_notified_late_shows_processing_then_paid, |store| {
    let order = store.order_with_testpay().await;
    let back = store.choose(&order, "pay_late").await;
    let returned = order.client.get(&back).send().await.unwrap();
    let order_page = returned.headers()["location"].to_str().unwrap().to_owned();
    let (_, page) = store.page(&order.client, &order_page).await;
    assert!(page.contains("Payment processing"), "{page}");
    assert!(
        page.contains(r#"http-equiv="refresh""#),
        "reloads itself without JavaScript"
    );
    assert!(
        !page.contains("Pay now"),
        "no second payment while one is processing"
    );
    assert_eq!(store.order_status().await, "awaiting_payment");
    // testpay notifies a second later (the test configuration).
    let mut paid = false;
    for _ in 0..50 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        if store.order_status().await == "paid" {
            paid = true;
            break;
        }
    }
    assert!(paid, "the late notification pays the order");
    let (_, page) = store.page(&order.client, &order_page).await;
    assert!(
        page.contains(">paid<") && !page.contains("Payment processing"),
        "{page}"
    );
    // Someone without the link cannot pay or see it.
    let stranger = store
        .api(
            &store.shopper(),
            "orders/pay",
            &[("token", &"f".repeat(48))],
        )
        .await;
    assert_eq!(stranger.status, 404);
});
