//! Sessions are written when they change, not on every page view.

fn sets_cookie(response: &reqwest::Response) -> bool {
    response.headers().get("set-cookie").is_some()
}

both_backends!(browsing_writes_the_session_at_most_once_a_day, |store| {
    let client = store.shopper();
    let variant = store.variant_id("TEST-0005").await.to_string();
    assert_eq!(store.add(&client, &variant, "1").await.status, 200);

    // The first page of the day marks the session seen, which renews its
    // 30 days; the pages after it leave the stored session alone.
    let first = store.get(&client, "/").await;
    assert_eq!(first.status(), 200);
    assert!(
        sets_cookie(&first),
        "the first page of the day renews the session"
    );
    for path in ["/", "/product/item-05", "/basket", "/search?q=item"] {
        let response = store.get(&client, path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert!(!sets_cookie(&response), "{path} rewrote the session");
    }
    // The basket is still the shopper's.
    assert_eq!(store.item_count(&client).await, 1);

    // A visitor without a session is not given one by browsing.
    let visitor = store.shopper();
    let response = store.get(&visitor, "/product/item-05").await;
    assert!(!sets_cookie(&response));
});
