//! The merchant's payment actions over HTTP: bank transfers recorded in
//! parts then marked paid, refunds that never exceed what was captured,
//! and the staff checks in front of every admin server function.

use crate::support::merchant::amount;

both_backends!(bank_transfer_in_two_parts_then_marked_paid, |store| {
    let (shopper, number, url) = store.new_order("TEST-0005", "2").await;
    let total = store.order_total(&number).await;
    // The shopper is told where to send the money, and with what reference.
    let (status, page) = store.page(&shopper, &url).await;
    assert_eq!(status, 200);
    assert!(page.contains("DE89 3704 0044 0532 0130 00"), "{page}");
    assert!(page.contains("COBADEFFXXX") && page.contains(&number));

    let admin = store.staff(Some("admin")).await;
    let half = total / 2;
    let first = store
        .admin_api(
            &admin,
            "record",
            &[
                ("number", &number),
                ("amount", &amount(half)),
                ("reference", "STATEMENT-1"),
            ],
        )
        .await;
    assert_eq!(first.status, 200, "{:?}", first.json);
    assert_eq!(first.json["can_mark_paid"], false);

    // Not covered yet: the state machine's guard refuses.
    let early = store
        .admin_api(&admin, "mark-paid", &[("number", &number)])
        .await;
    assert_eq!(early.status, 409);
    assert!(
        early.error_message().contains("do not cover"),
        "{:?}",
        early.json
    );
    assert_eq!(
        store.order_money(&number).await,
        ("awaiting_payment".into(), half, 0)
    );

    // The same bank line recorded twice counts once.
    let again = store
        .admin_api(
            &admin,
            "record",
            &[
                ("number", &number),
                ("amount", &amount(half)),
                ("reference", "STATEMENT-1"),
            ],
        )
        .await;
    assert_eq!(again.status, 409);
    assert_eq!(store.order_money(&number).await.1, half);

    let rest = store
        .admin_api(
            &admin,
            "record",
            &[
                ("number", &number),
                ("amount", &amount(total - half)),
                ("reference", "STATEMENT-2"),
            ],
        )
        .await;
    assert_eq!(rest.status, 200, "{:?}", rest.json);
    assert_eq!(rest.json["can_mark_paid"], true);
    assert_eq!(rest.json["payments"].as_array().unwrap().len(), 2);
    // Recording does not decide for the merchant.
    assert_eq!(store.order_money(&number).await.0, "awaiting_payment");

    let paid = store
        .admin_api(&admin, "mark-paid", &[("number", &number)])
        .await;
    assert_eq!(paid.status, 200, "{:?}", paid.json);
    assert_eq!(store.order_money(&number).await, ("paid".into(), total, 0));
    let (_, page) = store.page(&shopper, &url).await;
    assert!(!page.contains("DE89 3704"), "no bank details once paid");

    // A paid order takes no more payments by hand.
    let late = store
        .admin_api(&admin, "record", &[("number", &number), ("amount", "1.00")])
        .await;
    assert_eq!(late.status, 409);
    assert_eq!(store.order_money(&number).await.1, total);
});

both_backends!(the_checkout_offers_only_enabled_providers, |store| {
    // Stripe and BTCPay are not configured in the test store.
    assert_eq!(store.offered_payments().await, ["testpay", "bank_transfer"]);
    // A method that is not offered cannot be chosen.
    let client = store.shopper();
    let variant = store.variant_id("TEST-0005").await.to_string();
    store.add(&client, &variant, "1").await;
    let form: Vec<(&str, &str)> = crate::support::checkout::checkout_form("DE")
        .into_iter()
        .map(|(k, v)| {
            if k == "payment_method" {
                (k, "stripe")
            } else {
                (k, v)
            }
        })
        .collect();
    let refused = store.api(&client, "checkout/submit", &form).await;
    assert_eq!(refused.status, 400, "{:?}", refused.json);
    assert_eq!(store.number("SELECT COUNT(*) FROM orders").await, 0);
});

both_backends!(bad_payment_input_is_refused_and_changes_nothing, |store| {
    let (_, number, _) = store.new_order("TEST-0005", "1").await;
    let admin = store.staff(Some("admin")).await;
    let long = "x".repeat(101);
    for (amount, reference, expected) in [
        ("-5", "", 400),
        ("0", "", 400),
        ("abc", "", 400),
        ("1.234", "", 400),
        ("99999999999999999999", "", 400),
        ("1.00", long.as_str(), 400),
    ] {
        let reply = store
            .admin_api(
                &admin,
                "record",
                &[
                    ("number", &number),
                    ("amount", amount),
                    ("reference", reference),
                ],
            )
            .await;
        assert_eq!(reply.status, expected, "{amount:?}: {:?}", reply.json);
        assert!(!reply.error_message().is_empty());
    }
    let unknown = store
        .admin_api(
            &admin,
            "record",
            &[("number", "1999-99999"), ("amount", "1.00")],
        )
        .await;
    assert_eq!(unknown.status, 404);
    assert_eq!(
        store.order_money(&number).await,
        ("awaiting_payment".into(), 0, 0)
    );
    assert_eq!(
        store.number("SELECT COUNT(*) FROM payment_attempts").await,
        0
    );
});

