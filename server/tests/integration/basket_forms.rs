//! The basket as a browser without JavaScript uses it: plain form posts,
//! redirects back to the page, errors carried to the page.

fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .expect("redirect")
        .to_str()
        .unwrap()
        .trim_end_matches('?')
        .to_owned()
}

both_backends!(form_posts_redirect_back_and_update_the_basket, |store| {
    let client = store.shopper();
    let variant = store.variant_id("TEST-0005").await.to_string();
    let response = store
        .form_post(
            &client,
            "basket/add",
            "/product/item-05",
            &[("variant_id", &variant), ("quantity", "2")],
        )
        .await;
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), store.url("/product/item-05"));
    let (_, page) = store.page(&client, "/product/item-05").await;
    assert!(
        page.contains("Basket (2)"),
        "header count is rendered on the server"
    );
    let (_, basket) = store.page(&client, "/basket").await;
    assert!(basket.contains("Item 05"));
    assert!(basket.contains("$10.10"), "line total");
    assert!(basket.contains("Subtotal (2 items)"));
    assert!(basket.contains("action=\"/api/basket/update\""));
    assert!(basket.contains("action=\"/api/basket/remove\""));
});

both_backends!(form_errors_come_back_to_the_page, |store| {
    let client = store.shopper();
    let variant = store.variant_id("TEST-0005").await.to_string();
    let response = store
        .form_post(
            &client,
            "basket/add",
            "/product/item-05",
            &[("variant_id", &variant), ("quantity", "0")],
        )
        .await;
    assert_eq!(response.status(), 302);
    let target = location(&response);
    assert!(
        target.starts_with(&store.url("/product/item-05?")),
        "{target}"
    );
    let path = target.strip_prefix(&store.base).unwrap();
    let (_, html) = store.page(&client, path).await;
    assert!(html.contains("role=\"alert\""), "error is announced");
    assert!(html.contains("The quantity must be between 1 and 999."));
    assert!(store.basket_lines().await.is_empty());
});

both_backends!(form_update_and_remove_work_without_javascript, |store| {
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
    let response = store
        .form_post(
            &client,
            "basket/update",
            "/basket",
            &[("variant_id", &variant), ("quantity", "3")],
        )
        .await;
    assert_eq!(location(&response), store.url("/basket"));
    let (_, html) = store.page(&client, "/basket").await;
    assert!(html.contains("Subtotal (3 items)"));
    let response = store
        .form_post(
            &client,
            "basket/remove",
            "/basket",
            &[("variant_id", &variant)],
        )
        .await;
    assert_eq!(location(&response), store.url("/basket"));
    let (_, html) = store.page(&client, "/basket").await;
    assert!(html.contains("Your basket is empty."));
});
