//! Offers and vouchers over HTTP: created in the admin, shown on the
//! storefront, priced at checkout, redeemed exactly once when an order is
//! placed, and given back when it is cancelled unpaid.

use crate::support::checkout::checkout_form;
use crate::support::{ApiReply, TestStore};
use serde_json::Value;

fn amount(value: &Value) -> String {
    value["amount"].as_str().unwrap_or_default().to_owned()
}

fn day(offset_days: i64) -> String {
    app::domain::dates::day_of(server::basket::now() + offset_days * 86_400)
}

/// Posts the offer form: an active automatic 10 % offer on everything,
/// with `fields` set instead.
async fn save_offer(
    store: &TestStore,
    client: &reqwest::Client,
    fields: &[(&str, &str)],
) -> ApiReply {
    let mut form: Vec<(String, String)> = [
        ("name", "Offer"),
        ("kind", "automatic"),
        ("range", "all"),
        ("condition_kind", "count"),
        ("condition_value", "1"),
        ("benefit_kind", "percent"),
        ("benefit_value", "10"),
        ("active", "on"),
    ]
    .iter()
    .chain(fields)
    .map(|(name, value)| (format!("form[{name}]"), (*value).to_owned()))
    .collect();
    // A later field wins, as the first of a repeated name would on the server.
    let mut seen = std::collections::HashSet::new();
    form.reverse();
    form.retain(|(name, _)| seen.insert(name.clone()));
    let pairs: Vec<(&str, &str)> = form.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    store.admin_call(client, "offers/save", &pairs).await
}

/// Saves an offer as an admin; returns its id.
async fn create_offer(store: &TestStore, admin: &reqwest::Client, fields: &[(&str, &str)]) -> i64 {
    let reply = save_offer(store, admin, fields).await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    reply.json.as_i64().unwrap()
}

/// The checkout form of another customer, with a voucher code.
fn checkout_as(email: &'static str, code: &'static str) -> Vec<(&'static str, &'static str)> {
    let mut form = checkout_form("DE");
    form.retain(|(n, _)| *n != "email");
    form.extend([("email", email), ("voucher", code)]);
    form
}

async fn add_code(
    store: &TestStore,
    admin: &reqwest::Client,
    offer: i64,
    fields: &[(&str, &str)],
) -> ApiReply {
    let offer = offer.to_string();
    let mut form = vec![("form[offer]", offer.as_str())];
    form.extend_from_slice(fields);
    store.admin_call(admin, "offers/codes", &form).await
}

/// Enters a voucher code on the checkout form (shipping to Germany) and
/// returns the checkout as the page then shows it.
async fn apply(store: &TestStore, client: &reqwest::Client, code: &str) -> Value {
    let mut form = checkout_form("DE");
    form.retain(|(name, _)| *name != "intent");
    form.push(("intent", "update"));
    form.push(("voucher", code));
    assert_eq!(
        store.api(client, "checkout/submit", &form).await.status,
        200
    );
    let view = store.api(client, "checkout/view", &[]).await;
    assert_eq!(view.status, 200, "{:?}", view.json);
    view.json
}

async fn place_with(store: &TestStore, client: &reqwest::Client, code: &str) -> ApiReply {
    let mut form = checkout_form("DE");
    form.push(("voucher", code));
    store.api(client, "checkout/submit", &form).await
}

async fn shopper_with(store: &TestStore, sku: &str, quantity: &str) -> reqwest::Client {
    let client = store.shopper();
    let variant = store.variant_id(sku).await.to_string();
    assert_eq!(store.add(&client, &variant, quantity).await.status, 200);
    client
}

