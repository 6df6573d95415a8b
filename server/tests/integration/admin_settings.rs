//! The admin's settings over HTTP: each one changes what the store does
//! (reservations, checkout prices and methods, payment providers, email
//! sender, currency after a restart), bad input changes nothing, and
//! secrets never leave the server.

use crate::support::fulfilment::eventually;
use crate::support::{ApiReply, TestStore};

async fn save_settings(
    store: &TestStore,
    admin: &reqwest::Client,
    form: &[(&str, &str)],
) -> ApiReply {
    store.admin_call(admin, "settings/store", form).await
}

const GOOD: [(&str, &str); 5] = [
    ("settings[currency]", "USD"),
    ("settings[prices_include_tax]", "on"),
    ("settings[mail_from]", "Laden <laden@shop.example>"),
    ("settings[reservation_minutes]", "10"),
    ("settings[unpaid_order_hours]", "24"),
];

fn with(field: &str, value: &'static str) -> Vec<(&'static str, &'static str)> {
    GOOD.iter()
        .map(|(k, v)| if *k == field { (*k, value) } else { (*k, *v) })
        .collect()
}

async fn german_view(store: &TestStore, client: &reqwest::Client) -> serde_json::Value {
    let view = store
        .api(
            client,
            "checkout/view",
            &[
                ("live[shipping_country]", "DE"),
                ("live[billing_country]", ""),
                ("live[billing_same]", "true"),
                ("live[shipping_method]", "standard"),
            ],
        )
        .await;
    assert_eq!(view.status, 200, "{:?}", view.json);
    view.json
}

fn amount(value: &serde_json::Value) -> f64 {
    value["amount"].as_str().unwrap().parse().unwrap()
}

both_backends!(store_settings_change_what_the_store_does, |store| {
    let admin = store.staff(Some("admin")).await;
    let staff = store.staff(Some("staff")).await;
    let shopper = store.shopper();
    let variant = store.variant_id("TEST-0005").await.to_string();

    // Bad input is refused with every problem named, and nothing is saved.
    for (field, value, says) in [
        ("settings[currency]", "euro", "Currency"),
        ("settings[mail_from]", "orders at shop", "Email sender"),
        (
            "settings[mail_from]",
            "a@b.co\r\nBcc: x@y.z",
            "Email sender",
        ),
        ("settings[reservation_minutes]", "0", "Reservation time"),
        (
            "settings[reservation_minutes]",
            "99999999999",
            "Reservation time",
        ),
        ("settings[unpaid_order_hours]", "-3", "Unpaid orders"),
    ] {
        let reply = save_settings(&store, &admin, &with(field, value)).await;
        assert_eq!(reply.status, 400, "{field}={value}");
        assert!(
            reply.error_message().contains(says),
            "{}",
            reply.error_message()
        );
    }
    assert_eq!(store.number("SELECT COUNT(*) FROM store_settings").await, 0);
    assert_eq!(save_settings(&store, &staff, &GOOD).await.status, 403);

    // Before: 60-minute reservations, net prices plus 19 % VAT.
    assert_eq!(store.add(&shopper, &variant, "2").await.status, 200);
    let before = german_view(&store, &shopper).await;
    assert_eq!(amount(&before["summary"]["grand_total"]), 17.85);

    let reply = save_settings(&store, &admin, &GOOD).await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    let overview = store.admin_call(&admin, "settings/overview", &[]).await;
    let settings = &overview.json["settings"];
    assert_eq!(settings["reservation_minutes"], 10);
    assert_eq!(settings["unpaid_order_hours"], 24);
    assert_eq!(settings["mail_from"], "Laden <laden@shop.example>");
    assert_eq!(settings["prices_include_tax"], true);
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM tax_rates WHERE included = FALSE")
            .await,
        0,
        "every rate now counts as included in prices"
    );

    // Prices now include VAT: the shopper pays goods plus shipping.
    let after = german_view(&store, &shopper).await;
    assert_eq!(amount(&after["summary"]["grand_total"]), 15.0);
    assert!(amount(&after["summary"]["tax_total"]) > 2.0);

    // A new reservation lasts ten minutes.
    let other = store.shopper();
    assert_eq!(store.add(&other, &variant, "1").await.status, 200);
    let held_for = store
        .number(&format!(
            "SELECT MIN(reserved_until) FROM basket_lines WHERE variant_id = {variant}"
        ))
        .await
        - server::basket::now();
    assert!((500..=600).contains(&held_for), "held for {held_for} s");

    // Orders are sent from the new sender.
    let placed = store.place_order(&other, "DE").await;
    assert_eq!(placed.status, 200, "{:?}", placed.json);
    let outbox = store.config().fulfilment.outbox_dir;
    let mail = eventually("the order email", || {
        let outbox = outbox.clone();
        async move {
            std::fs::read_dir(&outbox)
                .ok()?
                .flatten()
                .find_map(|entry| {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    name.ends_with(".eml")
                        .then(|| std::fs::read_to_string(entry.path()).ok())
                        .flatten()
                })
        }
    })
    .await;
    assert!(mail.contains("From: Laden <laden@shop.example>"), "{mail}");

    // Unpaid orders expire after the new 24 hours (this one is 25 hours
    // old: under the default of 72 it would stay).
    store
        .execute(&format!(
            "UPDATE orders SET created_at = {} WHERE number = '{}'",
            server::basket::now() - 25 * 3600,
            placed.json["Placed"]["number"].as_str().unwrap()
        ))
        .await;
    let queue = &store.running.as_ref().unwrap().queue;
    let job = server::jobs::NewJob::now(server::jobs::Task::ExpireUnpaid, "test:expire".into(), 0);
    assert!(queue.enqueue_now(&job, 0).await.unwrap());
    eventually("the unpaid order expires", || async {
        (store
            .number("SELECT COUNT(*) FROM orders WHERE status = 'cancelled'")
            .await
            == 1)
            .then_some(())
    })
    .await;

    let audit = store
        .number("SELECT COUNT(*) FROM audit_log WHERE action = 'settings.general'")
        .await;
    assert_eq!(audit, 1);
});

