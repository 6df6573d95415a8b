//! The single-page checkout over HTTP: pricing with tax and shipping,
//! validation, atomic placement, frozen baskets and concurrency.

use crate::support::checkout::checkout_form;

fn form_without<'a>(form: &[(&'a str, &'a str)], drop: &[&str]) -> Vec<(&'a str, &'a str)> {
    form.iter()
        .filter(|(k, _)| !drop.contains(k))
        .copied()
        .collect()
}

both_backends!(
    a_german_order_adds_19_percent_vat_and_freezes_the_basket,
    |store| {
        let client = store.shopper();
        let variant = store.variant_id("TEST-0005").await;
        assert_eq!(
            store.add(&client, &variant.to_string(), "2").await.status,
            200
        );

        // The live summary for Germany: $10.10 goods, $4.90 shipping, 19 % VAT.
        let view = store
            .api(
                &client,
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
        let summary = &view.json["summary"];
        assert_eq!(summary["taxes"][0]["percent"], "19");
        assert_eq!(summary["tax_total"]["amount"], "2.85");
        assert_eq!(summary["grand_total"]["amount"], "17.85");
        let methods: Vec<&str> = view.json["methods"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["code"].as_str().unwrap())
            .collect();
        assert_eq!(methods, ["standard", "parcel", "free-eu"]);

        // The United States: no VAT; free EU delivery is not offered there.
        let us = store
            .api(
                &client,
                "checkout/view",
                &[
                    ("live[shipping_country]", "US"),
                    ("live[billing_country]", ""),
                    ("live[billing_same]", "true"),
                    ("live[shipping_method]", "free-eu"),
                ],
            )
            .await;
        assert_eq!(us.json["summary"]["tax_total"]["amount"], "0");
        assert_eq!(us.json["draft"]["shipping_method"], "standard");
        assert_eq!(us.json["methods"].as_array().unwrap().len(), 2);

        let placed = store.place_order(&client, "DE").await;
        assert_eq!(placed.status, 200, "{:?}", placed.json);
        let number = placed.json["Placed"]["number"].as_str().unwrap().to_owned();
        let url = placed.json["Placed"]["url"].as_str().unwrap().to_owned();
        let year = app::domain::dates::year_of(server::basket::now());
        assert_eq!(number, format!("{year}-00001"));
        assert!(
            url.starts_with("/orders/") && url.len() == "/orders/".len() + 48,
            "{url}"
        );

        // The order holds the stock; the basket's reservation became its allocation.
        assert_eq!(store.stock(variant).await, (100, 2));
        assert_eq!(store.held_by_lines(variant).await, 0);
        assert_eq!(store.number("SELECT total_minor FROM orders").await, 1785);
        // Its birth and first move are recorded, in that order.
        assert_eq!(
            store
                .number("SELECT COUNT(*) FROM order_events WHERE transition = 'place' AND from_status IS NULL AND to_status = 'created'")
                .await,
            1
        );
        assert_eq!(
            store
                .number("SELECT COUNT(*) FROM order_events e JOIN order_events p ON p.order_id = e.order_id \
                         AND p.transition = 'place' AND p.id < e.id \
                         WHERE e.transition = 'await_payment' AND e.from_status = 'created' AND e.to_status = 'awaiting_payment'")
                .await,
            1
        );
        assert_eq!(store.number("SELECT COUNT(*) FROM order_events").await, 2);

        let (status, page) = store.page(&client, &url).await;
        assert_eq!(status, 200);
        assert!(page.contains(&format!("Order {number}")));
        assert!(page.contains("VAT 19 %"));
        assert!(page.contains("$17.85"));
        assert!(page.contains("awaiting payment"));
        assert!(page.contains("Heidestraße 17"));
        assert!(
            !page.contains("Thank you!"),
            "the order's own link shows the order without the checkout's thanks"
        );

        // The frozen basket rejects every change and says why.
        let again = store.add(&client, &variant.to_string(), "1").await;
        assert_eq!(again.status, 409);
        assert!(
            again
                .error_message()
                .contains(&format!("waiting for payment of order {number}"))
        );
        let update = store
            .api(
                &client,
                "basket/update",
                &[("variant_id", &variant.to_string()), ("quantity", "5")],
            )
            .await;
        assert_eq!(update.status, 409);
        let remove = store
            .api(
                &client,
                "basket/remove",
                &[("variant_id", &variant.to_string())],
            )
            .await;
        assert_eq!(remove.status, 409);
        let twice = store.place_order(&client, "DE").await;
        assert_eq!(twice.status, 409, "a basket is ordered once");
        assert_eq!(store.number("SELECT COUNT(*) FROM orders").await, 1);
        let (_, basket) = store.page(&client, "/basket").await;
        assert!(basket.contains("Start a new basket"));

        // A new basket takes changes again.
        assert_eq!(store.api(&client, "basket/new", &[]).await.status, 200);
        assert_eq!(
            store.add(&client, &variant.to_string(), "1").await.status,
            200
        );
    }
);

both_backends!(later_price_changes_do_not_alter_a_placed_order, |store| {
    let (client, _, url) = store.new_order("TEST-0005", "1").await;
    store
        .execute("UPDATE variant_prices SET amount_minor = 99999")
        .await;
    store.execute("UPDATE products SET title = 'Renamed'").await;
    let (_, page) = store.page(&client, &url).await;
    // What the page shows (the basket's own data follows it, in scripts).
    let shown = &page[..page.find("</main>").unwrap()];
    assert!(shown.contains("Item 05"));
    assert!(shown.contains("$5.05"));
    assert!(!shown.contains("Renamed") && !shown.contains("999.99"));
});

both_backends!(
    invalid_forms_are_refused_field_by_field_and_keep_their_values,
    |store| {
        let client = store.shopper();
        let variant = store.variant_id("TEST-0005").await.to_string();
        store.add(&client, &variant, "1").await;
        let mut form = form_without(&checkout_form("DE"), &["shipping_city", "email"]);
        form.push(("email", "not-an-email"));
        form.push(("voucher", "SAVE10"));
        let refused = store.api(&client, "checkout/submit", &form).await;
        assert_eq!(refused.status, 400);
        assert!(
            refused
                .error_message()
                .contains("correct the marked fields")
        );
        assert_eq!(store.number("SELECT COUNT(*) FROM orders").await, 0);
        assert_eq!(store.number("SELECT COUNT(*) FROM customers").await, 0);

        // The page shows each problem next to its field, with the values kept.
        let (_, page) = store.page(&client, "/checkout").await;
        assert!(page.contains("Please enter the town or city."));
        assert!(page.contains("Please enter an email address like"));
        assert!(page.contains("We do not know this voucher code."));
        assert!(page.contains("value=\"not-an-email\""));
        assert!(page.contains("value=\"Heidestraße 17\""));
        assert!(page.contains("aria-invalid=\"true\""));

        // Oversized and unknown input is refused the same way, never stored.
        let long = "x".repeat(5000);
        let mut form = form_without(&checkout_form("DE"), &["shipping_name", "shipping_country"]);
        form.push(("shipping_name", &long));
        form.push(("shipping_country", "XX"));
        let refused = store.api(&client, "checkout/submit", &form).await;
        assert_eq!(refused.status, 400);
        let view = store.api(&client, "checkout/view", &[]).await;
        let fields: Vec<&str> = view.json["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(
            fields,
            ["shipping_name", "shipping_country", "shipping_method"]
        );
        assert!(
            view.json["draft"]["shipping"]["name"]
                .as_str()
                .unwrap()
                .chars()
                .count()
                <= 201
        );
    }
);

both_backends!(the_checkout_works_as_plain_form_posts, |store| {
    let client = store.shopper();
    let variant = store.variant_id("TEST-0005").await.to_string();
    store
        .form_post(
            &client,
            "basket/add",
            "/product/item-05",
            &[("variant_id", &variant), ("quantity", "1")],
        )
        .await;
    let (status, page) = store.page(&client, "/checkout").await;
    assert_eq!(status, 200);
    assert!(page.contains("action=\"/api/checkout/submit\""));
    assert!(page.contains("Update totals"));

    // "Update totals" keeps the form and prices the chosen country.
    let mut update = form_without(&checkout_form("GB"), &["intent"]);
    update.push(("intent", "update"));
    let response = store
        .form_post(&client, "checkout/submit", "/checkout", &update)
        .await;
    assert_eq!(response.status(), 302);
    let (_, page) = store.page(&client, "/checkout").await;
    assert!(page.contains("VAT 20 %"), "totals for the United Kingdom");

    let refused = store
        .form_post(
            &client,
            "checkout/submit",
            "/checkout",
            &form_without(&checkout_form("DE"), &["shipping_postcode"]),
        )
        .await;
    assert_eq!(refused.status(), 302);
    let back = refused.headers()["location"].to_str().unwrap().to_owned();
    assert!(back.starts_with(&store.url("/checkout")), "{back}");
    let (_, page) = store
        .page(&client, back.strip_prefix(&store.base).unwrap())
        .await;
    assert!(page.contains("Please enter the postcode."));

    let placed = store
        .form_post(
            &client,
            "checkout/submit",
            "/checkout",
            &checkout_form("DE"),
        )
        .await;
    assert_eq!(placed.status(), 302);
    let target = placed.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        target.starts_with("/orders/") && target.ends_with("?placed=1"),
        "{target}"
    );
    let (status, page) = store.page(&client, &target).await;
    assert_eq!(status, 200);
    assert!(page.contains("VAT 19 %"));
    assert!(page.contains("Thank you! Your order"), "{page}");
    // The form-post draft stays for the next checkout, without its voucher.
    let view = store.api(&client, "checkout/view", &[]).await;
    assert_eq!(view.json["draft"]["shipping"]["line1"], "Heidestraße 17");
});