both_backends!(an_automatic_garden_sale_shows_and_prices, |store| {
    let admin = store.staff(Some("admin")).await;
    let garden = store
        .number("SELECT id FROM categories WHERE name = 'Garden'")
        .await;
    let range = format!("category:{garden}");
    let sale = create_offer(
        &store,
        &admin,
        &[
            ("name", "Garden sale"),
            ("range", &range),
            ("benefit_value", "20"),
        ],
    )
    .await;
    // Listings and product pages say so, for Garden products only.
    let shopper = store.shopper();
    let (status, page) = store.page(&shopper, "/category/garden").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("20 % off in Garden"),
        "the listing shows the sale"
    );
    let slug = |sku: &str| format!("SELECT slug FROM products WHERE sku = '{sku}'");
    let garden_slug: String = server::with_db!(store.db(), |pool| sqlx::query_scalar::<_, String>(
        &slug("TEST-0010")
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    let office_slug: String = server::with_db!(store.db(), |pool| sqlx::query_scalar::<_, String>(
        &slug("TEST-0005")
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    let (_, product) = store
        .page(&shopper, &format!("/product/{garden_slug}"))
        .await;
    assert!(product.contains("20 % off in Garden"));
    let (_, other) = store
        .page(&shopper, &format!("/product/{office_slug}"))
        .await;
    assert!(!other.contains("20 % off"));

    // $10.10 of Garden and $5.05 of office goods: 20 % off the first only.
    let client = shopper_with(&store, "TEST-0010", "1").await;
    let variant = store.variant_id("TEST-0005").await.to_string();
    assert_eq!(store.add(&client, &variant, "1").await.status, 200);
    // The basket already shows the sale.
    let basket = store.api(&client, "basket/view", &[]).await.json;
    assert_eq!(basket["offers"][0]["name"], "Garden sale");
    assert_eq!(amount(&basket["offers"][0]["amount"]), "2.02");
    let (_, page) = store.page(&client, "/basket").await;
    assert!(page.contains("After offers") && page.contains("-$2.02"));
    let view = apply(&store, &client, "").await;
    let summary = &view["summary"];
    assert_eq!(summary["offers"][0]["name"], "Garden sale");
    assert_eq!(amount(&summary["offers"][0]["amount"]), "2.02");
    let discount = |sku: &str| {
        let lines = summary["lines"].as_array().unwrap();
        amount(&lines.iter().find(|l| l["sku"] == sku).unwrap()["discount"])
    };
    assert_eq!(discount("TEST-0010"), "2.02");
    assert_eq!(discount("TEST-0005"), "0");
    // Net 8.08 + 5.05 + 4.90 shipping, plus 19 % VAT per line.
    assert_eq!(amount(&summary["grand_total"]), "21.46");

    // The placed order keeps the offer; the admin sees what it brought in.
    let placed = store.place_order(&client, "DE").await;
    assert_eq!(placed.status, 200, "{:?}", placed.json);
    let number = placed.json["Placed"]["number"].as_str().unwrap().to_owned();
    let total = store.order_total(&number).await;
    assert_eq!(total, 2146);
    let list = store.admin_call(&admin, "offers/list", &[]).await;
    let row = &list.json[0];
    assert_eq!(row["id"], sale);
    assert_eq!(row["stats"]["redemptions"], 1);
    assert_eq!(amount(&row["stats"]["discount"]), "2.02");
    assert_eq!(amount(&row["stats"]["revenue"]), "21.46");
    assert_eq!(row["status"], "Running");

    // A sale that starts next week does not apply yet.
    create_offer(
        &store,
        &admin,
        &[
            ("name", "Next week"),
            ("starts_on", &day(7)),
            ("benefit_value", "50"),
        ],
    )
    .await;
    let view = apply(&store, &shopper_with(&store, "TEST-0003", "1").await, "").await;
    assert_eq!(view["summary"]["offers"].as_array().unwrap().len(), 0);

    // Switched off, it no longer applies.
    let off = store
        .admin_call(
            &admin,
            "offers/activate",
            &[("id", &sale.to_string()), ("active", "false")],
        )
        .await;
    assert_eq!(off.status, 200);
    let again = shopper_with(&store, "TEST-0010", "1").await;
    let view = apply(&store, &again, "").await;
    assert_eq!(view["summary"]["offers"].as_array().unwrap().len(), 0);
    let (_, page) = store.page(&shopper, "/category/garden").await;
    assert!(!page.contains("offer-tag") && !page.contains("20 % off in Garden"));
});

both_backends!(vouchers_explain_every_refusal, |store| {
    let admin = store.staff(Some("admin")).await;
    let ten = create_offer(
        &store,
        &admin,
        &[
            ("name", "Ten off"),
            ("kind", "voucher"),
            ("condition_kind", "basket_total"),
            ("condition_value", "30.00"),
            ("benefit_kind", "amount_basket"),
            ("benefit_value", "10.00"),
        ],
    )
    .await;
    assert_eq!(
        add_code(&store, &admin, ten, &[("form[code]", "Save10")])
            .await
            .status,
        200
    );
    let taken = add_code(&store, &admin, ten, &[("form[code]", "save10")]).await;
    assert_eq!(taken.status, 409, "codes are unique whatever their case");
    let ended = create_offer(
        &store,
        &admin,
        &[
            ("name", "Last week"),
            ("kind", "voucher"),
            ("ends_on", &day(-2)),
            ("benefit_value", "5"),
        ],
    )
    .await;
    assert_eq!(
        add_code(&store, &admin, ended, &[("form[code]", "OLD")])
            .await
            .status,
        200
    );
    let later = create_offer(
        &store,
        &admin,
        &[
            ("name", "Next week"),
            ("kind", "voucher"),
            ("starts_on", &day(7)),
            ("benefit_value", "5"),
        ],
    )
    .await;
    assert_eq!(
        add_code(&store, &admin, later, &[("form[code]", "SOON")])
            .await
            .status,
        200
    );

    // $10.10 of goods: below the $30 threshold.
    let client = shopper_with(&store, "TEST-0010", "1").await;
    let cases = [
        ("nope", "We do not know this voucher code."),
        ("old", "This voucher code has expired."),
        ("soon", "This voucher code is valid from"),
        ("save10", "Add $19.90 more to your basket."),
        ("50% off", "We do not know this voucher code."),
    ];
    for (code, says) in cases {
        let view = apply(&store, &client, code).await;
        assert_eq!(view["voucher"]["applied"], false, "{code}");
        assert!(
            view["voucher"]["message"].as_str().unwrap().contains(says),
            "{code}: {}",
            view["voucher"]["message"]
        );
        assert_eq!(view["summary"]["offers"].as_array().unwrap().len(), 0);
        // Placing the order with it is refused with the same reason.
        let refused = place_with(&store, &client, code).await;
        assert_eq!(refused.status, 400);
        assert!(
            refused.error_message().contains(says),
            "{}",
            refused.error_message()
        );
    }
    assert_eq!(store.number("SELECT COUNT(*) FROM orders").await, 0);

    // Two more: $30.30, so the code applies, in any case.
    let variant = store.variant_id("TEST-0010").await.to_string();
    assert_eq!(store.add(&client, &variant, "2").await.status, 200);
    let view = apply(&store, &client, " SAVE10 ").await;
    assert_eq!(view["voucher"]["applied"], true, "{}", view["voucher"]);
    assert_eq!(view["summary"]["offers"][0]["voucher"], "SAVE10");
    assert_eq!(amount(&view["summary"]["discount_total"]), "10.00");
    // (30.30 − 10.00) + 4.90, plus 19 % VAT on each line.
    assert_eq!(amount(&view["summary"]["grand_total"]), "29.99");
    // Removing it restores the price.
    let mut form = checkout_form("DE");
    form.retain(|(name, _)| *name != "intent");
    form.extend([("intent", "remove_voucher"), ("voucher", "SAVE10")]);
    assert_eq!(
        store.api(&client, "checkout/submit", &form).await.status,
        200
    );
    let view = store.api(&client, "checkout/view", &[]).await.json;
    assert!(view["voucher"].is_null());
    assert_eq!(amount(&view["summary"]["discount_total"]), "0");
    // Bad offer forms are refused and save nothing.
    let before = store.number("SELECT COUNT(*) FROM offers").await;
    for (field, value) in [
        ("benefit_value", "150"),
        ("name", ""),
        ("range", "category:999999"),
        ("range", "products"),
        ("ends_on", "2026-13-01"),
        ("condition_value", "-3"),
    ] {
        let reply = save_offer(&store, &admin, &[(field, value)]).await;
        assert_eq!(reply.status, 400, "{field}={value}: {:?}", reply.json);
    }
    let unknown = save_offer(
        &store,
        &admin,
        &[("range", "products"), ("skus", "TEST-0002, NO-SUCH-SKU")],
    )
    .await;
    assert_eq!(unknown.status, 400);
    assert!(unknown.error_message().contains("NO-SUCH-SKU"));
    assert_eq!(store.number("SELECT COUNT(*) FROM offers").await, before);
    // Known SKUs (one named twice) make the offer's product set.
    let picked = save_offer(
        &store,
        &admin,
        &[
            ("range", "products"),
            ("skus", "TEST-0002, TEST-0004\nTEST-0002"),
        ],
    )
    .await;
    assert_eq!(picked.status, 200, "{:?}", picked.json);
    let id = picked.json.as_i64().unwrap();
    assert_eq!(
        store
            .number(&format!(
                "SELECT COUNT(*) FROM offer_products WHERE offer_id = {id}"
            ))
            .await,
        2
    );
    store
        .execute(&format!("DELETE FROM offer_products WHERE offer_id = {id}"))
        .await;
    store
        .execute(&format!("DELETE FROM offers WHERE id = {id}"))
        .await;
    let staff = store.staff(Some("staff")).await;
    assert_eq!(save_offer(&store, &staff, &[]).await.status, 403);
    assert_eq!(store.number("SELECT COUNT(*) FROM offers").await, before);
});

both_backends!(usage_limits_hold_and_cancelling_gives_uses_back, |store| {
    let admin = store.staff(Some("admin")).await;
    let offer = create_offer(
        &store,
        &admin,
        &[
            ("name", "Free shipping"),
            ("kind", "voucher"),
            ("benefit_kind", "free_shipping"),
        ],
    )
    .await;
    let once_each = add_code(
        &store,
        &admin,
        offer,
        &[
            ("form[code]", "SHIPFREE"),
            ("form[max_uses]", "2"),
            ("form[max_per_customer]", "1"),
        ],
    )
    .await;
    assert_eq!(once_each.status, 200);
    let uses = || store.number("SELECT uses FROM vouchers WHERE code = 'SHIPFREE'");

    // Erika's first order ships free; her second may not use it again.
    let first = shopper_with(&store, "TEST-0010", "1").await;
    let view = apply(&store, &first, "shipfree").await;
    assert_eq!(amount(&view["summary"]["offers"][0]["shipping"]), "4.90");
    let placed = place_with(&store, &first, "shipfree").await;
    assert_eq!(placed.status, 200, "{:?}", placed.json);
    let number = placed.json["Placed"]["number"].as_str().unwrap().to_owned();
    assert_eq!(uses().await, 1);
    let snapshot: String = server::with_db!(store.db(), |pool| sqlx::query_scalar::<_, String>(
        "SELECT snapshot FROM orders WHERE number = $1"
    )
    .bind(&number)
    .fetch_one(pool)
    .await)
    .unwrap();
    let snapshot: Value = serde_json::from_str(&snapshot).unwrap();
    assert_eq!(snapshot["summary"]["offers"][0]["voucher"], "SHIPFREE");
    assert_eq!(amount(&snapshot["summary"]["offers"][0]["amount"]), "4.90");

    let second = shopper_with(&store, "TEST-0012", "1").await;
    let view = apply(&store, &second, "SHIPFREE").await;
    assert!(
        view["voucher"]["message"]
            .as_str()
            .unwrap()
            .contains("already used")
    );
    let refused = place_with(&store, &second, "SHIPFREE").await;
    assert_eq!(refused.status, 400);
    assert_eq!(uses().await, 1);
    // Her basket is still there to order without the code.
    assert_eq!(store.item_count(&second).await, 1);

    // Cancelling the unpaid order gives the use back.
    let cancelled = store
        .admin_call(&admin, "orders/cancel", &[("number", &number)])
        .await;
    assert_eq!(cancelled.status, 200, "{:?}", cancelled.json);
    assert_eq!(uses().await, 0);
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM offer_redemptions WHERE returned_at IS NULL")
            .await,
        0
    );
    let placed = place_with(&store, &second, "SHIPFREE").await;
    assert_eq!(placed.status, 200, "{:?}", placed.json);

    // The total limit: another customer takes the second use, a third is refused.
    let other = store.shopper();
    let variant = store.variant_id("TEST-0014").await.to_string();
    assert_eq!(store.add(&other, &variant, "1").await.status, 200);
    let form = checkout_as("max@example.de", "SHIPFREE");
    assert_eq!(
        store.api(&other, "checkout/submit", &form).await.status,
        200
    );
    let third = shopper_with(&store, "TEST-0016", "1").await;
    let form = checkout_as("ada@example.de", "SHIPFREE");
    let refused = store.api(&third, "checkout/submit", &form).await;
    assert_eq!(refused.status, 400);
    assert!(
        refused.error_message().contains("usage limit"),
        "{}",
        refused.error_message()
    );
    assert_eq!(uses().await, 2);
});

both_backends!(exclusive_offers_do_not_combine, |store| {
    let admin = store.staff(Some("admin")).await;
    create_offer(
        &store,
        &admin,
        &[
            ("name", "Big sale"),
            ("benefit_value", "30"),
            ("exclusive", "on"),
            ("priority", "10"),
        ],
    )
    .await;
    create_offer(
        &store,
        &admin,
        &[("name", "Small sale"), ("benefit_value", "5")],
    )
    .await;
    let small = create_offer(
        &store,
        &admin,
        &[
            ("name", "Code five"),
            ("kind", "voucher"),
            ("benefit_value", "5"),
        ],
    )
    .await;
    assert_eq!(
        add_code(&store, &admin, small, &[("form[code]", "FIVE")])
            .await
            .status,
        200
    );
    let big = create_offer(
        &store,
        &admin,
        &[
            ("name", "Code fifty"),
            ("kind", "voucher"),
            ("benefit_value", "50"),
        ],
    )
    .await;
    assert_eq!(
        add_code(&store, &admin, big, &[("form[code]", "FIFTY")])
            .await
            .status,
        200
    );

    let client = shopper_with(&store, "TEST-0010", "1").await;
    let view = apply(&store, &client, "").await;
    let names: Vec<&str> = view["summary"]["offers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Big sale"], "the exclusive sale stands alone");
    let view = apply(&store, &client, "five").await;
    assert!(
        view["voucher"]["message"]
            .as_str()
            .unwrap()
            .contains("cannot be combined with Big sale")
    );
    let view = apply(&store, &client, "fifty").await;
    assert_eq!(view["voucher"]["applied"], true);
    let names: Vec<&str> = view["summary"]["offers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Code fifty"],
        "the code that saves more replaces the sale"
    );
});

