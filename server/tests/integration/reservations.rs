//! Stock reservations: adding reserves, removing releases, lapsed
//! reservations are swept, and concurrency never oversells.

use server::basket::now;

both_backends!(two_hundred_shoppers_race_for_ten_units, |store| {
    let variant = store.variant_id("TEST-0010").await;
    let id = variant.to_string();
    for round in 0..10 {
        store
            .execute(&format!(
                "DELETE FROM basket_lines WHERE variant_id = {variant}"
            ))
            .await;
        store
            .execute(&format!(
                "UPDATE variants SET reserved = 0, stock_on_hand = 10 WHERE id = {variant}"
            ))
            .await;
        let answers = store
            .concurrent_adds(200, &[("variant_id", &id), ("quantity", "1")])
            .await;
        let mut won = 0;
        for (status, body) in answers {
            match status {
                200 => won += 1,
                409 => assert!(body.contains("not enough stock"), "{body}"),
                other => panic!("round {round}: unexpected {other}: {body}"),
            }
        }
        assert_eq!(
            won, 10,
            "round {round}: exactly the available units were reserved"
        );
        assert_eq!(store.stock(variant).await, (10, 10), "round {round}");
        assert_eq!(store.held_by_lines(variant).await, 10, "round {round}");
    }
});

both_backends!(reserved_stock_is_not_available_to_others, |store| {
    let variant = store.variant_id("TEST-0002").await; // 3 on hand
    let (alice, bob) = (store.shopper(), store.shopper());
    assert_eq!(
        store.add(&alice, &variant.to_string(), "3").await.status,
        200
    );
    assert_eq!(store.stock(variant).await, (3, 3));
    let (_, page) = store.page(&bob, "/product/item-02").await;
    assert!(
        page.contains("Sold out"),
        "the storefront shows available stock"
    );
    let reply = store.add(&bob, &variant.to_string(), "1").await;
    assert_eq!(reply.status, 409);
    assert_eq!(
        reply.error_message(),
        "Sorry, not enough stock: Item 02 is sold out."
    );
});

both_backends!(removing_or_lowering_releases_at_once, |store| {
    let variant = store.variant_id("TEST-0012").await;
    let id = variant.to_string();
    let client = store.shopper();
    store.add(&client, &id, "5").await;
    assert_eq!(store.stock(variant).await, (100, 5));
    let reply = store
        .api(
            &client,
            "basket/update",
            &[("variant_id", &id), ("quantity", "2")],
        )
        .await;
    assert_eq!(reply.status, 200);
    assert_eq!(store.stock(variant).await, (100, 2));
    let reply = store
        .api(
            &client,
            "basket/update",
            &[("variant_id", &id), ("quantity", "7")],
        )
        .await;
    assert_eq!(reply.status, 200);
    assert_eq!(store.stock(variant).await, (100, 7));
    store
        .api(&client, "basket/remove", &[("variant_id", &id)])
        .await;
    assert_eq!(store.stock(variant).await, (100, 0));
    assert_eq!(store.held_by_lines(variant).await, 0);
});

both_backends!(
    lapsed_reservations_are_swept_and_renewed_on_return,
    |store| {
        let variant = store.variant_id("TEST-0002").await; // 3 on hand
        let client = store.shopper();
        store.add(&client, &variant.to_string(), "3").await;
        // Nothing is due yet.
        assert_eq!(store.baskets().sweep_expired(now()).await.unwrap(), 0);
        // An hour and a bit later the reservation has lapsed.
        let later = now() + 60 * 60 + 1;
        assert_eq!(store.baskets().sweep_expired(later).await.unwrap(), 1);
        assert_eq!(store.stock(variant).await, (3, 0));
        let (_, page) = store.page(&store.shopper(), "/product/item-02").await;
        assert!(page.contains("Only 3 left"), "stock is available again");
        // A second sweep (another server, say) releases nothing more.
        assert_eq!(store.baskets().sweep_expired(later).await.unwrap(), 0);
        assert_eq!(store.stock(variant).await, (3, 0));
        // The shopper comes back: the basket reserves the stock again.
        let (_, basket) = store.page(&client, "/basket").await;
        assert!(!basket.contains("No longer available"));
        assert_eq!(store.stock(variant).await, (3, 3));
    }
);

both_backends!(a_lapsed_line_that_cannot_be_renewed_is_flagged, |store| {
    let variant = store.variant_id("TEST-0002").await; // 3 on hand
    let (alice, bob) = (store.shopper(), store.shopper());
    store.add(&alice, &variant.to_string(), "3").await;
    store
        .baskets()
        .sweep_expired(now() + 60 * 60 + 1)
        .await
        .unwrap();
    assert_eq!(store.add(&bob, &variant.to_string(), "2").await.status, 200);
    let view = store.api(&alice, "basket/view", &[]).await;
    assert_eq!(view.json["lines"][0]["reserved"], false);
    let (_, page) = store.page(&alice, "/basket").await;
    assert!(page.contains("No longer available in this quantity."));
    assert_eq!(store.stock(variant).await, (3, 2), "bob keeps his two");
    // Lowering to what is left makes the line whole again.
    let reply = store
        .api(
            &alice,
            "basket/update",
            &[("variant_id", &variant.to_string()), ("quantity", "1")],
        )
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    assert_eq!(store.stock(variant).await, (3, 3));
    let view = store.api(&alice, "basket/view", &[]).await;
    assert_eq!(view.json["lines"][0]["reserved"], true);
});

both_backends!(reimport_cannot_drop_stock_below_reservations, |store| {
    let variant = store.variant_id("TEST-0002").await;
    store.add(&store.shopper(), &variant.to_string(), "3").await;
    let text = crate::support::fixture_csv().replace(
        "TEST-0002,Item 02,Description of item 2.,Garden,2.02,3,",
        "TEST-0002,Item 02,Description of item 2.,Garden,2.02,1,",
    );
    let rows = server::catalog::parse_catalog_csv(&text).unwrap();
    let err = server::catalog::import_catalog(store.db(), &rows, 9)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("TEST-0002"), "{err}");
    assert_eq!(store.stock(variant).await, (3, 3));
});
