//! The page cache: visitors without a session get catalog pages from
//! memory, each with a fresh nonce that matches its policy; an admin edit
//! is visible at once; a visitor with a session is always rendered for.

use crate::support::{Backend, TestStore};

const PAGE: &str = "/product/item-02";

/// (hit, nonce of the policy, body) of an anonymous visit.
async fn visit(store: &TestStore, path: &str) -> (bool, String, String) {
    let response = reqwest::Client::new()
        .get(store.url(path))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let hit = response.headers().get("x-cache").is_some();
    let nonce = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap()
        .to_owned();
    (hit, nonce, response.text().await.unwrap())
}

async fn cached(backend: Backend) {
    let store = TestStore::start_configured(backend, |config| config.page_cache_ms = 60_000).await;

    // Other tests in this process edit their catalogs too, which empties
    // this cache; a few visits find a kept page all the same.
    let (mut hit, mut nonce, mut body) = visit(&store, PAGE).await;
    let mut previous = (nonce.clone(), body.clone());
    for _ in 0..50 {
        if hit {
            break;
        }
        previous = (nonce, body);
        (hit, nonce, body) = visit(&store, PAGE).await;
    }
    assert!(hit, "a second anonymous visit is answered from memory");
    assert_ne!(nonce, previous.0, "every answer has its own nonce");
    let scripts = body.matches("<script").count();
    assert!(scripts >= 1);
    assert_eq!(
        body.matches(&format!("nonce=\"{nonce}\"")).count(),
        scripts,
        "the page's scripts carry the policy's nonce"
    );
    assert!(!body.contains(&previous.0), "no trace of the kept nonce");
    assert_eq!(
        body.replace(&nonce, ""),
        previous.1.replace(&previous.0, "")
    );
    assert!(body.contains("Only 3 left"));

    // A shopper with a session gets a fresh render.
    let shopper = store.shopper();
    let variant = store
        .number(
            "SELECT v.id FROM variants v JOIN products p ON p.id = v.product_id \
             WHERE p.slug = 'item-02'",
        )
        .await;
    assert_eq!(
        store.add(&shopper, &variant.to_string(), "1").await.status,
        200
    );
    let response = shopper.get(store.url(PAGE)).send().await.unwrap();
    assert!(response.headers().get("x-cache").is_none());
    assert!(response.text().await.unwrap().contains("Only 2 left"));

    // An admin's stock correction shows to anonymous visitors at once.
    let admin = store.staff(Some("admin")).await;
    let adjusted = store
        .admin_call(
            &admin,
            "stock/adjust",
            &[
                ("variant", &variant.to_string()),
                ("delta", "-2"),
                ("reason", "breakage"),
            ],
        )
        .await;
    assert_eq!(adjusted.status, 200, "{:?}", adjusted.json);
    let (_, _, body) = visit(&store, PAGE).await;
    assert!(body.contains("Sold out"), "the edit emptied the cache");

    // The basket and other pages are never shared.
    for _ in 0..2 {
        let response = reqwest::Client::new()
            .get(store.url("/basket"))
            .send()
            .await
            .unwrap();
        assert!(response.headers().get("x-cache").is_none());
    }
}

crate::each_backend!(anonymous_catalog_pages_are_shared_briefly, cached);
