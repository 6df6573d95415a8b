//! Full-text search with filters, sorting and pagination, on both databases.

async fn results(
    store: &crate::support::TestStore,
    query: &[(&str, &str)],
) -> (u16, Vec<String>, u64) {
    let mut form: Vec<(String, String)> = Vec::new();
    for (k, v) in query {
        form.push((format!("query[{k}]"), v.to_string()));
    }
    for (k, v) in [
        ("text", ""),
        ("in_stock", "false"),
        ("sort", "Relevance"),
        ("page", "1"),
    ] {
        if !query.iter().any(|(q, _)| *q == k) {
            form.push((format!("query[{k}]"), v.to_owned()));
        }
    }
    let borrowed: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let reply = store
        .api(&store.shopper(), "catalog/browse", &borrowed)
        .await;
    if reply.status != 200 {
        eprintln!("browse reply {}: {:?}", reply.status, reply.json);
        return (reply.status, vec![reply.error_message()], 0);
    }
    let titles = reply.json["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap().to_owned())
        .collect();
    (200, titles, reply.json["total"].as_u64().unwrap())
}

both_backends!(search_finds_by_word_sku_and_translation, |store| {
    store.featured().await;
    let (_, found, _) = results(&store, &[("text", "motorcycle")]).await;
    assert_eq!(found, vec!["Classic 400 motorcycle (used)"]);
    let (_, by_sku, _) = results(&store, &[("text", "TEST-0007")]).await;
    assert_eq!(by_sku, vec!["Item 07"]);
    let (_, by_variant_sku, _) = results(&store, &[("text", "COURSE-STORE-ENG-VERIFIED")]).await;
    assert_eq!(by_variant_sku, vec!["Store engineering course"]);
    // German words find the product, shown in the shopper's language.
    let (_, german, _) = results(&store, &[("text", "Bleistift")]).await;
    assert_eq!(german, vec!["Pencil 30-pack"]);
    // Prefixes match, so results follow typing.
    let (_, typed, _) = results(&store, &[("text", "membe")]).await;
    assert_eq!(typed, vec!["Ferrostore Club membership"]);
    // Search syntax is just text.
    let (status, _, total) = results(&store, &[("text", "\"OR NEAR(* -")]).await;
    assert_eq!((status, total), (200, 0));
});

both_backends!(exact_title_matches_rank_first, |store| {
    // "Item 12" is a title; "item" and "12" also appear in its description.
    let (_, found, total) = results(&store, &[("text", "Item 12")]).await;
    assert_eq!(found.first().map(String::as_str), Some("Item 12"));
    assert_eq!(total, 1);
    // Words in the title rank above words only in the description: "1"
    // starts the titles Item 10–19, but only the description of Item 01
    // ("Description of item 1.").
    let (_, found, total) = results(&store, &[("text", "item 1")]).await;
    assert_eq!(total, 11);
    assert!(
        found[..10].iter().all(|t| t.starts_with("Item 1")),
        "{found:?}"
    );
    assert_eq!(found[10..], ["Item 01"]);
});

both_backends!(filters_sorting_and_pages_combine, |store| {
    // Fixture prices: Item N costs $N.0N; Item 01 is sold out.
    let (_, cheap, total) = results(
        &store,
        &[
            ("text", "item"),
            ("min_price", "2"),
            ("max_price", "4.99"),
            ("sort", "PriceHighToLow"),
        ],
    )
    .await;
    assert_eq!(cheap, vec!["Item 04", "Item 03", "Item 02"]);
    assert_eq!(total, 3);
    let (_, stocked, _) = results(
        &store,
        &[
            ("max_price", "2.50"),
            ("in_stock", "true"),
            ("sort", "PriceLowToHigh"),
        ],
    )
    .await;
    assert_eq!(stocked, vec!["Item 02"]);
    let (_, garden, garden_total) =
        results(&store, &[("category", "garden"), ("sort", "Name")]).await;
    assert!(garden_total > 0 && garden.windows(2).all(|w| w[0] <= w[1]));
    let (_, page_two, all) = results(&store, &[("sort", "Name"), ("page", "2")]).await;
    assert_eq!(all, 30);
    assert_eq!(
        page_two,
        vec![
            "Item 25", "Item 26", "Item 27", "Item 28", "Item 29", "Item 30"
        ]
    );
    let (_, newest, _) = results(&store, &[("sort", "Newest")]).await;
    assert_eq!(newest.len(), 24);
});

both_backends!(bad_search_input_gets_clear_answers, |store| {
    let (status, message, _) = results(&store, &[("min_price", "cheap")]).await;
    assert_eq!(status, 400);
    assert!(message[0].contains("minimum price"), "{message:?}");
    let long = "x".repeat(201);
    let (status, _, _) = results(&store, &[("text", long.as_str())]).await;
    assert_eq!(status, 400);
    let (status, _, _) = results(&store, &[("category", "no-such-thing")]).await;
    assert_eq!(status, 404);
    // The search page works as a plain GET form.
    let (status, html) = store
        .page(&store.shopper(), "/search?q=item+07&in_stock=1&sort=price")
        .await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Item 07") && html.contains("1 product"),
        "{html}"
    );
});

both_backends!(repeated_searches_show_current_stock_and_prices, |store| {
    let form = [
        ("query[text]", "item 07"),
        ("query[in_stock]", "false"),
        ("query[sort]", "Relevance"),
        ("query[page]", "1"),
    ];
    let first = store.api(&store.shopper(), "catalog/browse", &form).await;
    assert_eq!(first.json["products"][0]["availability"], "InStock");
    // Which products match may be remembered briefly; their cards are not.
    store
        .execute("UPDATE variants SET stock_on_hand = 0 WHERE sku = 'TEST-0007'")
        .await;
    store
        .execute("UPDATE variant_prices SET amount_minor = 999 WHERE variant_id = (SELECT id FROM variants WHERE sku = 'TEST-0007')")
        .await;
    let again = store.api(&store.shopper(), "catalog/browse", &form).await;
    let card = &again.json["products"][0];
    assert_eq!(card["title"], "Item 07");
    assert_eq!(card["availability"], "SoldOut");
    assert_eq!(card["price"]["amount"]["amount"], "9.99", "{card}");
});
