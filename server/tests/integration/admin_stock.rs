//! Stock by hand over HTTP: adjustments with a reason that can never take
//! stock below what is reserved (also under racing clerks), and releasing
//! a basket's reservation.

use crate::support::{Backend, TestStore};

async fn adjust(
    store: &TestStore,
    client: &reqwest::Client,
    variant: &str,
    delta: &str,
    reason: &str,
) -> u16 {
    store
        .admin_call(
            client,
            "stock/adjust",
            &[("variant", variant), ("delta", delta), ("reason", reason)],
        )
        .await
        .status
}

async fn on_hand(store: &TestStore, variant: &str) -> i64 {
    store
        .number(&format!(
            "SELECT stock_on_hand FROM variants WHERE id = {variant}"
        ))
        .await
}

async fn stock_by_hand(backend: Backend) {
    let store = TestStore::start(backend).await;
    let staff = store.staff(Some("staff")).await;
    let shopper = store.shopper();
    let variant = store.variant_id("TEST-0003").await.to_string();
    assert_eq!(store.add(&shopper, &variant, "3").await.status, 200);

    for (delta, reason) in [
        ("0", "count"),
        ("lots", "count"),
        ("5", ""),
        ("99999999999", "count"),
    ] {
        assert_eq!(
            adjust(&store, &staff, &variant, delta, reason).await,
            400,
            "{delta} {reason:?}"
        );
    }
    // 100 on hand, 3 reserved: taking 98 would leave 2.
    assert_eq!(
        adjust(&store, &staff, &variant, "-98", "breakage").await,
        409
    );
    assert_eq!(on_hand(&store, &variant).await, 100);
    assert_eq!(
        adjust(&store, &staff, &variant, "-97", "breakage").await,
        200
    );
    assert_eq!(on_hand(&store, &variant).await, 3);
    assert_eq!(
        adjust(&store, &staff, &variant, "+7", "delivery 42").await,
        200
    );
    assert_eq!(on_hand(&store, &variant).await, 10);

    // Twenty clerks take one each from the 7 free units at once.
    let mut racing = Vec::new();
    for _ in 0..20 {
        let (store, staff, variant) = (&store, staff.clone(), variant.clone());
        racing.push(async move { adjust(store, &staff, &variant, "-1", "stocktake").await });
    }
    let outcomes = futures::future::join_all(racing).await;
    assert_eq!(
        outcomes.iter().filter(|s| **s == 200).count(),
        7,
        "{outcomes:?}"
    );
    assert!(
        outcomes.iter().all(|s| *s == 200 || *s == 409),
        "{outcomes:?}"
    );
    assert_eq!(on_hand(&store, &variant).await, 3);

    let product = store
        .number("SELECT product_id FROM variants WHERE sku = 'TEST-0003'")
        .await
        .to_string();
    let view = store
        .admin_call(&staff, "stock/show", &[("product", &product)])
        .await;
    assert_eq!(view.status, 200, "{:?}", view.json);
    assert_eq!(view.json["variants"][0]["on_hand"], 3);
    assert_eq!(view.json["variants"][0]["reserved"], 3);
    assert_eq!(view.json["movements"].as_array().unwrap().len(), 9);
    assert_eq!(view.json["movements"][8]["reason"], "breakage");
    assert_eq!(view.json["movements"][8]["delta"], -97);
    let basket = view.json["reservations"][0]["basket"]
        .as_i64()
        .unwrap()
        .to_string();
    assert_eq!(view.json["reservations"][0]["quantity"], 3);
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM audit_log WHERE action = 'stock.adjust'")
            .await,
        9
    );

    // Releasing the basket's hold frees the stock; the line stays.
    let released = store
        .admin_call(
            &staff,
            "stock/release",
            &[("basket", &basket), ("variant", &variant)],
        )
        .await;
    assert_eq!(released.status, 200, "{:?}", released.json);
    assert_eq!(
        store
            .number(&format!(
                "SELECT reserved FROM variants WHERE id = {variant}"
            ))
            .await,
        0
    );
    assert_eq!(
        store.number(&format!("SELECT quantity FROM basket_lines WHERE basket_id = {basket} AND variant_id = {variant}")).await,
        3
    );
    let again = store
        .admin_call(
            &staff,
            "stock/release",
            &[("basket", &basket), ("variant", &variant)],
        )
        .await;
    assert_eq!(again.status, 409);
    let audit = server::orders::audit_stock(store.db()).await.unwrap();
    assert!(audit.mismatches.is_empty(), "{:?}", audit.mismatches.len());

    // Units counted by serial number change with their units only.
    store.featured().await;
    let serial = store
        .number("SELECT COALESCE(MIN(id), 0) FROM variants WHERE stock_kind = 'serial'")
        .await;
    assert!(
        serial > 0,
        "the featured products have serial-numbered units"
    );
    let units = format!("SELECT stock_on_hand FROM variants WHERE id = {serial}");
    let before = store.number(&units).await;
    assert_eq!(
        adjust(&store, &staff, &serial.to_string(), "1", "found one").await,
        409
    );
    assert_eq!(store.number(&units).await, before);
    let low = store.admin_call(&staff, "stock/low", &[]).await;
    let low: Vec<&str> = low
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["sku"].as_str().unwrap())
        .collect();
    assert!(
        low.contains(&"TEST-0003") && !low.contains(&"TEST-0005"),
        "{low:?}"
    );
}
crate::each_backend!(stock_adjustments_and_reservations, stock_by_hand);
