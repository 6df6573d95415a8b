//! The basket through its server functions, as the hydrated storefront calls them.

both_backends!(adding_creates_a_session_and_a_persistent_line, |store| {
    let client = store.shopper();
    let variant = store.variant_id("TEST-0005").await.to_string();
    let reply = store.add(&client, &variant, "2").await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    assert_eq!(reply.json["item_count"], 2);
    assert_eq!(reply.json["message"], "Added 2 × Item 05 to your basket.");
    let view = store.api(&client, "basket/view", &[]).await;
    assert_eq!(view.json["lines"][0]["title"], "Item 05");
    assert_eq!(view.json["lines"][0]["quantity"], 2);
    assert_eq!(view.json["totals"]["subtotal"]["amount"], "10.10");
    // Adding again adds up.
    store.add(&client, &variant, "3").await;
    assert_eq!(store.item_count(&client).await, 5);
    // Another shopper has their own basket.
    assert_eq!(store.item_count(&store.shopper()).await, 0);
});

both_backends!(the_session_cookie_is_httponly_and_lax, |store| {
    let client = store.shopper();
    // Browsing alone starts no session.
    let response = store.get(&client, "/").await;
    assert!(response.headers().get("set-cookie").is_none());
    let variant = store.variant_id("TEST-0005").await.to_string();
    let response = client
        .post(store.url("/api/basket/add"))
        .header("origin", &store.base)
        .form(&[("variant_id", variant.as_str()), ("quantity", "1")])
        .send()
        .await
        .unwrap();
    let cookie = response
        .headers()
        .get("set-cookie")
        .expect("session cookie")
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("store_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(
        cookie.contains("Max-Age=") || cookie.contains("Expires="),
        "persistent: {cookie}"
    );
    assert!(
        !cookie.contains("Secure"),
        "not Secure unless configured: {cookie}"
    );
});

both_backends!(bad_quantities_are_rejected_and_change_nothing, |store| {
    let client = store.shopper();
    let variant = store.variant_id("TEST-0005").await.to_string();
    store.add(&client, &variant, "1").await;
    let huge = "9".repeat(400);
    let cases: [(&str, u16, &str); 8] = [
        ("0", 400, "The quantity must be between 1 and 999."),
        ("-1", 400, "The quantity must be between 1 and 999."),
        ("1000", 400, "The quantity must be between 1 and 999."),
        (&huge, 400, "The quantity must be between 1 and 999."),
        ("abc", 400, "Please enter the quantity as a whole number."),
        ("", 400, "Please enter the quantity as a whole number."),
        ("1.5", 400, "Please enter the quantity as a whole number."),
        (
            "101",
            409,
            "Sorry, not enough stock: only 100 items of Item 05 available, and your basket already has 1.",
        ),
    ];
    for (quantity, status, message) in cases {
        let reply = store.add(&client, &variant, quantity).await;
        assert_eq!(
            reply.status, status,
            "quantity {quantity:.20}: {:?}",
            reply.json
        );
        assert_eq!(reply.error_message(), message);
    }
    assert_eq!(
        store.basket_lines().await,
        vec![(variant.parse().unwrap(), 1)]
    );
});

both_backends!(
    unknown_malformed_and_sold_out_products_are_rejected,
    |store| {
        let client = store.shopper();
        let sold_out = store.variant_id("TEST-0001").await.to_string();
        let reply = store.add(&client, &sold_out, "1").await;
        assert_eq!(reply.status, 409);
        assert_eq!(
            reply.error_message(),
            "Sorry, not enough stock: Item 01 is sold out."
        );
        for bad in ["999999", "abc", "-4", "", &"7".repeat(300)] {
            let reply = store.add(&client, &bad, "1").await;
            assert_eq!(reply.status, 404, "{bad:.20}");
            assert_eq!(reply.error_message(), "That product does not exist.");
        }
        // A missing field is malformed input, not a server error.
        let reply = store.api(&client, "basket/add", &[("quantity", "1")]).await;
        assert_eq!(reply.status, 400, "{:?}", reply.json);
        assert!(store.basket_lines().await.is_empty());
    }
);

both_backends!(low_stock_limits_the_line, |store| {
    let client = store.shopper();
    let variant = store.variant_id("TEST-0002").await.to_string();
    assert_eq!(store.add(&client, &variant, "2").await.status, 200);
    let reply = store.add(&client, &variant, "2").await;
    assert_eq!(reply.status, 409, "{:?}", reply.json);
    assert_eq!(
        reply.error_message(),
        "Sorry, not enough stock: only 3 items of Item 02 available, and your basket already has 2."
    );
    assert_eq!(store.item_count(&client).await, 2);
});

