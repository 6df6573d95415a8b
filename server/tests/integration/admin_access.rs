//! Who may use the merchant admin: every admin server function, enumerated
//! from the server's own registry, refuses anonymous visitors and
//! customers; staff without a permission are refused by the function
//! itself; admin pages send anonymous visitors to sign in.

use crate::support::{Backend, TestStore};
use std::collections::BTreeSet;

/// Every admin server function and the permission it needs. A function
/// missing here (or listed but gone) fails the suite, so a new one cannot
/// be added without deciding who may call it.
const ADMIN_FUNCTIONS: &[(&str, &str)] = &[
    ("/api/admin/me", "orders"),
    ("/api/admin/dashboard", "orders"),
    ("/api/admin/audit", "settings"),
    ("/api/admin/settings/show", "orders"),
    ("/api/admin/settings/save", "settings"),
    ("/api/admin/settings/overview", "settings"),
    ("/api/admin/settings/store", "settings"),
    ("/api/admin/settings/tax/save", "settings"),
    ("/api/admin/settings/tax/delete", "settings"),
    ("/api/admin/settings/shipping/save", "settings"),
    ("/api/admin/settings/payments", "settings"),
    ("/api/admin/jobs/list", "orders"),
    ("/api/admin/jobs/retry", "orders"),
    ("/api/admin/jobs/discard", "orders"),
    ("/api/admin/delivery/show", "orders"),
    ("/api/admin/delivery/renew-download", "orders"),
    ("/api/admin/delivery/ship", "orders"),
    ("/api/admin/payments/ledger", "orders"),
    ("/api/admin/payments/record", "orders"),
    ("/api/admin/payments/mark-paid", "orders"),
    ("/api/admin/payments/refund", "refunds"),
    ("/api/admin/customers/list", "orders"),
    ("/api/admin/customers/show", "orders"),
    ("/api/admin/orders/list", "orders"),
    ("/api/admin/orders/show", "orders"),
    ("/api/admin/orders/note", "orders"),
    ("/api/admin/orders/cancel", "orders"),
    ("/api/admin/orders/resend-email", "orders"),
    ("/api/admin/stock/low", "stock"),
    ("/api/admin/stock/show", "stock"),
    ("/api/admin/stock/adjust", "stock"),
    ("/api/admin/stock/release", "stock"),
    ("/api/admin/stock/unit", "stock"),
    ("/api/admin/categories/list", "catalog"),
    ("/api/admin/categories/save", "catalog"),
    ("/api/admin/catalogs/save", "catalog"),
    ("/api/admin/products/list", "catalog"),
    ("/api/admin/products/editor", "catalog"),
    ("/api/admin/products/save", "catalog"),
    ("/api/admin/products/activate", "catalog"),
    ("/api/admin/products/image-alt", "catalog"),
    ("/api/admin/products/image-up", "catalog"),
    ("/api/admin/products/image-delete", "catalog"),
    ("/api/admin/products/variant-delete", "catalog"),
    ("/api/admin/offers/list", "offers"),
    ("/api/admin/offers/editor", "offers"),
    ("/api/admin/offers/save", "offers"),
    ("/api/admin/offers/activate", "offers"),
    ("/api/admin/offers/codes", "offers"),
    ("/api/admin/offers/code-activate", "offers"),
];

/// Arguments every admin function can decode, naming nothing that
/// exists, so a call that gets past the permission check changes nothing.
const HARMLESS: &[(&str, &str)] = &[
    ("number", "2099-99999"),
    ("id", "999999"),
    ("image", "999999"),
    ("alt", ""),
    ("active", "true"),
    ("amount", "1.00"),
    ("reference", ""),
    ("link", "999999"),
    ("reset", "on"),
    ("extend_days", "1"),
    ("carrier", ""),
    ("tracking_number", "T"),
    ("body", "note"),
    ("page", "1"),
    ("status", ""),
    ("order", ""),
    ("filter[q]", ""),
    ("form[sku]", ""),
    ("details[store_name]", "Renamed"),
    ("product", "999999"),
    ("variant", "999999"),
    ("basket", "999999"),
    ("delta", "1"),
    ("reason", "count"),
    ("q", ""),
    ("slug", "harmless"),
    ("name", "Harmless"),
    ("key", "harmless"),
    ("parent", ""),
    ("position", "1"),
    ("country", "ZZ"),
    ("tax_class", "harmless"),
    ("percent", "1"),
    ("code", "no-such-provider"),
    ("enabled", "true"),
    ("kind", "confirmation"),
];

