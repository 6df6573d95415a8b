//! Serial units by hand over HTTP: adding units to a variant (which then
//! counts its stock by unit), unique serial numbers per product, own
//! prices and notes, and status changes that move the stock; units sold
//! with an order or held by a basket are not changed by hand.

use crate::support::TestStore;

async fn save_unit(
    store: &TestStore,
    client: &reqwest::Client,
    form: &[(&str, &str)],
) -> crate::support::ApiReply {
    store.admin_call(client, "stock/unit", form).await
}

fn unit<'a>(
    variant: &'a str,
    unit: &'a str,
    serial: &'a str,
    price: &'a str,
    status: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("variant", variant),
        ("unit", unit),
        ("serial_number", serial),
        ("notes", "boxed"),
        ("price", price),
        ("status", status),
    ]
}

both_backends!(serial_units_are_added_and_edited_by_hand, |store| {
    let staff = store.staff(Some("staff")).await;
    let empty = store.variant_id("TEST-0001").await.to_string();
    let stocked = store.variant_id("TEST-0003").await.to_string();
    let on_hand = |v: &str| format!("SELECT stock_on_hand FROM variants WHERE id = {v}");

    // A variant with stock on hand stays counted by quantity.
    let reply = save_unit(&store, &staff, &unit(&stocked, "", "SN-1", "", "available")).await;
    assert_eq!(reply.status, 409, "{:?}", reply.json);
    assert!(reply.error_message().contains("take its stock to 0"));
    assert_eq!(store.number("SELECT COUNT(*) FROM serial_units").await, 0);

    for (serial, price, status) in [
        ("", "", "available"),
        ("SN-1", "12,00", "available"),
        ("SN-1", "", "lost"),
        ("SN-1", "", "reserved"),
    ] {
        let reply = save_unit(&store, &staff, &unit(&empty, "", serial, price, status)).await;
        assert_eq!(
            reply.status, 400,
            "{serial} {price} {status}: {:?}",
            reply.json
        );
    }
    assert_eq!(
        save_unit(&store, &staff, &unit("999999", "", "SN-1", "", "available"))
            .await
            .status,
        404
    );
    assert_eq!(store.number("SELECT COUNT(*) FROM serial_units").await, 0);

    let reply = save_unit(
        &store,
        &staff,
        &unit(&empty, "", "SN-1", "249.00", "available"),
    )
    .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    assert_eq!(store.number(&on_hand(&empty)).await, 1);
    assert_eq!(
        store
            .number(&format!(
                "SELECT COUNT(*) FROM variants WHERE id = {empty} AND stock_kind = 'serial'"
            ))
            .await,
        1
    );
    assert_eq!(
        store
            .number("SELECT price_minor FROM serial_units WHERE serial_number = 'SN-1'")
            .await,
        24_900
    );
    let again = save_unit(&store, &staff, &unit(&empty, "", "SN-1", "", "available")).await;
    assert_eq!(again.status, 409);
    assert!(again.error_message().contains("SN-1"));
    assert_eq!(
        save_unit(&store, &staff, &unit(&empty, "", "SN-2", "", "available"))
            .await
            .status,
        200
    );
    assert_eq!(store.number(&on_hand(&empty)).await, 2);

    // The shop page now offers the units, SN-1 at its own price.
    let (_, page) = store.page(&store.shopper(), "/product/item-01").await;
    assert!(
        page.contains("SN-1") && page.contains("$249.00"),
        "units on the product page"
    );

    // Sold by hand, the unit leaves the stock; back again, it returns.
    let sn2 = store
        .number("SELECT id FROM serial_units WHERE serial_number = 'SN-2'")
        .await
        .to_string();
    let reply = save_unit(&store, &staff, &unit(&empty, &sn2, "SN-2", "", "sold")).await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    assert_eq!(store.number(&on_hand(&empty)).await, 1);
    assert_eq!(
        save_unit(
            &store,
            &staff,
            &unit(&empty, &sn2, "SN-2B", "99", "available")
        )
        .await
        .status,
        200
    );
    assert_eq!(store.number(&on_hand(&empty)).await, 2);
    assert_eq!(
        store.number("SELECT COUNT(*) FROM serial_units WHERE serial_number = 'SN-2B' AND notes = 'boxed' AND price_minor = 9900").await,
        1
    );
    // Renaming onto another unit's number is refused; so is a unit of
    // another variant.
    assert_eq!(
        save_unit(&store, &staff, &unit(&empty, &sn2, "SN-1", "", "available"))
            .await
            .status,
        409
    );
    assert_eq!(
        save_unit(
            &store,
            &staff,
            &unit(&stocked, &sn2, "SN-9", "", "available")
        )
        .await
        .status,
        404
    );
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM serial_units WHERE serial_number = 'SN-9'")
            .await,
        0
    );

    // A unit in a basket is the basket's until released.
    let shopper = store.shopper();
    let sn1 = store
        .number("SELECT id FROM serial_units WHERE serial_number = 'SN-1'")
        .await
        .to_string();
    let added = store
        .api(
            &shopper,
            "basket/add",
            &[("variant_id", &empty), ("quantity", "1"), ("unit", &sn1)],
        )
        .await;
    assert_eq!(added.status, 200, "{:?}", added.json);
    let held = save_unit(&store, &staff, &unit(&empty, &sn1, "SN-1", "249", "sold")).await;
    assert_eq!(held.status, 409);
    assert!(held.error_message().contains("basket"));

    // Held for an order, it comes back only through the order.
    let placed = store.place_order(&shopper, "DE").await;
    assert_eq!(placed.status, 200, "{:?}", placed.json);
    let back = save_unit(
        &store,
        &staff,
        &unit(&empty, &sn1, "SN-1", "249", "available"),
    )
    .await;
    assert_eq!(back.status, 409);
    assert!(back.error_message().contains("order"));

    let movements = store
        .number(&format!(
            "SELECT COUNT(*) FROM stock_movements WHERE variant_id = {empty}"
        ))
        .await;
    assert_eq!(movements, 4, "two added, one sold by hand, one back");
    assert_eq!(
        store.number("SELECT COUNT(*) FROM audit_log WHERE action IN ('stock.unit.add', 'stock.unit.edit')").await,
        4
    );
    // The stock page lists each unit with its own form.
    let (status, page) = store
        .page(
            &staff,
            &format!(
                "/admin/products/{}/stock",
                store
                    .number(&format!(
                        "SELECT product_id FROM variants WHERE id = {empty}"
                    ))
                    .await
            ),
        )
        .await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Save unit SN-2B") && page.contains("Add unit"),
        "{page}"
    );
});
