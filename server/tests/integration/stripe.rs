//! Stripe Checkout against a local stand-in of Stripe's API: the session
//! the store creates, signed webhooks (replayed, forged, stale), the
//! shopper's return and cancel, failed and expired payments, and refunds
//! through Stripe's Refunds API.

use crate::support::fake_stripe::{FakeStripe, SECRET_KEY, WEBHOOK_SECRET};
use crate::support::payments::{all_acknowledged, deliver_at_once, post_signed};
use crate::support::{Backend, TestStore};
use serde_json::Value;
use server::payments::signature::sign_timestamped;

async fn store_with_stripe(backend: Backend) -> (TestStore, FakeStripe) {
    let fake = FakeStripe::start().await;
    let base = fake.base.clone();
    let store = TestStore::start_configured(backend, move |config| {
        config.payments.stripe_secret_key = Some(SECRET_KEY.into());
        config.payments.stripe_webhook_secret = Some(WEBHOOK_SECRET.into());
        config.payments.stripe_api_base = base.clone();
    })
    .await;
    (store, fake)
}

/// Posts a Stripe event signed with `secret` at `at`.
async fn deliver(store: &TestStore, event: &Value, secret: &str, at: i64) -> u16 {
    let body = serde_json::to_vec(event).unwrap();
    let signature = sign_timestamped(secret.as_bytes(), at, &body);
    post_signed(
        store.url("/payments/stripe/notify"),
        ("stripe-signature", signature),
        body,
    )
    .await
}

async fn webhook(store: &TestStore, event: &Value) -> u16 {
    deliver(store, event, WEBHOOK_SECRET, server::basket::now()).await
}

async fn stripe_pays_refunds_and_survives_replays(backend: Backend) {
    let (store, fake) = store_with_stripe(backend).await;
    let order = store.order_paying_with("stripe").await;
    let (number, _) = store.latest_order().await;
    let session = fake.session_at(&order.pay_url);
    // The session asks for exactly the order's total, names the order and
    // comes back to this attempt's return address.
    assert_eq!(session.amount(), store.order_total(&number).await);
    assert_eq!(session.form["line_items[0][price_data][currency]"], "usd");
    assert_eq!(session.form["client_reference_id"], number);
    let success = session.form["success_url"].clone();
    assert!(success.contains(&format!("/payments/stripe/return/{}", session.attempt())));

    // The shopper is back before Stripe's webhook: still processing.
    let back = order.client.get(&success).send().await.unwrap();
    assert_eq!(back.status(), 303);
    let page_url = back.headers()["location"].to_str().unwrap().to_owned();
    let (_, page) = store.page(&order.client, &page_url).await;
    assert!(page.contains("Payment processing"), "{page}");
    assert_eq!(store.order_money(&number).await.0, "awaiting_payment");

    // Forged and stale deliveries are refused and change nothing.
    let completed = fake.pay(&session.id);
    assert_eq!(
        deliver(&store, &completed, "whsec_wrong", server::basket::now()).await,
        400
    );
    assert_eq!(
        deliver(
            &store,
            &completed,
            WEBHOOK_SECRET,
            server::basket::now() - 301
        )
        .await,
        400
    );
    assert_eq!(store.order_money(&number).await.1, 0);

    // Stripe retries: twenty copies at once pay the order once.
    all_acknowledged(deliver_at_once(
        20,
        store.url("/payments/stripe/notify"),
        "stripe-signature",
        |body| sign_timestamped(WEBHOOK_SECRET.as_bytes(), server::basket::now(), body),
        serde_json::to_vec(&completed).unwrap(),
    ))
    .await;
    let total = store.order_total(&number).await;
    assert_eq!(store.order_money(&number).await, ("paid".into(), total, 0));
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM order_events WHERE transition = 'pay'")
            .await,
        1
    );

    // A refund goes through Stripe's Refunds API, for the payment intent.
    let admin = store.staff(Some("admin")).await;
    let refund = store
        .admin_api(&admin, "refund", &[("number", &number), ("amount", "2.50")])
        .await;
    assert_eq!(refund.status, 200, "{:?}", refund.json);
    assert_eq!(fake.refunds().len(), 1);
    assert_eq!(fake.refunds()[0].1, 250);
    assert_eq!(
        store.order_money(&number).await,
        ("partially_refunded".into(), total, 250)
    );
    // Stripe's charge.refunded for the same refund changes nothing.
    assert_eq!(
        webhook(&store, &fake.charge_refunded(&session.id)).await,
        200
    );
    assert_eq!(store.order_money(&number).await.2, 250);

    // Asking for more than is left never reaches Stripe.
    let requests = fake.requests();
    let too_much = store
        .admin_api(
            &admin,
            "refund",
            &[
                ("number", &number),
                ("amount", &crate::support::merchant::amount(total)),
            ],
        )
        .await;
    assert_eq!(too_much.status, 409);
    assert_eq!(fake.requests(), requests);

    // The processor log holds what was said, without the API key.
    let logged = store
        .number("SELECT COUNT(*) FROM processor_responses WHERE provider = 'stripe'")
        .await;
    assert!(logged >= 6, "{logged}");
    assert_eq!(
        store
            .number(&format!(
                "SELECT COUNT(*) FROM processor_responses WHERE headers LIKE '%{SECRET_KEY}%' \
                 OR body LIKE '%{SECRET_KEY}%'"
            ))
            .await,
        0
    );
}