fn registered_admin_functions() -> BTreeSet<String> {
    leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .filter(|path| path.starts_with("/api/admin/"))
        .collect()
}

#[test]
fn every_admin_function_is_listed() {
    let listed: BTreeSet<String> = ADMIN_FUNCTIONS
        .iter()
        .map(|(p, _)| (*p).to_owned())
        .collect();
    assert_eq!(registered_admin_functions(), listed);
}

async fn call(store: &TestStore, client: &reqwest::Client, path: &str) -> u16 {
    client
        .post(store.url(path))
        .header("origin", store.url(""))
        .header("accept", "application/json")
        .form(HARMLESS)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn role_matrix(backend: Backend) {
    let store = TestStore::start(backend).await;
    let anonymous = store.shopper();
    let customer = store.staff(None).await;
    let staff = store.staff(Some("staff")).await;
    let admin = store.staff(Some("admin")).await;
    for (path, permission) in ADMIN_FUNCTIONS {
        assert_eq!(
            call(&store, &anonymous, path).await,
            403,
            "anonymous {path}"
        );
        assert_eq!(call(&store, &customer, path).await, 403, "customer {path}");
        // Allowed calls reach the function: it answers, or refuses the
        // harmless arguments as unknown or invalid, but never fails.
        let reached = |status: u16| matches!(status, 200 | 400 | 404 | 409);
        let staff_status = call(&store, &staff, path).await;
        if matches!(*permission, "orders" | "stock") {
            assert!(reached(staff_status), "staff {path}: {staff_status}");
        } else {
            assert_eq!(staff_status, 403, "staff {path}");
        }
        let admin_status = call(&store, &admin, path).await;
        assert!(reached(admin_status), "admin {path}: {admin_status}");
    }
    // Nothing the refused calls named was changed.
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM store_settings WHERE value = 'Renamed'")
            .await,
        1,
        "only the admin's settings call saved"
    );
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM audit_log WHERE action = 'settings.store'")
            .await,
        1
    );
}
crate::each_backend!(role_matrix_over_every_admin_function, role_matrix);

async fn pages_and_uploads(backend: Backend) {
    let store = TestStore::start(backend).await;
    let anonymous = store.shopper();
    for path in [
        "/admin",
        "/admin/orders",
        "/admin/products/new",
        "/admin/audit",
    ] {
        let response = anonymous.get(store.url(path)).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 303, "{path}");
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        assert!(
            location.starts_with("/account/sign-in?next=%2Fadmin"),
            "{location}"
        );
    }
    let customer = store.staff(None).await;
    let (status, body) = store.page(&customer, "/admin/orders").await;
    assert_eq!(status, 403);
    assert!(body.contains("for its staff"));
    let upload = reqwest::multipart::Form::new().part(
        "image",
        reqwest::multipart::Part::bytes(b"x".to_vec()).file_name("x.png"),
    );
    let refused = customer
        .post(store.url("/admin/products/1/images"))
        .header("origin", store.url(""))
        .multipart(upload)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status().as_u16(), 403);
    // Staff may not change the catalog: the upload handler checks that
    // itself, past the gate that lets staff through.
    let staff = store.staff(Some("staff")).await;
    let product = store.number("SELECT MIN(id) FROM products").await;
    let picture = reqwest::multipart::Form::new().part(
        "image",
        reqwest::multipart::Part::bytes(b"x".to_vec()).file_name("x.png"),
    );
    let refused = staff
        .post(store.url(&format!("/admin/products/{product}/images")))
        .header("origin", store.url(""))
        .multipart(picture)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status().as_u16(), 403);
    assert_eq!(store.number("SELECT COUNT(*) FROM product_images").await, 0);
    let admin = store.staff(Some("admin")).await;
    let (status, body) = store.page(&admin, "/admin/orders").await;
    assert_eq!(status, 200);
    assert!(
        body.contains("Order workflow"),
        "the orders page draws the workflow"
    );
}
crate::each_backend!(admin_pages_need_staff, pages_and_uploads);
