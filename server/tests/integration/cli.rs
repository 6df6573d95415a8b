//! The server binary's command line: migrate, and idempotent catalog
//! imports and setup files.

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
    std::fs::write(&csv, crate::support::fixture_csv().replace("TEST-", "CLI-")).unwrap();
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
    let text = crate::support::fixture_csv().replace("TEST-0004,Item 04", "NEW-0001,New Item")
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

both_backends!(setup_products_applies_toml_and_json_by_key, |store| {
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join("shop.toml");
    std::fs::write(
        &toml,
        r#"
        [[categories]]
        key = "tea"
        name = "Tea"

        [[products]]
        key = "TEA-1"
        name = "Green tea"
        categories = ["tea"]
        translations.de = { name = "Grüner Tee" }

        [[products.variants]]
        sku = "TEA-1-50G"
        options = { size = "50 g" }
        stock = 9
        prices = [{ currency = "USD", amount = "4.50" }]
        "#,
    )
    .unwrap();
    let toml = toml.to_str().unwrap();
    let (ok, out, err) = run_cli(&store.database_url, &["setup-products", toml]);
    assert!(ok, "{err}");
    assert!(
        out.contains("1 products created, 0 updated, 1 categories"),
        "{out}"
    );
    let (ok, out, _) = run_cli(&store.database_url, &["setup-products", toml]);
    assert!(ok && out.contains("0 products created, 1 updated"), "{out}");

    let json = dir.path().join("more.json");
    std::fs::write(
        &json,
        r#"{"products":[{"key":"TEA-1","name":"Green tea","categories":["tea"],
            "variants":[{"sku":"TEA-1-50G","stock":12,"prices":[{"currency":"USD","amount":"4.75"}]}]}]}"#,
    )
    .unwrap();
    let (ok, out, err) = run_cli(
        &store.database_url,
        &["setup-products", json.to_str().unwrap()],
    );
    assert!(ok && out.contains("1 updated"), "{out}{err}");
    let variant = store.variant_id("TEA-1-50G").await;
    assert_eq!(store.stock(variant).await, (12, 0));

    // A mistake anywhere refuses the whole file and names the item.
    std::fs::write(
        &json,
        r#"{"products":[{"key":"TEA-2","name":"Black tea","categories":["tea"],
        "variants":[{"sku":"TEA-2","stock":-1,"prices":[{"currency":"USD","amount":"3"}]}]}]}"#,
    )
    .unwrap();
    let (ok, _, err) = run_cli(
        &store.database_url,
        &["setup-products", json.to_str().unwrap()],
    );
    assert!(!ok && err.contains("TEA-2: stock must be between"), "{err}");
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM products WHERE sku = 'TEA-2'")
            .await,
        0
    );
});

both_backends!(
    setup_files_take_pictures_from_next_to_them_but_not_beyond,
    |store| {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("shop");
        std::fs::create_dir_all(folder.join("pictures")).unwrap();
        image::RgbImage::from_pixel(1200, 600, image::Rgb([30, 120, 60]))
            .save(folder.join("pictures").join("tin.png"))
            .unwrap();
        std::fs::write(dir.path().join("outside.png"), b"not even a picture").unwrap();
        let file = |picture: &str| {
            format!(
                r#"
            [[categories]]
            key = "tea"
            name = "Tea"

            [[products]]
            key = "TEA-TIN"
            name = "Tea tin"
            categories = ["tea"]
            images = [{{ alt = "A green tin", path = "{picture}" }}]

            [[products.variants]]
            sku = "TEA-TIN"
            stock = 3
            prices = [{{ currency = "USD", amount = "12.00" }}]
            "#
            )
        };
        let toml = folder.join("tea.toml");
        std::fs::write(&toml, file("pictures/tin.png")).unwrap();
        let (ok, out, err) = run_cli(
            &store.database_url,
            &[
                "--media-dir",
                dir.path().join("media").to_str().unwrap(),
                "setup-products",
                toml.to_str().unwrap(),
            ],
        );
        assert!(ok && out.contains("1 images"), "{out}{err}");
        assert_eq!(
            store
                .number("SELECT large_width * 10000 + large_height FROM product_images")
                .await,
            800 * 10000 + 400
        );
        let renditions: Vec<_> = std::fs::read_dir(dir.path().join("media"))
            .unwrap()
            .collect();
        assert_eq!(renditions.len(), 2);

        std::fs::write(&toml, file("../outside.png")).unwrap();
        let (ok, _, err) = run_cli(
            &store.database_url,
            &["setup-products", toml.to_str().unwrap()],
        );
        assert!(!ok && err.contains("without '..'"), "{err}");
    }
);

both_backends!(
    organisations_and_their_members_come_from_the_command_line,
    |store| {
        let client = store.shopper();
        store.register(&client, "ada@example.com").await;
        let (ok, out, err) = run_cli(
            &store.database_url,
            &["organisation", "Acme GmbH", "--member", "Ada@example.com"],
        );
        assert!(ok, "{err}");
        assert!(
            out.contains("organisation Acme GmbH: 1 members added"),
            "{out}"
        );
        let account = store.api(&client, "account/view", &[]).await;
        assert_eq!(account.json["organisations"][0][1], "Acme GmbH");
        let (ok, _, err) = run_cli(
            &store.database_url,
            &[
                "organisation",
                "Acme GmbH",
                "--member",
                "nobody@example.com",
            ],
        );
        assert!(!ok);
        assert!(
            err.contains("there is no account for nobody@example.com"),
            "{err}"
        );
    }
);

both_backends!(the_stock_audit_finds_reservations_nobody_holds, |store| {
    store.new_order("TEST-0005", "2").await;
    let (ok, out, err) = run_cli(&store.database_url, &["audit-stock"]);
    assert!(ok, "{err}");
    assert!(out.contains("30 variants, 0 mismatches"), "{out}");
    store
        .execute("UPDATE variants SET reserved = reserved + 1 WHERE sku = 'TEST-0006'")
        .await;
    let (ok, out, _) = run_cli(&store.database_url, &["audit-stock"]);
    assert!(!ok);
    assert!(
        out.contains("TEST-0006: 100 on hand, 1 reserved, 0 held"),
        "{out}"
    );
});

both_backends!(a_backup_restores_with_its_orders, |store| {
    let (_, number, _) = store.new_order("TEST-0005", "1").await;
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.db");
    let (ok, out, err) = run_cli(&store.database_url, &["backup", copy.to_str().unwrap()]);
    if !store.database_url.starts_with("sqlite:") {
        assert!(!ok);
        assert!(err.contains("pg_dump"), "{err}");
        return;
    }
    assert!(ok, "{err}");
    assert!(out.contains("backed up to"), "{out}");
    // The copy is a working store with the order in it.
    let restored = format!("sqlite:{}", copy.display());
    let (ok, out, err) = run_cli(&restored, &["audit-stock"]);
    assert!(ok, "{err}");
    assert!(out.contains("30 variants, 0 mismatches"), "{out}");
    let db = server::db::connect(&restored).await.unwrap();
    let found: i64 = server::with_db!(&db, |pool| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM orders WHERE number = $1"
    )
    .bind(&number)
    .fetch_one(pool)
    .await)
    .unwrap();
    assert_eq!(found, 1);
    // An existing file is never overwritten.
    let (ok, _, err) = run_cli(&store.database_url, &["backup", copy.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("already exists"), "{err}");
});
