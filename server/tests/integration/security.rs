//! Cross-site requests are refused before they change anything.

both_backends!(cross_origin_posts_are_refused, |store| {
    let client = store.shopper();
    let variant = store.variant_id("TEST-0005").await.to_string();
    let url = store.url("/api/basket/add");
    for header in [
        ("origin", "http://evil.example"),
        ("sec-fetch-site", "cross-site"),
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
});

both_backends!(responses_are_compressed_and_nosniff, |store| {
    let response = reqwest::Client::new()
        .get(store.url("/"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers().get("content-encoding").unwrap(), "br");
    assert_eq!(
        response.headers().get("x-content-type-options").unwrap(),
        "nosniff"
    );
});