both_backends!(
    a_hundred_concurrent_checkouts_get_unique_consecutive_numbers,
    |store| {
        let variant = store.variant_id("TEST-0007").await.to_string();
        let mut clients = Vec::new();
        for _ in 0..100 {
            let client = store.shopper();
            assert_eq!(store.add(&client, &variant, "1").await.status, 200);
            clients.push(client);
        }
        let store = &store;
        let replies =
            futures::future::join_all(clients.iter().map(|client| store.place_order(client, "DE")))
                .await;
        let mut numbers: Vec<String> = replies
            .iter()
            .map(|r| {
                assert_eq!(r.status, 200, "{:?}", r.json);
                r.json["Placed"]["number"].as_str().unwrap().to_owned()
            })
            .collect();
        numbers.sort();
        let year = app::domain::dates::year_of(server::basket::now());
        let expected: Vec<String> = (1..=100).map(|n| format!("{year}-{n:05}")).collect();
        assert_eq!(numbers, expected);
        // No stand-in number outlives its checkout, and every snapshot
        // carries its order's number.
        assert_eq!(
            store
                .number("SELECT COUNT(*) FROM orders WHERE number LIKE 'pending-%'")
                .await,
            0
        );
        assert_eq!(
            store
                .number(
                    "SELECT COUNT(*) FROM orders \
                     WHERE snapshot LIKE '%\"number\":\"' || number || '\"%'"
                )
                .await,
            100
        );
    }
);