both_backends!(refunds_never_exceed_what_was_captured, |store| {
    let order = store.order_with_testpay().await;
    let back = store.choose(&order, "pay").await;
    order.client.get(back).send().await.unwrap();
    let number = server::with_db!(store.db(), |pool| sqlx::query_scalar::<_, String>(
        "SELECT number FROM orders ORDER BY id DESC LIMIT 1"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    let total = store.order_total(&number).await;
    assert_eq!(store.order_money(&number).await, ("paid".into(), total, 0));

    // Staff run orders but do not give money back.
    let staff = store.staff(Some("staff")).await;
    let refused = store
        .admin_api(&staff, "refund", &[("number", &number), ("amount", "1.00")])
        .await;
    assert_eq!(refused.status, 403);

    let admin = store.staff(Some("admin")).await;
    let part = store
        .admin_api(&admin, "refund", &[("number", &number), ("amount", "1.00")])
        .await;
    assert_eq!(part.status, 200, "{:?}", part.json);
    assert_eq!(
        store.order_money(&number).await,
        ("partially_refunded".into(), total, 100)
    );
    // The order's history names the admin who refunded.
    assert_eq!(
        store
            .number(
                "SELECT COUNT(*) FROM order_events \
                 WHERE transition = 'refund_partially' AND actor LIKE 'staff:%'"
            )
            .await,
        1
    );

    let too_much = store
        .admin_api(
            &admin,
            "refund",
            &[("number", &number), ("amount", &amount(total - 100 + 1))],
        )
        .await;
    assert_eq!(too_much.status, 409);
    assert!(
        too_much.error_message().contains("At most"),
        "{:?}",
        too_much.json
    );
    assert_eq!(store.order_money(&number).await.2, 100);

    // The processor reports the refund it made: already applied, no change.
    let refund_reference = server::with_db!(store.db(), |pool| sqlx::query_scalar::<_, String>(
        "SELECT reference FROM payment_events WHERE kind = 'refunded'"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    let mut echo = order.event("refunded");
    echo.reference = refund_reference;
    echo.amount = 100;
    assert_eq!(store.notify(&echo).await, 200);
    assert_eq!(store.order_money(&number).await.2, 100);

    let rest = store
        .admin_api(
            &admin,
            "refund",
            &[("number", &number), ("amount", &amount(total - 100))],
        )
        .await;
    assert_eq!(rest.status, 200, "{:?}", rest.json);
    assert_eq!(
        store.order_money(&number).await,
        ("refunded".into(), total, total)
    );
    let more = store
        .admin_api(&admin, "refund", &[("number", &number), ("amount", "0.01")])
        .await;
    assert_eq!(more.status, 409);
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM payment_events WHERE kind = 'refunded'")
            .await,
        2
    );
});

both_backends!(bank_transfers_are_refunded_by_hand_and_recorded, |store| {
    let (_, number, _) = store.new_order("TEST-0005", "1").await;
    let total = store.order_total(&number).await;
    let admin = store.staff(Some("admin")).await;
    // Nothing to refund before anything was paid.
    let early = store
        .admin_api(&admin, "refund", &[("number", &number), ("amount", "1.00")])
        .await;
    assert_eq!(early.status, 409);
    for (action, form) in [
        (
            "record",
            vec![("number", number.as_str()), ("amount", &amount(total))],
        ),
        ("mark-paid", vec![("number", number.as_str())]),
        (
            "refund",
            vec![("number", number.as_str()), ("amount", &amount(total))],
        ),
    ] {
        let reply = store.admin_api(&admin, action, &form).await;
        assert_eq!(reply.status, 200, "{action}: {:?}", reply.json);
    }
    assert_eq!(
        store.order_money(&number).await,
        ("refunded".into(), total, total)
    );
    let ledger = store
        .admin_api(&admin, "ledger", &[("number", &number)])
        .await;
    assert_eq!(ledger.status, 200);
    let entry = &ledger.json["payments"][0];
    assert!(entry["recorded_by"].as_str().unwrap().starts_with("staff:"));
    assert_eq!(entry["status"], "refunded");
});

both_backends!(every_admin_server_function_refuses_shoppers, |store| {
    let admin_paths: Vec<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .filter(|path| path.starts_with("/api/admin/"))
        .collect();
    assert!(admin_paths.len() >= 4, "{admin_paths:?}");
    let anonymous = store.shopper();
    let customer = store.staff(None).await;
    let (_, number, _) = store.new_order("TEST-0005", "1").await;
    for path in &admin_paths {
        for client in [&anonymous, &customer] {
            let reply = store
                .api(
                    client,
                    path.trim_start_matches("/api/"),
                    &[("number", &number), ("amount", "1.00"), ("reference", "X")],
                )
                .await;
            assert_eq!(reply.status, 403, "{path}: {:?}", reply.json);
        }
    }
    assert_eq!(
        store.order_money(&number).await,
        ("awaiting_payment".into(), 0, 0)
    );
});
