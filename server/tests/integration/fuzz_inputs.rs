//! Every server function and form route, called over and over with
//! arbitrary arguments:
//! huge and negative numbers, malformed money and dates, long, binary and
//! hostile strings, unknown ids. None may fail with a 5xx, and a call that
//! is refused (4xx) may change nothing in the store.

use crate::support::TestStore;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Calls per function, for an admin and for an anonymous shopper each.
const CASES: usize = 12;

/// Argument names the store's functions take, flat and nested.
const KEYS: &[&str] = &[
    "variant_id",
    "quantity",
    "unit_id",
    "slug",
    "id",
    "number",
    "token",
    "email",
    "password",
    "code",
    "active",
    "amount",
    "reference",
    "intent",
    "voucher",
    "shipping_country",
    "shipping_method",
    "payment_method",
    "query[text]",
    "query[page]",
    "query[min_price]",
    "query[category]",
    "form[id]",
    "form[name]",
    "form[sku]",
    "form[kind]",
    "form[range]",
    "form[benefit_value]",
    "form[condition_value]",
    "form[offer]",
    "form[count]",
    "form[code]",
    "form[max_uses]",
    "form[variants][0][sku]",
    "form[variants][0][prices]",
    "settings[currency]",
    "settings[reservation_minutes]",
    "filter[q]",
    "filter[page]",
    "live[shipping_country]",
    "country",
    "tax_class",
    "percent",
    "delta",
    "reason",
    "variant",
    "basket",
    "product",
    "image",
    "alt",
    "locale",
    "name",
    "key",
    "parent",
    "position",
    "body",
    "kind",
    "page",
    "status",
    "carrier",
    "tracking_number",
    "link",
    "extend_days",
];

fn value(rng: &mut StdRng) -> String {
    let pool: &[&str] = &[
        "",
        "0",
        "-1",
        "1",
        "2",
        "999999",
        "-999999999999",
        "99999999999999999999999999",
        "1e309",
        "NaN",
        "12.345",
        "-0.01",
        "0.001",
        "1,5",
        "$5",
        "2026-13-45",
        "true",
        "on",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "🦀漢字",
        "\u{0}",
        "%00",
        "../../etc/passwd",
        "DE",
        "ZZ",
        "standard",
        "bank_transfer",
        "place",
        "update",
        "all",
        "category:1",
        "products",
        "percent",
        "voucher",
        "TEST-0005",
    ];
    match rng.random_range(0..10) {
        0 => "x".repeat(rng.random_range(100..20_000)),
        1 => (0..rng.random_range(1..40))
            .map(|_| char::from_u32(rng.random_range(1..0x3000)).unwrap_or('?'))
            .collect(),
        2 => rng.random::<i64>().to_string(),
        _ => pool[rng.random_range(0..pool.len())].to_owned(),
    }
}

/// Counts that any accepted change would move. Jobs are left out: the
/// store's own background work adds them at any time.
async fn fingerprint(store: &TestStore) -> Vec<i64> {
    let mut counts = Vec::new();
    for table in [
        "orders",
        "order_events",
        "order_notes",
        "basket_lines",
        "basket_units",
        "products",
        "variants",
        "variant_prices",
        "serial_units",
        "categories",
        "catalogs",
        "offers",
        "vouchers",
        "offer_redemptions",
        "users",
        "customers",
        "tax_rates",
        "shipping_methods",
        "store_settings",
        "stock_movements",
        "payment_attempts",
        "product_images",
    ] {
        counts.push(store.number(&format!("SELECT COUNT(*) FROM {table}")).await);
    }
    counts.push(
        store
            .number(
                "SELECT CAST(COALESCE(SUM(stock_on_hand + reserved), 0) AS BIGINT) FROM variants",
            )
            .await,
    );
    counts.push(
        store
            .number("SELECT CAST(COALESCE(SUM(quantity), 0) AS BIGINT) FROM basket_lines")
            .await,
    );
    counts
}

async fn fuzz_every_function(backend: crate::support::Backend) {
    let store = TestStore::start(backend).await;
    let admin = store.staff(Some("admin")).await;
    let shopper = store.shopper();
    let variant = store.variant_id("TEST-0005").await.to_string();
    assert_eq!(store.add(&shopper, &variant, "1").await.status, 200);
    let mut paths: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect();
    // The form routes outside the server functions: the test processor's
    // page, payment webhooks (unsigned here) and the uploads.
    let product = store.number("SELECT MIN(id) FROM products").await;
    paths.extend([
        "/testpay/pay".to_owned(),
        "/payments/testpay/notify".to_owned(),
        "/payments/stripe/notify".to_owned(),
        "/payments/btcpay/notify".to_owned(),
        "/payments/nosuch/notify".to_owned(),
        format!("/admin/products/{product}/images"),
        format!("/admin/products/{product}/file"),
    ]);
    paths.sort();
    paths.dedup();
    let mut rng = StdRng::seed_from_u64(0x5eed_f00d);
    let mut calls = 0usize;
    for path in &paths {
        for case in 0..CASES * 2 {
            let client = if case % 2 == 0 { &admin } else { &shopper };
            let form: Vec<(String, String)> = (0..rng.random_range(0..8))
                .map(|_| {
                    (
                        KEYS[rng.random_range(0..KEYS.len())].to_owned(),
                        value(&mut rng),
                    )
                })
                .collect();
            let before = fingerprint(&store).await;
            let request = client
                .post(store.url(path))
                .header("origin", store.url(""))
                .header("accept", "application/json");
            // Webhooks and the test processor take raw bodies; give some of
            // them JSON-looking garbage too.
            let request = if case % 3 == 2 {
                request
                    .header("content-type", "application/json")
                    .body(value(&mut rng))
            } else {
                request.form(&form)
            };
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            let body = response.text().await.unwrap_or_default();
            assert!(status < 500, "{path} {form:?}: {status} {body}");
            if status >= 400 {
                assert_eq!(
                    fingerprint(&store).await,
                    before,
                    "{path} {form:?} was refused ({status}) but changed data"
                );
            }
            calls += 1;
        }
    }
    assert_eq!(
        reqwest::get(store.url("/healthz"))
            .await
            .unwrap()
            .status()
            .as_u16(),
        200,
        "the store still answers"
    );
    println!(
        "fuzzed {calls} calls over {} server functions and form routes",
        paths.len()
    );
    assert!(calls >= 1_000, "{calls}");
}
crate::each_backend!(
    every_server_function_survives_arbitrary_input,
    fuzz_every_function
);
