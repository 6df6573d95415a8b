//! Importing the catalog CSV: the demo catalog loads, and re-imports update by SKU.

use server::catalog::{import_catalog, parse_catalog_csv};

async fn product_count(store: &crate::support::TestStore) -> i64 {
    server::with_db!(store.db(), |pool| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM products"
    )
    .fetch_one(pool)
    .await)
    .unwrap()
}

both_backends!(reimport_updates_by_sku, |store| {
    assert_eq!(product_count(&store).await, 30);
    let changed = crate::support::fixture_csv().replace(
        "TEST-0005,Item 05,Description of item 5.,Office Supplies,5.05,100",
        "TEST-0005,Item 05,New words.,Office Supplies,6.00,7",
    );
    let rows = parse_catalog_csv(&changed).unwrap();
    let report = import_catalog(store.db(), &rows, 2).await.unwrap();
    assert_eq!((report.created, report.updated), (0, 30));
    assert_eq!(product_count(&store).await, 30);
    let (_, html) = store.page(&store.shopper(), "/product/item-05").await;
    assert!(html.contains("$6.00") && html.contains("New words.") && html.contains("In stock"));
});

both_backends!(the_demo_catalog_imports_with_its_20_categories, |store| {
    let text = include_str!("../../seed/catalog-2000.csv");
    let rows = parse_catalog_csv(text).unwrap();
    let report = import_catalog(store.db(), &rows, 3).await.unwrap();
    assert_eq!(report.created, 2000);
    assert_eq!(report.categories, 20);
    let again = import_catalog(store.db(), &rows, 4).await.unwrap();
    assert_eq!((again.created, again.updated), (0, 2000));
    assert_eq!(product_count(&store).await, 2030);
    let (_, html) = store.page(&store.shopper(), "/").await;
    assert!(html.contains("2030 products"));
});