both_backends!(checkouts_racing_for_the_last_unit_sell_it_once, |store| {
    let variant = store.variant_id("TEST-0009").await;
    store
        .execute(&format!(
            "UPDATE variants SET stock_on_hand = 20 WHERE id = {variant}"
        ))
        .await;
    let mut clients = Vec::new();
    for _ in 0..20 {
        let client = store.shopper();
        assert_eq!(
            store.add(&client, &variant.to_string(), "1").await.status,
            200
        );
        clients.push(client);
    }
    // Every reservation lapses and the shelf is down to one.
    store
        .execute("UPDATE basket_lines SET reserved_quantity = 0")
        .await;
    store
        .execute(&format!(
            "UPDATE variants SET reserved = 0, stock_on_hand = 1 WHERE id = {variant}"
        ))
        .await;
    let store = &store;
    let replies =
        futures::future::join_all(clients.iter().map(|client| store.place_order(client, "DE")))
            .await;
    let won = replies.iter().filter(|r| r.status == 200).count();
    let lost: Vec<_> = replies.iter().filter(|r| r.status == 409).collect();
    assert_eq!(
        won,
        1,
        "{:?}",
        replies.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    assert_eq!(lost.len(), 19);
    assert!(lost[0].error_message().contains("no longer available"));
    assert_eq!(store.stock(variant).await, (1, 1));
    assert_eq!(store.number("SELECT COUNT(*) FROM orders").await, 1);
    let audit = server::orders::audit_stock(store.db()).await.unwrap();
    assert_eq!(audit.mismatches, [], "reserved counts match what is held");
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM baskets WHERE status = 'ordered'")
            .await,
        1,
        "the losers' baskets stay open"
    );
});