both_backends!(a_new_currency_applies_after_a_restart, |store| {
    let admin = store.staff(Some("admin")).await;
    let eur = with("settings[currency]", "EUR");
    let refused = save_settings(&store, &admin, &eur).await;
    assert_eq!(refused.status, 409);
    assert!(
        refused
            .error_message()
            .contains("30 active variants have no price in EUR"),
        "{}",
        refused.error_message()
    );
    store
        .execute(
            "INSERT INTO variant_prices (variant_id, currency, amount_minor) \
             SELECT id, 'EUR', 1234 FROM variants",
        )
        .await;
    assert_eq!(save_settings(&store, &admin, &eur).await.status, 200);
    let overview = store.admin_call(&admin, "settings/overview", &[]).await;
    assert_eq!(overview.json["settings"]["currency"], "EUR");
    assert_eq!(overview.json["settings"]["running_currency"], "USD");
    let (_, page) = store.page(&store.shopper(), "/product/item-05").await;
    assert!(page.contains("$5.05"), "still dollars until the restart");

    store.restart().await;
    let (_, page) = store.page(&store.shopper(), "/product/item-05").await;
    assert!(page.contains("€12.34"), "euros after the restart");
    let admin = store.staff(Some("admin")).await;
    let overview = store.admin_call(&admin, "settings/overview", &[]).await;
    assert_eq!(overview.json["settings"]["running_currency"], "EUR");
});

both_backends!(tax_rates_and_shipping_methods_are_edited, |store| {
    let admin = store.staff(Some("admin")).await;
    let shopper = store.shopper();
    let variant = store.variant_id("TEST-0005").await.to_string();
    assert_eq!(store.add(&shopper, &variant, "2").await.status, 200);

    let tax = |country: &'static str, percent: &'static str| {
        [
            ("country", country),
            ("tax_class", "standard"),
            ("percent", percent),
        ]
    };
    for (country, percent) in [("DEU", "25"), ("DE", "101"), ("DE", "abc"), ("ZZ", "5")] {
        let reply = store
            .admin_call(&admin, "settings/tax/save", &tax(country, percent))
            .await;
        assert_eq!(reply.status, 400, "{country} {percent}");
    }
    let reply = store
        .admin_call(&admin, "settings/tax/save", &tax("DE", "25"))
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    // $10.10 of goods and $4.90 shipping plus 25 % instead of 19 %
    // (2.53 + 1.23, each rounded), at once.
    let view = german_view(&store, &shopper).await;
    assert_eq!(view["summary"]["taxes"][0]["percent"], "25");
    assert_eq!(amount(&view["summary"]["grand_total"]), 18.76);

    let reply = store
        .admin_call(
            &admin,
            "settings/tax/delete",
            &[("country", "DE"), ("tax_class", "standard")],
        )
        .await;
    assert_eq!(reply.status, 200);
    let view = german_view(&store, &shopper).await;
    assert_eq!(amount(&view["summary"]["tax_total"]), 0.0);
    let again = store
        .admin_call(
            &admin,
            "settings/tax/delete",
            &[("country", "DE"), ("tax_class", "standard")],
        )
        .await;
    assert_eq!(again.status, 404);

    let express = |kind: &'static str, bands: &'static str, active: bool| {
        let mut form = vec![
            ("method[code]", "express"),
            ("method[name]", "Express courier"),
            ("method[kind]", kind),
            ("method[amount]", "12.50"),
            ("method[threshold]", ""),
            ("method[bands]", bands),
            ("method[countries]", "DE, AT"),
            ("method[position]", "0"),
        ];
        if active {
            form.push(("method[active]", "on"));
        }
        form
    };
    let methods = store.number("SELECT COUNT(*) FROM shipping_methods").await;
    for bad in [
        express("flat", "", true),
        express("weight", "5000: 1; 1000: 2", true),
        express("drone", "", true),
    ] {
        let mut bad = bad;
        if bad.iter().any(|(_, v)| *v == "flat") {
            bad.retain(|(k, _)| *k != "method[amount]");
            bad.push(("method[amount]", "12,50"));
        }
        assert_eq!(
            store
                .admin_call(&admin, "settings/shipping/save", &bad)
                .await
                .status,
            400
        );
    }
    assert_eq!(
        store.number("SELECT COUNT(*) FROM shipping_methods").await,
        methods
    );

    let reply = store
        .admin_call(&admin, "settings/shipping/save", &express("flat", "", true))
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    let view = german_view(&store, &shopper).await;
    let offered = view["methods"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["code"] == "express")
        .expect("express is offered in Germany")
        .clone();
    assert_eq!(offered["name"], "Express courier");
    assert_eq!(amount(&offered["price"]), 12.5);

    // Priced by weight (two 500 g items: the first band), then withdrawn.
    let reply = store
        .admin_call(
            &admin,
            "settings/shipping/save",
            &express("weight", "1000: 3.10; 5000: 8", true),
        )
        .await;
    assert_eq!(reply.status, 200);
    let view = german_view(&store, &shopper).await;
    let offered = view["methods"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["code"] == "express")
        .unwrap()
        .clone();
    assert_eq!(amount(&offered["price"]), 3.1);
    let overview = store.admin_call(&admin, "settings/overview", &[]).await;
    let saved = overview.json["methods"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["code"] == "express")
        .unwrap()
        .clone();
    assert_eq!(saved["bands"], "1000: 3.10; 5000: 8.00");
    assert_eq!(saved["countries"], "AT,DE");

    assert_eq!(
        store
            .admin_call(
                &admin,
                "settings/shipping/save",
                &express("weight", "1000: 3.10", false)
            )
            .await
            .status,
        200
    );
    let view = german_view(&store, &shopper).await;
    assert!(
        view["methods"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["code"] != "express")
    );
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM audit_log WHERE action IN ('settings.tax', 'settings.tax.delete', 'settings.shipping')")
            .await,
        5
    );
});

