//! Cross-site requests are refused before they change anything.

both_backends!(cross_origin_posts_are_refused, |store| {
    let client = store.shopper();
    let variant = store.variant_id("TEST-0005").await.to_string();
    let url = store.url("/api/basket/add");
    for header in [
        ("origin", "http://evil.example"),
        ("sec-fetch-site", "cross-site"),
        ("referer", "http://evil.example/shop"),
    ] {
        let status = crate::support::TestStore::raw_add(&client, &url, header, &variant).await;
        assert_eq!(status, 403, "{header:?}");
    }
    assert!(store.basket_lines().await.is_empty());
    // The same request from the store's own origin goes through.
    let reply = store
        .api(
            &client,
            "basket/add",
            &[("variant_id", &variant), ("quantity", "1")],
        )
        .await;
    assert_eq!(reply.status, 200);
    // A form post that names only its page, as some privacy settings send it.
    let own_page = store.url("/product/x");
    let status =
        crate::support::TestStore::raw_add(&client, &url, ("referer", &own_page), &variant).await;
    assert_eq!(status, 200);
});

both_backends!(
    pages_carry_a_nonce_policy_and_everything_else_a_strict_one,
    |store| {
        let client = store.shopper();
        let page = client.get(store.url("/")).send().await.unwrap();
        let headers = page.headers().clone();
        let body = page.text().await.unwrap();
        let policy = headers["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        let nonce = policy
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .expect("the page's policy names a nonce")
            .to_owned();
        assert!(nonce.len() >= 22, "at least 128 bits: {nonce}");
        assert!(policy.contains("'wasm-unsafe-eval'") && policy.contains("frame-ancestors 'none'"));
        assert!(!policy.contains("unsafe-inline"));
        // Every inline script carries this response's nonce, and only it.
        let scripts = body.matches("<script").count();
        assert!(scripts >= 1);
        assert_eq!(
            body.matches(&format!("nonce=\"{nonce}\"")).count(),
            scripts,
            "{body}"
        );
        assert!(!body.contains(" style=\""), "no inline styles");
        assert_eq!(headers["x-frame-options"], "DENY");
        assert_eq!(
            headers["referrer-policy"],
            "strict-origin-when-cross-origin"
        );
        assert!(
            headers.get("strict-transport-security").is_none(),
            "not served over HTTPS"
        );
        // Each response gets its own nonce.
        let again = client.get(store.url("/")).send().await.unwrap();
        assert_ne!(
            again.headers()["content-security-policy"].to_str().unwrap(),
            policy
        );
        // Server function answers and files run no scripts at all.
        let api = store.api(&client, "basket/view", &[]).await;
        assert_eq!(api.status, 200);
        let answer = client
            .post(store.url("/api/basket/view"))
            .header("origin", store.url(""))
            .send()
            .await
            .unwrap();
        assert!(
            answer.headers()["content-security-policy"]
                .to_str()
                .unwrap()
                .starts_with("default-src 'none'")
        );
        let missing = client.get(store.url("/no/such/page")).send().await.unwrap();
        assert_eq!(missing.status().as_u16(), 404);
        assert!(
            missing.headers()["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("'nonce-")
        );
    }
);

both_backends!(oversized_bodies_are_refused_unread, |store| {
    let client = store.shopper();
    let variant = store.variant_id("TEST-0005").await.to_string();
    let padding = "x".repeat(300 * 1024);
    let response = client
        .post(store.url("/api/basket/add"))
        .header("origin", store.url(""))
        .form(&[
            ("variant_id", variant.as_str()),
            ("quantity", "1"),
            ("padding", padding.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 413);
    assert!(store.basket_lines().await.is_empty());
});

both_backends!(
    secure_stores_ask_browsers_to_keep_to_https,
    configured(|config| config.secure_cookies = true),
    |store| {
        let page = reqwest::Client::new()
            .get(store.url("/healthz"))
            .send()
            .await
            .unwrap();
        assert!(
            page.headers()["strict-transport-security"]
                .to_str()
                .unwrap()
                .starts_with("max-age=")
        );
    }
);

both_backends!(responses_are_compressed_and_nosniff, |store| {
    let response = reqwest::Client::new()
        .get(store.url("/"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{:?}", response.headers());
    assert_eq!(
        response.headers().get("content-encoding"),
        Some(&reqwest::header::HeaderValue::from_static("br")),
        "{:?}",
        response.headers()
    );
    assert_eq!(
        response.headers().get("x-content-type-options").unwrap(),
        "nosniff"
    );
});

both_backends!(metrics_report_requests_orders_and_queues_locally, |store| {
    let (client, _number, _url) = store.new_order("TEST-0010", "1").await;
    assert_eq!(
        client.get(store.url("/")).send().await.unwrap().status(),
        200
    );
    let scrape = reqwest::Client::new()
        .get(store.url("/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(scrape.status().as_u16(), 200);
    let text = scrape.text().await.unwrap();
    for expected in [
        "http_request_duration_seconds_bucket{method=\"GET\",route=\"/\",status=\"200\"",
        "route=\"/api/checkout/submit\"",
        "store_orders_total{outcome=\"placed\"}",
        "store_jobs{status=\"queued\"}",
        "store_reservations_active",
    ] {
        assert!(text.contains(expected), "{expected} in:\n{text}");
    }
    // Forwarded by a proxy, the same scrape is refused.
    let forwarded = reqwest::Client::new()
        .get(store.url("/metrics"))
        .header("x-forwarded-for", "203.0.113.9")
        .send()
        .await
        .unwrap();
    assert_eq!(forwarded.status().as_u16(), 403);
});

both_backends!(
    metrics_ask_for_their_token_when_one_is_set,
    configured(|config| config.metrics_token = Some("scrape-secret".into())),
    |store| {
        let plain = reqwest::Client::new()
            .get(store.url("/metrics"))
            .send()
            .await
            .unwrap();
        assert_eq!(plain.status().as_u16(), 403);
        let wrong = reqwest::Client::new()
            .get(store.url("/metrics"))
            .bearer_auth("scrape-secre")
            .send()
            .await
            .unwrap();
        assert_eq!(wrong.status().as_u16(), 403);
        let right = reqwest::Client::new()
            .get(store.url("/metrics"))
            .bearer_auth("scrape-secret")
            .send()
            .await
            .unwrap();
        assert_eq!(right.status().as_u16(), 200);
    }
);

/// `page_render_retries_total` as this process's `/metrics` reports it.
async fn render_retries(store: &crate::support::TestStore) -> u64 {
    let (_, text) = store.page(&reqwest::Client::new(), "/metrics").await;
    text.lines()
        .find_map(|line| line.strip_prefix("page_render_retries_total "))
        .map_or(0, |n| n.trim().parse().unwrap())
}

both_backends!(
    a_page_render_past_its_budget_is_started_again,
    // No render finishes within no time at all: every page is retried
    // until the last attempt, which runs unbounded.
    configured(|config| config.render_budget_ms = 0),
    |store| {
        let before = render_retries(&store).await;
        let (status, page) = store.page(&store.shopper(), "/product/item-02").await;
        assert_eq!(status, 200);
        assert!(page.contains("Item 02"));
        // Other tests in this process only ever add to the count.
        assert!(render_retries(&store).await >= before + 2);
    }
);

both_backends!(
    registrations_and_refused_placements_are_throttled,
    configured(|config| config.registration_limit = 3),
    |store| {
        for i in 0..3 {
            let client = store.shopper();
            let reply = store
                .register(&client, &format!("new{i}@example.com"))
                .await;
            assert_eq!(reply.status, 200, "{:?}", reply.json);
        }
        let client = store.shopper();
        let refused = store.register(&client, "fourth@example.com").await;
        assert_eq!(refused.status, 429);
        assert!(refused.error_message().contains("Too many accounts"));
        assert_eq!(
            store
                .number("SELECT COUNT(*) FROM users WHERE email = 'fourth@example.com'")
                .await,
            0
        );

        // A basket refused 30 times in a row is turned away, even with a good form.
        let shopper = store.shopper();
        let variant = store.variant_id("TEST-0005").await.to_string();
        assert_eq!(store.add(&shopper, &variant, "1").await.status, 200);
        let mut bad = crate::support::checkout::checkout_form("DE");
        bad.retain(|(name, _)| *name != "email");
        bad.push(("email", "not-an-email"));
        for _ in 0..30 {
            assert_eq!(
                store.api(&shopper, "checkout/submit", &bad).await.status,
                400
            );
        }
        let turned_away = store.place_order(&shopper, "DE").await;
        assert_eq!(turned_away.status, 429);
        assert!(
            turned_away
                .error_message()
                .contains("Too many attempts to place this order")
        );
        assert_eq!(store.number("SELECT COUNT(*) FROM orders").await, 0);
        // Another shopper's basket is not affected.
        let (_, number, _) = store.new_order("TEST-0010", "1").await;
        assert!(!number.is_empty());
    }
);