both_backends!(codes_in_bulk_and_their_export, |store| {
    let admin = store.staff(Some("admin")).await;
    let offer = create_offer(
        &store,
        &admin,
        &[
            ("name", "Spring"),
            ("kind", "voucher"),
            ("benefit_value", "15"),
        ],
    )
    .await;
    let reply = add_code(
        &store,
        &admin,
        offer,
        &[
            ("form[count]", "1000"),
            ("form[prefix]", "spring"),
            ("form[max_uses]", "1"),
        ],
    )
    .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    assert_eq!(reply.json, 1000);
    assert_eq!(
        store
            .number("SELECT COUNT(DISTINCT code) FROM vouchers WHERE code LIKE 'SPRING-%'")
            .await,
        1000
    );
    let csv = store
        .get(&admin, &format!("/admin/offers/{offer}/codes.csv"))
        .await;
    assert_eq!(csv.status().as_u16(), 200);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let body = csv.text().await.unwrap();
    assert_eq!(body.lines().count(), 1001);
    assert!(body.lines().nth(1).unwrap().starts_with("SPRING-"));
    let staff = store.staff(Some("staff")).await;
    let refused = store
        .get(&staff, &format!("/admin/offers/{offer}/codes.csv"))
        .await;
    assert_eq!(refused.status().as_u16(), 403);
    let automatic = create_offer(&store, &admin, &[("name", "Auto"), ("benefit_value", "5")]).await;
    let wrong = add_code(&store, &admin, automatic, &[("form[code]", "AUTO")]).await;
    assert_eq!(wrong.status, 409);
    let too_many = add_code(&store, &admin, offer, &[("form[count]", "20000")]).await;
    assert_eq!(too_many.status, 400);
    // A generated code works at checkout; switched off, it no longer does.
    let code: String = server::with_db!(store.db(), |pool| sqlx::query_scalar::<_, String>(
        "SELECT code FROM vouchers WHERE code LIKE 'SPRING-%' ORDER BY id LIMIT 1"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    let client = shopper_with(&store, "TEST-0010", "1").await;
    let view = apply(&store, &client, &code.to_lowercase()).await;
    assert_eq!(view["voucher"]["applied"], true, "{}", view["voucher"]);
    let id = store
        .number(&format!("SELECT id FROM vouchers WHERE code = '{code}'"))
        .await
        .to_string();
    let switched = store
        .admin_call(
            &admin,
            "offers/code-activate",
            &[("id", &id), ("active", "false")],
        )
        .await;
    assert_eq!(switched.status, 200, "{:?}", switched.json);
    let view = apply(&store, &client, &code).await;
    assert_eq!(
        view["voucher"]["message"],
        "This voucher code is no longer valid."
    );
    let refused = place_with(&store, &client, &code).await;
    assert_eq!(refused.status, 400);
});

both_backends!(
    a_single_use_code_is_won_by_exactly_one_of_a_hundred,
    |store| {
        let admin = store.staff(Some("admin")).await;
        let offer = create_offer(
            &store,
            &admin,
            &[
                ("name", "Once"),
                ("kind", "voucher"),
                ("benefit_value", "50"),
            ],
        )
        .await;
        assert_eq!(
            add_code(
                &store,
                &admin,
                offer,
                &[("form[code]", "ONCE"), ("form[max_uses]", "1")]
            )
            .await
            .status,
            200
        );
        let variant = store.variant_id("TEST-0010").await.to_string();
        let mut shoppers = Vec::new();
        for _ in 0..100 {
            let client = store.shopper();
            assert_eq!(store.add(&client, &variant, "1").await.status, 200);
            let view = apply(&store, &client, "ONCE").await;
            assert_eq!(view["voucher"]["applied"], true);
            shoppers.push(client);
        }
        let store = std::sync::Arc::new(store);
        let attempts = shoppers.into_iter().map(|client| {
            let store = store.clone();
            tokio::spawn(async move {
                let reply = place_with(&store, &client, "ONCE").await;
                (reply.status, reply.error_message(), client)
            })
        });
        let results = futures::future::join_all(attempts).await;
        let mut won = 0;
        for result in results {
            let (status, message, client) = result.unwrap();
            if status == 200 {
                won += 1;
            } else {
                assert_eq!(status, 400, "{message}");
                assert!(message.contains("usage limit"), "{message}");
                assert_eq!(
                    store.item_count(&client).await,
                    1,
                    "the basket is unchanged"
                );
            }
        }
        assert_eq!(won, 1);
        assert_eq!(store.number("SELECT COUNT(*) FROM orders").await, 1);
        assert_eq!(
            store
                .number("SELECT uses FROM vouchers WHERE code = 'ONCE'")
                .await,
            1
        );
        assert_eq!(
            store.number("SELECT COUNT(*) FROM offer_redemptions").await,
            1
        );
        assert_eq!(
            store
                .number("SELECT COUNT(*) FROM baskets WHERE status = 'open'")
                .await,
            99
        );
    }
);

both_backends!(
    guessing_codes_is_throttled_per_client,
    configured(|config| config.voucher_attempt_limit = 5),
    |store| {
        let admin = store.staff(Some("admin")).await;
        let offer = create_offer(&store, &admin, &[("name", "Real"), ("kind", "voucher")]).await;
        assert_eq!(
            add_code(&store, &admin, offer, &[("form[code]", "REAL")])
                .await
                .status,
            200
        );
        let client = shopper_with(&store, "TEST-0010", "1").await;
        // A real code, entered again and again, never counts.
        for _ in 0..8 {
            assert_eq!(
                apply(&store, &client, "REAL").await["voucher"]["applied"],
                true
            );
            apply(&store, &client, "").await;
        }
        for i in 0..5 {
            let view = apply(&store, &client, &format!("GUESS{i}")).await;
            assert_eq!(view["voucher"]["applied"], false);
        }
        let mut form = checkout_form("DE");
        form.retain(|(name, _)| *name != "intent");
        form.extend([("intent", "update"), ("voucher", "GUESS5")]);
        let refused = store.api(&client, "checkout/submit", &form).await;
        assert_eq!(refused.status, 429);
        assert!(
            refused
                .error_message()
                .contains("Too many unknown voucher codes")
        );
        // Over the limit, even a real code waits, and the form keeps the last code.
        form.retain(|(name, _)| *name != "voucher");
        form.push(("voucher", "REAL"));
        assert_eq!(
            store.api(&client, "checkout/submit", &form).await.status,
            429
        );
        let view = store.api(&client, "checkout/view", &[]).await.json;
        assert_eq!(view["draft"]["voucher"], "GUESS4");
    }
);