both_backends!(update_and_remove_lines, |store| {
    let client = store.shopper();
    let variant = store.variant_id("TEST-0007").await.to_string();
    store.add(&client, &variant, "2").await;
    let reply = store
        .api(
            &client,
            "basket/update",
            &[("variant_id", &variant), ("quantity", "5")],
        )
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    assert_eq!(reply.json["item_count"], 5);
    let reply = store
        .api(
            &client,
            "basket/update",
            &[("variant_id", &variant), ("quantity", "0")],
        )
        .await;
    assert_eq!(reply.status, 400);
    let reply = store
        .api(
            &client,
            "basket/update",
            &[("variant_id", &variant), ("quantity", "101")],
        )
        .await;
    assert_eq!(reply.status, 409);
    assert_eq!(store.item_count(&client).await, 5);
    let other = store.variant_id("TEST-0009").await.to_string();
    let reply = store
        .api(
            &client,
            "basket/update",
            &[("variant_id", &other), ("quantity", "1")],
        )
        .await;
    assert_eq!(reply.status, 404);
    assert_eq!(reply.error_message(), "That item is not in your basket.");
    let reply = store
        .api(&client, "basket/remove", &[("variant_id", &variant)])
        .await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json["item_count"], 0);
    let reply = store
        .api(&client, "basket/remove", &[("variant_id", &variant)])
        .await;
    assert_eq!(reply.status, 404);
});

both_backends!(a_shopper_cannot_touch_another_basket, |store| {
    let alice = store.shopper();
    let mallory = store.shopper();
    let variant = store.variant_id("TEST-0007").await.to_string();
    store.add(&alice, &variant, "2").await;
    let reply = store
        .api(&mallory, "basket/remove", &[("variant_id", &variant)])
        .await;
    assert_eq!(reply.status, 404);
    assert_eq!(store.item_count(&alice).await, 2);
});

both_backends!(the_basket_survives_a_server_restart, |store| {
    let client = store.shopper();
    let variant = store.variant_id("TEST-0011").await.to_string();
    store.add(&client, &variant, "4").await;
    store.restart().await;
    // Cookies are scoped to the host, not the port, so the client keeps its session.
    assert_eq!(store.item_count(&client).await, 4);
});

both_backends!(concurrent_adds_never_exceed_stock, |store| {
    let client = store.shopper();
    let variant = store.variant_id("TEST-0002").await.to_string(); // 3 in stock
    // The first add starts the session, so every request below shares one basket.
    store.add(&client, &variant, "1").await;
    let mut tasks = Vec::new();
    for _ in 0..24 {
        let (client, url, origin, variant) = (
            client.clone(),
            store.url("/api/basket/add"),
            store.base.clone(),
            variant.clone(),
        );
        tasks.push(tokio::spawn(async move {
            crate::support::TestStore::raw_add(&client, &url, ("origin", &origin), &variant).await
        }));
    }
    let mut ok = 0;
    for task in tasks {
        match task.await.unwrap() {
            200 => ok += 1,
            409 => {}
            other => panic!("unexpected status {other}"),
        }
    }
    assert_eq!(ok, 2, "exactly the remaining stock was added");
    assert_eq!(store.item_count(&client).await, 3);
});

both_backends!(every_change_answers_with_the_whole_baskets_count, |store| {
    let client = store.shopper();
    let a = store.variant_id("TEST-0005").await.to_string();
    let b = store.variant_id("TEST-0007").await.to_string();
    assert_eq!(store.add(&client, &a, "2").await.json["item_count"], 2);
    assert_eq!(store.add(&client, &b, "3").await.json["item_count"], 5);
    let lowered = store
        .api(
            &client,
            "basket/update",
            &[("variant_id", &a), ("quantity", "1")],
        )
        .await;
    assert_eq!(lowered.json["item_count"], 4, "{:?}", lowered.json);
    assert_eq!(store.add(&client, &b, "1").await.json["item_count"], 5);
    let removed = store
        .api(&client, "basket/remove", &[("variant_id", &b)])
        .await;
    assert_eq!(removed.json["item_count"], 1, "{:?}", removed.json);
    assert_eq!(store.item_count(&client).await, 1);
});