both_backends!(
    payment_providers_are_switched_and_their_secrets_stay_hidden,
    configured(|config| {
        config.payments.stripe_secret_key = Some("sk_test_0123456789abcdefghijWXYZ".into());
        config.payments.stripe_webhook_secret = Some("whsec_0123456789abcdefghij".into());
    }),
    |store| {
        let admin = store.staff(Some("admin")).await;
        let overview = store.admin_call(&admin, "settings/overview", &[]).await;
        let text = overview.json.to_string();
        for secret in ["sk_test_0123", "whsec_0123", "testpay-test-secret"] {
            assert!(!text.contains(secret), "{secret} is shown: {text}");
        }
        assert!(text.contains("set (…WXYZ)"), "{text}");
        let codes: Vec<&str> = overview.json["providers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes, ["testpay", "stripe", "bank_transfer"]);

        let switch =
            |code: &'static str, enabled: &'static str| [("code", code), ("enabled", enabled)];
        let reply = store
            .admin_call(
                &admin,
                "settings/payments",
                &switch("bank_transfer", "false"),
            )
            .await;
        assert_eq!(reply.status, 200, "{:?}", reply.json);
        assert_eq!(
            store
                .admin_call(&admin, "settings/payments", &switch("paypal", "false"))
                .await
                .status,
            404
        );
        assert_eq!(
            store
                .admin_call(&admin, "settings/payments", &switch("testpay", "maybe"))
                .await
                .status,
            400
        );

        let shopper = store.shopper();
        let variant = store.variant_id("TEST-0005").await.to_string();
        assert_eq!(store.add(&shopper, &variant, "1").await.status, 200);
        let view = store.api(&shopper, "checkout/view", &[]).await;
        let offered: Vec<&str> = view.json["payments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["code"].as_str().unwrap())
            .collect();
        assert_eq!(offered, ["testpay", "stripe"]);
        // A posted choice of the disabled provider is refused.
        let placed = store.place_order(&shopper, "DE").await;
        assert_ne!(placed.status, 200, "{:?}", placed.json);
        assert!(placed.json.get("Placed").is_none(), "{:?}", placed.json);
        assert_eq!(store.number("SELECT COUNT(*) FROM orders").await, 0);

        // Checkout always keeps one provider.
        assert_eq!(
            store
                .admin_call(&admin, "settings/payments", &switch("stripe", "false"))
                .await
                .status,
            200
        );
        let last = store
            .admin_call(&admin, "settings/payments", &switch("testpay", "false"))
            .await;
        assert_eq!(last.status, 409);
        assert_eq!(
            store
                .admin_call(
                    &admin,
                    "settings/payments",
                    &switch("bank_transfer", "true")
                )
                .await
                .status,
            200
        );
        let view = store.api(&shopper, "checkout/view", &[]).await;
        assert_eq!(view.json["payments"].as_array().unwrap().len(), 2);
    }
);
