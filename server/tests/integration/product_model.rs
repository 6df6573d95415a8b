//! The product model through the storefront: setup files, variants and
//! their prices, serial-numbered units, categories, translations, images.

use crate::support::count;

both_backends!(setup_files_are_idempotent_by_key, |store| {
    let first = store.featured().await;
    assert_eq!((first.created, first.updated), (5, 0));
    assert_eq!((first.categories, first.catalogs, first.images), (7, 2, 8));
    let again = store.featured().await;
    assert_eq!((again.created, again.updated), (0, 5));
    assert_eq!(store.number("SELECT COUNT(*) FROM products").await, 35);
    assert_eq!(store.number("SELECT COUNT(*) FROM serial_units").await, 3);
    assert_eq!(store.number("SELECT COUNT(*) FROM variant_prices WHERE variant_id IN (SELECT id FROM variants WHERE sku LIKE 'PENCIL-30-%')").await, 4);
    assert_eq!(
        store.number("SELECT COUNT(*) FROM catalog_products").await,
        8
    );
    assert_eq!(store.number("SELECT COUNT(*) FROM product_images").await, 8);
    // Serial stock is counted from the units.
    let moto = store.variant_id("MOTO-CLASSIC-400").await;
    assert_eq!(store.stock(moto).await, (3, 0));
});

