//! The server binary's command line: migrate and an idempotent catalog import.

mod support;
use std::process::Command;

fn run_cli(database_url: &str, args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "error")
        .output()
        .expect("run the server binary");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

both_backends!(import_catalog_is_idempotent_by_sku, |store| {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("catalog.csv");
    std::fs::write(&csv, support::fixture_csv().replace("TEST-", "CLI-")).unwrap();
    let csv = csv.to_str().unwrap();
    let (ok, out, err) = run_cli(&store.database_url, &["migrate"]);
    assert!(ok, "{err}");
    assert!(out.contains("database is up to date"));
    let (ok, out, err) = run_cli(&store.database_url, &["import-catalog", csv]);
    assert!(ok, "{err}");
    assert!(out.contains("30 created, 0 updated, 2 categories"), "{out}");
    let (ok, out, _) = run_cli(&store.database_url, &["import-catalog", csv]);
    assert!(ok);
    assert!(out.contains("0 created, 30 updated"), "{out}");
});

both_backends!(a_broken_catalog_is_refused_whole, |store| {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("broken.csv");
    let text = support::fixture_csv().replace("TEST-0004,Item 04", "NEW-0001,New Item")
        + "NEW-0002,Bad,Desc,Garden,abc,1,0\n";
    std::fs::write(&csv, text).unwrap();
    let (ok, _, err) = run_cli(
        &store.database_url,
        &["import-catalog", csv.to_str().unwrap()],
    );
    assert!(!ok);
    assert!(err.contains("line 32: price_usd"), "{err}");
    let count: i64 = server::with_db!(store.db(), |pool| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM products WHERE sku LIKE 'NEW-%'"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    assert_eq!(count, 0);
});
