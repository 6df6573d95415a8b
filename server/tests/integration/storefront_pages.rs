//! Server-rendered pages over real HTTP.

use crate::support::count;

/// Product titles as they appear on a listing page, in order.
fn titles_in_order(html: &str) -> Vec<&str> {
    html.split("class=\"card__title\">")
        .skip(1)
        .filter_map(|rest| rest.split('<').next())
        .collect()
}

both_backends!(health_check_reports_the_database, |store| {
    let response = reqwest::get(store.url("/healthz")).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), "ok");
});

both_backends!(home_lists_24_products_per_page_in_stable_order, |store| {
    let client = store.shopper();
    let (status, first) = store.page(&client, "/").await;
    assert_eq!(status, 200);
    assert_eq!(count(&first, "class=\"card\""), 24);
    assert!(first.contains("Page 1 of 2"), "pagination missing");
    assert!(first.contains("30 products"));
    // Sorted by title: Item 01 … Item 24 on page one, the rest on page two.
    let first_pos = first.find("Item 01").unwrap();
    assert!(first_pos < first.find("Item 24").unwrap());
    assert!(!first.contains("Item 25"));
    let (_, second) = store.page(&client, "/?page=2").await;
    assert_eq!(count(&second, "class=\"card\""), 6);
    assert!(second.contains("Item 25") && second.contains("Item 30"));
    assert!(second.contains("Previous page"));
    // Same request, same order.
    let (_, again) = store.page(&client, "/").await;
    assert_eq!(titles_in_order(&first), titles_in_order(&again));
    assert_eq!(titles_in_order(&first).len(), 24);
});

both_backends!(cards_show_price_and_stock_state, |store| {
    let (_, html) = store.page(&store.shopper(), "/").await;
    assert!(html.contains("$5.05"), "price formatted for its currency");
    assert!(html.contains("Sold out"), "Item 01 has no stock");
    assert!(html.contains("Only 3 left"), "Item 02 has three left");
    assert!(html.contains("In stock"));
});

both_backends!(category_pages_use_the_listing, |store| {
    let client = store.shopper();
    let (status, html) = store.page(&client, "/category/garden").await;
    assert_eq!(status, 200);
    assert!(html.contains("<h1>Garden</h1>"));
    assert_eq!(count(&html, "class=\"card\""), 15);
    assert!(html.contains("Item 02") && !html.contains("Item 03"));
    let (status, html) = store.page(&client, "/category/no-such-thing").await;
    assert_eq!(status, 404);
    assert!(html.contains("There is no such category."));
});

both_backends!(product_page_shows_details_and_form, |store| {
    let client = store.shopper();
    let (status, html) = store.page(&client, "/product/item-02").await;
    assert_eq!(status, 200);
    assert!(html.contains("<h1>Item 02</h1>"));
    assert!(html.contains("$2.02"));
    assert!(html.contains("Only 3 left"));
    assert!(html.contains("Description of item 2."));
    assert!(html.contains("method=\"post\""));
    assert!(html.contains("action=\"/api/basket/add\""));
    assert!(html.contains("<label for=\"quantity\">Quantity</label>"));
    assert!(html.contains("Add to basket"));
    let (status, _) = store.page(&client, "/product/nope").await;
    assert_eq!(status, 404);
    let long = format!("/product/{}", "x".repeat(5000));
    let (status, _) = store.page(&client, &long).await;
    assert_eq!(status, 404);
});

both_backends!(unknown_routes_get_a_real_404_page, |store| {
    let (status, html) = store.page(&store.shopper(), "/definitely/not/here").await;
    assert_eq!(status, 404);
    assert!(html.contains("Page not found"));
    assert!(html.contains("Basket (0)"), "the page frame is rendered");
});

both_backends!(garbage_page_numbers_fall_back_gracefully, |store| {
    let client = store.shopper();
    for query in ["?page=abc", "?page=-3", "?page=0", "?page=99999999999"] {
        let (status, html) = store.page(&client, &format!("/{query}")).await;
        assert_eq!(status, 200, "{query}");
        assert!(html.contains("All products"), "{query}");
    }
    let (status, html) = store.page(&client, "/?page=50").await;
    assert_eq!(status, 200);
    assert!(html.contains("There are no products on this page."));
});

both_backends!(pages_load_the_hydration_bundle_by_its_built_name, |store| {
    let (_, html) = store.page(&store.shopper(), "/").await;
    assert!(html.contains("/pkg/store.js"), "hydration script linked");
    assert!(
        html.contains("/pkg/store.wasm"),
        "WASM loaded under the name cargo-leptos builds"
    );
    assert!(!html.contains("store_bg.wasm"));
    // The bundle waits for the page's `load` event, so nothing in <head>
    // may fetch it early and compete with the first paint.
    assert!(
        html.contains("addEventListener('load'"),
        "loader waits for load"
    );
    assert!(!html.contains("modulepreload"), "no early script fetch");
    assert!(!html.contains("rel=\"preload\""), "no early WASM fetch");
    assert!(html.contains("/pkg/store.css"));
    assert!(html.contains("<html lang=\"en\""));
});