both_backends!(
    product_pages_show_variants_units_and_recurring_prices,
    |store| {
        store.featured().await;
        let shopper = store.shopper();

        let (status, html) = store
            .page(&shopper, "/product/store-engineering-course")
            .await;
        assert_eq!(status, 200);
        assert!(html.contains("seat: audit — $49.00"), "{html}");
        assert!(html.contains("seat: verified — $199.00"));
        // The first buyable variant is chosen until the shopper picks another.
        assert!(html.contains(r#"class="product__price">$49.00"#));
        let (_, verified) = store
            .page(
                &shopper,
                "/product/store-engineering-course?variant=COURSE-STORE-ENG-VERIFIED",
            )
            .await;
        assert!(
            verified.contains(r#"class="product__price">$199.00"#),
            "{verified}"
        );
        // A variant's own pictures lead the gallery.
        let main_picture = |page: &str| {
            let class = page.find("gallery__main").expect("a main picture");
            let start = page[..class].rfind("<img").unwrap();
            page[start..class + page[class..].find('>').unwrap()].to_owned()
        };
        assert!(main_picture(&verified).contains(r#"alt="Verified seat certificate""#));
        assert!(main_picture(&html).contains(r#"alt="Course logo""#));

        let (_, club) = store
            .page(&shopper, "/product/ferrostore-club-membership")
            .await;
        assert!(club.contains("$9.00 / month"));

        let (_, moto) = store
            .page(&shopper, "/product/classic-400-motorcycle")
            .await;
        for text in [
            "Serial number CB400-1978-0412 — $4,450.00 — Candy red, 31,200 km, new tyres",
            "Serial number CB400-1979-1187 — $5,100.00",
            // No own price: the variant's.
            "Serial number CB400-1980-2093 — $4,200.00",
            "Any available unit",
        ] {
            assert!(moto.contains(text), "missing {text}");
        }
        // Breadcrumbs follow the category tree.
        assert!(
            moto.contains(r#"href="/category/vehicles""#)
                && moto.contains(r#"href="/category/motorcycles""#)
        );
        // Pictures come with their size, so the page does not shift.
        assert!(
            moto.contains(r#"width="800" height="800""#),
            "large image sized"
        );

        let (_, ebook) = store
            .page(&shopper, "/product/running-a-shop-on-rust-ebook")
            .await;
        assert!(ebook.contains("Digital product: nothing is shipped."));
    }
);

both_backends!(
    category_pages_include_subcategories_with_breadcrumbs,
    |store| {
        store.featured().await;
        let (status, html) = store.page(&store.shopper(), "/category/learning").await;
        assert_eq!(status, 200);
        assert!(
            html.contains("2 products"),
            "course and e-book are below Learning"
        );
        let (_, courses) = store.page(&store.shopper(), "/category/courses").await;
        assert!(courses.contains("1 product"));
        assert!(
            courses.contains(r#"aria-label="Breadcrumb""#)
                && courses.contains(r#"href="/category/learning""#)
        );
    }
);

both_backends!(images_are_served_with_long_cache_headers, |store| {
    store.featured().await;
    let (_, html) = store.page(&store.shopper(), "/category/memberships").await;
    let start = html.find(r#"src="/media/"#).expect("a card picture") + 5;
    let url = &html[start..start + html[start..].find('"').unwrap()];
    assert!(url.ends_with("-320.jpg"), "{url}");
    assert!(html.contains(r#"width="320" height="320""#));
    let response = store.shopper().get(store.url(url)).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/jpeg");
    assert!(
        response.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    let missing = store
        .shopper()
        .get(store.url("/media/nothing-320.jpg"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    // Products without pictures get a placeholder.
    let (_, plain) = store.page(&store.shopper(), "/product/item-05").await;
    assert!(plain.contains("image-placeholder"));
});

both_backends!(
    the_language_follows_choice_then_browser_then_default,
    |store| {
        store.featured().await;
        let shopper = store.shopper();
        let (_, english) = store.page(&shopper, "/product/pencil-30-pack").await;
        assert!(english.contains("<h1>Pencil 30-pack</h1>") && english.contains(r#"lang="en""#));

        let german_browser = shopper
            .get(store.url("/product/pencil-30-pack"))
            .header("accept-language", "de-DE,de;q=0.9,en;q=0.5")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(german_browser.contains("Bleistift, 30er-Pack"));
        assert!(german_browser.contains(r#"lang="de""#));

        // The shopper's choice outranks the browser.
        let chosen = store
            .form_post(
                &shopper,
                "locale",
                "/product/pencil-30-pack",
                &[("locale", "en")],
            )
            .await;
        assert!(chosen.status().is_redirection());
        let cookie = chosen.headers()["set-cookie"].to_str().unwrap().to_owned();
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        let english_again = shopper
            .get(store.url("/product/pencil-30-pack"))
            .header("accept-language", "de")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
            .replace("<!>", "");
        assert!(english_again.contains("<h1>Pencil 30-pack</h1>"));

        // Field by field: the motorcycle's German text has no short description,
        // category names are translated, and untranslated products stay English.
        store
            .form_post(&shopper, "locale", "/", &[("locale", "de")])
            .await;
        let (_, moto) = store
            .page(&shopper, "/product/classic-400-motorcycle")
            .await;
        assert!(moto.contains("Classic 400 Motorrad (gebraucht)") && moto.contains("Motorräder"));
        let (_, plain) = store.page(&shopper, "/product/item-05").await;
        assert!(plain.contains("<h1>Item 05</h1>"));

        let refused = store.api(&shopper, "locale", &[("locale", "xx")]).await;
        assert_eq!(refused.status, 400);
    }
);

both_backends!(two_baskets_race_for_one_serial_unit_and_one_wins, |store| {
    store.featured().await;
    let variant = store.variant_id("MOTO-CLASSIC-400").await.to_string();
    let unit = store.unit_id("CB400-1979-1187").await.to_string();
    let answers = store
        .concurrent_adds(
            20,
            &[("variant_id", &variant), ("quantity", "1"), ("unit", &unit)],
        )
        .await;
    let mut won = 0;
    for (status, body) in answers {
        match status {
            200 => won += 1,
            409 => assert!(
                body.contains("CB400-1979-1187") && body.contains("no longer available"),
                "{body}"
            ),
            other => panic!("unexpected {other}: {body}"),
        }
    }
    assert_eq!(won, 1);
    let moto = store.variant_id("MOTO-CLASSIC-400").await;
    assert_eq!(store.stock(moto).await, (3, 1));
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM serial_units WHERE status = 'reserved'")
            .await,
        1
    );
    // The unit is no longer offered to others.
    let (_, page) = store
        .page(&store.shopper(), "/product/classic-400-motorcycle")
        .await;
    assert!(!page.contains("CB400-1979-1187"));
});

both_backends!(serial_units_are_taken_released_and_swept, |store| {
    store.featured().await;
    let moto = store.variant_id("MOTO-CLASSIC-400").await;
    let variant = moto.to_string();
    let alice = store.shopper();

    // "Any available" takes units in serial order; a picked unit is one.
    let any = store
        .api(
            &alice,
            "basket/add",
            &[("variant_id", &variant), ("quantity", "2"), ("unit", "")],
        )
        .await;
    assert_eq!(any.status, 200, "{:?}", any.json);
    assert_eq!(store.stock(moto).await, (3, 2));
    let too_many = store
        .api(
            &alice,
            "basket/add",
            &[("variant_id", &variant), ("quantity", "2")],
        )
        .await;
    assert_eq!(too_many.status, 409);
    assert!(
        too_many.error_message().contains("only 1"),
        "{}",
        too_many.error_message()
    );
    let picked_twice = store
        .api(
            &alice,
            "basket/add",
            &[
                ("variant_id", &variant),
                ("quantity", "2"),
                ("unit", &store.unit_id("CB400-1980-2093").await.to_string()),
            ],
        )
        .await;
    assert_eq!(picked_twice.status, 400);

    let (_, basket) = store.page(&alice, "/basket").await;
    assert!(
        basket.contains("Serial number CB400-1978-0412")
            && basket.contains("Serial number CB400-1979-1187")
    );
    assert!(basket.contains("$9,550.00"), "unit prices add up");

    // Removing a unit line gives that unit back at once.
    let first = store.unit_id("CB400-1978-0412").await.to_string();
    let removed = store
        .api(
            &alice,
            "basket/remove",
            &[("variant_id", &variant), ("unit_id", &first)],
        )
        .await;
    assert_eq!(removed.status, 200, "{:?}", removed.json);
    assert_eq!(store.stock(moto).await, (3, 1));
    let again = store
        .api(
            &alice,
            "basket/remove",
            &[("variant_id", &variant), ("unit_id", &first)],
        )
        .await;
    assert_eq!(again.status, 404);

    // A lapsed unit is swept back; if someone else takes it meanwhile, the
    // basket says so.
    let later = server::basket::now() + 60 * 60 + 1;
    assert_eq!(store.baskets().sweep_expired(later).await.unwrap(), 1);
    assert_eq!(store.stock(moto).await, (3, 0));
    let bob = store.shopper();
    let second = store.unit_id("CB400-1979-1187").await.to_string();
    let taken = store
        .api(
            &bob,
            "basket/add",
            &[
                ("variant_id", &variant),
                ("quantity", "1"),
                ("unit", &second),
            ],
        )
        .await;
    assert_eq!(taken.status, 200);
    let (_, alice_basket) = store.page(&alice, "/basket").await;
    assert!(
        alice_basket.contains("This unit is no longer available"),
        "{alice_basket}"
    );
    assert_eq!(count(&alice_basket, "no longer available"), 1);
});
