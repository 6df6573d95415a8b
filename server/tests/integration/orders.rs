//! Orders after checkout: owner-scoped pages, history, cancel, expiry,
//! re-order and ordering for an organisation.

both_backends!(one_user_cannot_see_another_users_order, |store| {
    let ada = store.shopper();
    store.register(&ada, "ada@example.com").await;
    let variant = store.variant_id("TEST-0005").await.to_string();
    store.add(&ada, &variant, "1").await;
    let placed = store.place_order(&ada, "DE").await;
    let number = placed.json["Placed"]["number"].as_str().unwrap().to_owned();
    let url = placed.json["Placed"]["url"].as_str().unwrap().to_owned();
    assert_eq!(url, format!("/account/orders/{number}"));
    let (status, page) = store.page(&ada, &url).await;
    assert_eq!(status, 200);
    assert!(page.contains(&format!("Order {number}")));
    let (_, history) = store.page(&ada, "/account/orders").await;
    assert!(history.contains(&number));

    let bob = store.shopper();
    store.register(&bob, "bob@example.com").await;
    let (status, _) = store.page(&bob, &url).await;
    assert_eq!(status, 404);
    let api = store.api(&bob, "orders/mine", &[("number", &number)]).await;
    assert_eq!(api.status, 404);
    let cancel = store
        .api(&bob, "orders/cancel", &[("number", &number)])
        .await;
    assert_eq!(cancel.status, 404);
    let (_, history) = store.page(&bob, "/account/orders").await;
    assert!(!history.contains(&number));

    // Without an account, and with made-up links, there is nothing either.
    let stranger = store.shopper();
    assert_eq!(
        store
            .page(&stranger, &url)
            .await
            .1
            .contains("Please sign in"),
        true
    );
    let (status, _) = store
        .page(&stranger, &format!("/orders/{}", "0".repeat(48)))
        .await;
    assert_eq!(status, 404);
    let (status, _) = store.page(&stranger, "/orders/not-a-token").await;
    assert_eq!(status, 404);
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM orders WHERE status = 'awaiting_payment'")
            .await,
        1
    );
});

both_backends!(anonymous_orders_are_reached_by_their_secret_link, |store| {
    let (_, number, url) = store.new_order("TEST-0005", "1").await;
    let token = url.strip_prefix("/orders/").unwrap();
    assert!(token.len() == 48 && token.bytes().all(|b| b.is_ascii_hexdigit()));
    // Anyone with the link sees it; the order number alone is not enough.
    let (status, page) = store.page(&store.shopper(), &url).await;
    assert_eq!(status, 200);
    assert!(page.contains(&format!("Order {number}")));
    let (status, _) = store
        .page(&store.shopper(), &format!("/orders/{number}"))
        .await;
    assert_eq!(status, 404);
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM customers WHERE user_id IS NULL")
            .await,
        1,
        "the anonymous shopper got a customer record"
    );
});

both_backends!(
    a_cancelled_order_releases_its_stock_and_reopens_the_basket,
    |store| {
        let variant = store.variant_id("TEST-0005").await;
        let (client, _, url) = store.new_order("TEST-0005", "3").await;
        assert_eq!(store.stock(variant).await, (100, 3));
        let token = url.strip_prefix("/orders/").unwrap().to_owned();
        let cancelled = store
            .api(&client, "orders/cancel", &[("token", &token)])
            .await;
        assert_eq!(cancelled.status, 200, "{:?}", cancelled.json);
        assert_eq!(
            store.stock(variant).await,
            (100, 0),
            "the allocation is released"
        );
        assert_eq!(
        store.number("SELECT COUNT(*) FROM order_events WHERE transition = 'cancel' AND to_status = 'cancelled'").await,
        1
    );
        let again = store
            .api(&client, "orders/cancel", &[("token", &token)])
            .await;
        assert_eq!(again.status, 409);
        // The basket is open again and takes its stock back when used.
        let basket = store.api(&client, "basket/view", &[]).await;
        assert_eq!(basket.json["pending"], serde_json::Value::Null);
        assert_eq!(basket.json["lines"][0]["quantity"], 3);
        assert_eq!(store.stock(variant).await, (100, 3));
        assert_eq!(
            store.add(&client, &variant.to_string(), "1").await.status,
            200
        );
        let (_, page) = store.page(&client, &url).await;
        assert!(page.contains("cancelled"));
    }
);

both_backends!(unpaid_orders_expire_and_release_their_stock, |store| {
    let variant = store.variant_id("TEST-0005").await;
    let (_, number, _) = store.new_order("TEST-0005", "2").await;
    let running = store.running.as_ref().unwrap();
    let now = server::basket::now();
    let early = server::orders::expire_unpaid(&running.db, &running.machine, 3 * 86_400, now)
        .await
        .unwrap();
    assert_eq!(early, 0, "not yet three days old");
    let expired = server::orders::expire_unpaid(
        &running.db,
        &running.machine,
        3 * 86_400,
        now + 3 * 86_400 + 1,
    )
    .await
    .unwrap();
    assert_eq!(expired, 1);
    assert_eq!(store.stock(variant).await, (100, 0));
    assert_eq!(
        store
            .number(&format!(
                "SELECT COUNT(*) FROM orders WHERE number = '{number}' AND status = 'cancelled'"
            ))
            .await,
        1
    );
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM baskets WHERE status = 'open'")
            .await,
        1
    );
});