both_backends!(digital_baskets_skip_shipping, |store| {
    store.featured().await;
    let client = store.shopper();
    let ebook = store.number("SELECT v.id FROM variants v JOIN products p ON p.id = v.product_id WHERE p.product_type = 'digital' ORDER BY v.id LIMIT 1").await;
    assert_eq!(
        store.add(&client, &ebook.to_string(), "1").await.status,
        200
    );
    let view = store.api(&client, "checkout/view", &[]).await;
    assert_eq!(view.json["needs_shipping"], false);
    assert!(view.json["methods"].as_array().unwrap().is_empty());
    let placed = store
        .api(
            &client,
            "checkout/submit",
            &crate::support::checkout::digital_checkout_form(),
        )
        .await;
    assert_eq!(placed.status, 200, "{:?}", placed.json);
    let url = placed.json["Placed"]["url"].as_str().unwrap().to_owned();
    let (_, page) = store.page(&client, &url).await;
    assert!(!page.contains("Shipping address"));
    assert!(
        page.contains("VAT 7 %"),
        "books are taxed at the reduced rate"
    );
});

both_backends!(
    ordered_serial_units_stay_allocated_until_cancelled,
    |store| {
        store.featured().await;
        let moto = store.variant_id("MOTO-CLASSIC-400").await;
        let unit = store.unit_id("CB400-1979-1187").await;
        let alice = store.shopper();
        let added = store
            .api(
                &alice,
                "basket/add",
                &[
                    ("variant_id", &moto.to_string()),
                    ("quantity", "1"),
                    ("unit", &unit.to_string()),
                ],
            )
            .await;
        assert_eq!(added.status, 200, "{:?}", added.json);
        let placed = store.place_order(&alice, "DE").await;
        assert_eq!(placed.status, 200, "{:?}", placed.json);
        assert_eq!(
            store
                .number("SELECT unit_id FROM order_lines WHERE allocated = 1")
                .await,
            unit
        );
        let url = placed.json["Placed"]["url"].as_str().unwrap().to_owned();
        let (_, page) = store.page(&alice, &url).await;
        assert!(page.contains("CB400-1979-1187"), "{page}");

        // The basket's hour is long over, but the unit now belongs to the order.
        let next_day = server::basket::now() + 24 * 60 * 60;
        assert_eq!(store.baskets().sweep_expired(next_day).await.unwrap(), 0);
        assert_eq!(store.stock(moto).await, (3, 1));
        let (_, product) = store
            .page(&store.shopper(), "/product/classic-400-motorcycle")
            .await;
        assert!(!product.contains("CB400-1979-1187"));

        let token = url.strip_prefix("/orders/").unwrap().to_owned();
        let cancelled = store
            .api(&alice, "orders/cancel", &[("token", &token)])
            .await;
        assert_eq!(cancelled.status, 200, "{:?}", cancelled.json);
        assert_eq!(store.stock(moto).await, (3, 0));
        assert_eq!(
            store
                .number(&format!(
                    "SELECT COUNT(*) FROM serial_units WHERE id = {unit} AND status = 'available'"
                ))
                .await,
            1
        );
    }
);

both_backends!(
    the_next_checkout_starts_from_the_order_just_placed,
    |store| {
        let (client, _, _) = store.new_order("TEST-0005", "1").await;
        assert_eq!(
            store.api(&client, "basket/new", &[]).await.status,
            200,
            "a new basket"
        );
        let variant = store.variant_id("TEST-0005").await.to_string();
        assert_eq!(store.add(&client, &variant, "1").await.status, 200);
        let view = store.api(&client, "checkout/view", &[]).await;
        let draft = &view.json["draft"];
        assert_eq!(draft["email"], "erika@example.de");
        assert_eq!(draft["shipping"]["line1"], "Heidestraße 17");
        assert_eq!(draft["shipping"]["country"], "DE");
        assert_eq!(draft["billing_same"], true);
        assert_eq!(draft["payment_method"], "bank_transfer");
        assert_eq!(draft["voucher"], "");

        // Someone else's new basket starts blank.
        let other = store.shopper();
        store.api(&other, "basket/new", &[]).await;
        let view = store.api(&other, "checkout/view", &[]).await;
        assert_eq!(view.json["draft"]["email"], "");
    }
);