each_backend!(stripe_full_flow, stripe_pays_refunds_and_survives_replays);

async fn failed_cancelled_and_expired_sessions_leave_the_order_payable(backend: Backend) {
    let (store, fake) = store_with_stripe(backend).await;
    // The checkout offers exactly the enabled providers.
    assert_eq!(
        store.offered_payments().await,
        ["testpay", "stripe", "bank_transfer"]
    );
    let order = store.order_paying_with("stripe").await;
    let (number, token) = store.latest_order().await;
    let first = fake.session_at(&order.pay_url);

    // The card is declined.
    assert_eq!(webhook(&store, &fake.payment_failed(&first.id)).await, 200);
    let (_, page) = store.page(&order.client, &format!("/orders/{token}")).await;
    assert!(
        page.contains("declined") && page.contains("Try again"),
        "{page}"
    );
    assert_eq!(store.order_money(&number).await.0, "awaiting_payment");

    // Trying again is a new attempt and a new session.
    let again = store
        .api(&order.client, "orders/pay", &[("token", &token)])
        .await;
    assert_eq!(again.status, 200, "{:?}", again.json);
    let second = fake.session_at(again.json.as_str().unwrap());
    assert_ne!(second.attempt(), first.attempt());

    // The shopper leaves Stripe's page: cancelled, payable again…
    let cancel = format!("{}?cancelled=1", second.form["success_url"]);
    assert_eq!(second.form["cancel_url"], cancel);
    assert_eq!(
        order.client.get(&cancel).send().await.unwrap().status(),
        303
    );
    let (_, page) = store.page(&order.client, &format!("/orders/{token}")).await;
    assert!(
        page.contains("cancelled") && page.contains("Try again"),
        "{page}"
    );

    // …but a payment made meanwhile still counts, and the first session
    // expiring later changes nothing.
    assert_eq!(webhook(&store, &fake.pay(&second.id)).await, 200);
    assert_eq!(webhook(&store, &fake.expired(&first.id)).await, 200);
    assert_eq!(store.order_money(&number).await.0, "paid");

    // A signed event about a payment this store never started: 200, ignored.
    let stranger = store.order_paying_with("stripe").await;
    let mut foreign = fake.pay(&fake.session_at(&stranger.pay_url).id);
    foreign["data"]["object"]["metadata"]["attempt"] = Value::from("f".repeat(32));
    assert_eq!(webhook(&store, &foreign).await, 200);
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM orders WHERE status = 'paid'")
            .await,
        1
    );
}

each_backend!(
    stripe_failures,
    failed_cancelled_and_expired_sessions_leave_the_order_payable
);