both_backends!(
    reordering_copies_lines_at_todays_prices_and_reports_gaps,
    |store| {
        let client = store.shopper();
        store.register(&client, "ada@example.com").await;
        let five = store.variant_id("TEST-0005").await.to_string();
        let two = store.variant_id("TEST-0002").await;
        store.add(&client, &five, "2").await;
        store.add(&client, &two.to_string(), "1").await;
        let placed = store.place_order(&client, "DE").await;
        let number = placed.json["Placed"]["number"].as_str().unwrap().to_owned();
        // Item 02 sells out meanwhile; item 05 gets dearer.
        store
            .execute(&format!(
                "UPDATE variants SET stock_on_hand = 1 WHERE id = {two}"
            ))
            .await;
        store.execute("UPDATE variant_prices SET amount_minor = 600 WHERE variant_id = (SELECT id FROM variants WHERE sku = 'TEST-0005')").await;
        let reply = store
            .api(&client, "orders/reorder", &[("number", &number)])
            .await;
        assert_eq!(reply.status, 200, "{:?}", reply.json);
        let message = reply.json.as_str().unwrap();
        assert!(
            message.starts_with("2 items were added to your basket."),
            "{message}"
        );
        assert!(message.contains("Item 02"), "{message}");
        let basket = store.api(&client, "basket/view", &[]).await;
        assert_eq!(
            basket.json["pending"],
            serde_json::Value::Null,
            "a new basket"
        );
        assert_eq!(basket.json["lines"].as_array().unwrap().len(), 1);
        assert_eq!(basket.json["lines"][0]["unit_price"]["amount"], "6.00");
        // The old basket still waits on its order.
        assert_eq!(
            store
                .number("SELECT COUNT(*) FROM baskets WHERE status = 'ordered'")
                .await,
            1
        );
    }
);

both_backends!(members_order_for_their_organisation, |store| {
    let client = store.shopper();
    store.register(&client, "ada@example.com").await;
    let running = store.running.as_ref().unwrap();
    let acme = running
        .accounts
        .create_organisation("Acme GmbH", 0)
        .await
        .unwrap();
    let other = running
        .accounts
        .create_organisation("Other AG", 0)
        .await
        .unwrap();
    assert!(
        running
            .accounts
            .add_member(acme, "ada@example.com")
            .await
            .unwrap()
    );
    let variant = store.variant_id("TEST-0005").await.to_string();
    store.add(&client, &variant, "1").await;

    let mut form = crate::support::checkout::checkout_form("DE");
    let other_id = other.to_string();
    form.push(("order_for", &other_id));
    let refused = store.api(&client, "checkout/submit", &form).await;
    assert_eq!(refused.status, 400);

    form.pop();
    let acme_id = acme.to_string();
    form.push(("order_for", &acme_id));
    form.push(("vat_id", "de123456789"));
    let placed = store.api(&client, "checkout/submit", &form).await;
    assert_eq!(placed.status, 200, "{:?}", placed.json);
    assert_eq!(
        store
            .number(&format!(
                "SELECT COUNT(*) FROM orders WHERE organisation_id = {acme}"
            ))
            .await,
        1
    );
    assert_eq!(
        store.number(&format!("SELECT COUNT(*) FROM customers WHERE organisation_id = {acme} AND vat_id = 'DE123456789'")).await,
        1
    );
    let url = placed.json["Placed"]["url"].as_str().unwrap().to_owned();
    let (_, page) = store.page(&client, &url).await;
    assert!(page.contains("Ordered for Acme GmbH"));
    let account = store.api(&client, "account/view", &[]).await;
    assert_eq!(account.json["organisations"][0][1], "Acme GmbH");
});

both_backends!(
    a_users_first_address_is_their_default_and_prefills_checkout,
    |store| {
        let client = store.shopper();
        store.register(&client, "ada@example.com").await;
        let variant = store.variant_id("TEST-0005").await.to_string();
        store.add(&client, &variant, "1").await;
        store.place_order(&client, "DE").await;
        store.api(&client, "basket/new", &[]).await;
        store.add(&client, &variant, "1").await;
        // A fresh session: the checkout starts from the account.
        let fresh = store.shopper();
        store
            .sign_in(&fresh, "ada@example.com", "correct horse battery")
            .await;
        let view = store.api(&fresh, "checkout/view", &[]).await;
        assert_eq!(view.json["draft"]["email"], "ada@example.com");
        assert_eq!(view.json["draft"]["shipping"]["line1"], "Heidestraße 17");
        let account = store.api(&fresh, "account/view", &[]).await;
        assert_eq!(account.json["customers"][0]["is_default"], true);
        let id = account.json["customers"][0]["id"]
            .as_i64()
            .unwrap()
            .to_string();
        assert_eq!(
            store
                .api(&fresh, "account/default-address", &[("customer_id", &id)])
                .await
                .status,
            200
        );
        let theirs = store
            .api(
                &store.shopper(),
                "account/default-address",
                &[("customer_id", &id)],
            )
            .await;
        assert_eq!(theirs.status, 401);
    }
);
