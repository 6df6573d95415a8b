//! Products in the admin over HTTP: creating one with variants and
//! prices, refusals per field, pictures (real ones only), and price
//! changes that leave placed orders alone.

use crate::support::{Backend, TestStore};

fn product_form<'a>(category: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("form[id]", ""),
        ("form[sku]", "ADM-TEE"),
        ("form[name]", "Admin tee"),
        ("form[product_type]", "physical"),
        ("form[tax_class]", "standard"),
        ("form[weight_grams]", "180"),
        ("form[active]", "on"),
        ("form[shippable]", "on"),
        ("form[categories][3]", category),
        ("form[variants][0][sku]", "ADM-TEE-S"),
        ("form[variants][0][option_name]", "Size"),
        ("form[variants][0][option_value]", "S"),
        ("form[variants][0][prices]", "USD 19.99\r\nEUR 18.50"),
        ("form[variants][0][stock]", "5"),
        ("form[variants][1][sku]", "ADM-TEE-M"),
        ("form[variants][1][option_name]", "Size"),
        ("form[variants][1][option_value]", "M"),
        ("form[variants][1][prices]", "USD 21.00"),
        ("form[variants][1][stock]", "7"),
        ("form[variants][2][sku]", ""),
        ("form[translations][0][locale]", "de"),
        ("form[translations][0][name]", "Admin-Shirt"),
    ];
    for (key, value) in extra {
        form.retain(|(k, _)| k != key);
        form.push((key, value));
    }
    form
}

fn png(width: u32, height: u32, colour: [u8; 3]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_pixel(width, height, image::Rgb(colour))
        .write_to(&mut out, image::ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

async fn upload(
    store: &TestStore,
    client: &reqwest::Client,
    product: i64,
    bytes: Vec<u8>,
    name: &str,
) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .text("alt", "Front view")
        .part(
            "image",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
        );
    client
        .post(store.url(&format!("/admin/products/{product}/images")))
        .header("origin", store.url(""))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn create_and_refuse(backend: Backend) {
    let store = TestStore::start(backend).await;
    let admin = store.staff(Some("admin")).await;
    let category = store
        .number("SELECT MIN(id) FROM categories")
        .await
        .to_string();

    let bad = store
        .admin_call(
            &admin,
            "products/save",
            &product_form(
                &category,
                &[
                    ("form[variants][1][prices]", "USD 21,00"),
                    ("form[name]", ""),
                ],
            ),
        )
        .await;
    assert_eq!(bad.status, 400, "{:?}", bad.json);
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM products WHERE sku = 'ADM-TEE'")
            .await,
        0
    );
    // The editor comes back with the values typed and a message per field.
    let editor = store
        .admin_call(&admin, "products/editor", &[("id", "")])
        .await;
    assert_eq!(editor.status, 200);
    let fields: Vec<&str> = editor.json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["name", "variant-1-prices"]);
    assert_eq!(editor.json["form"]["variants"][1]["prices"], "USD 21,00");
    // Shown once: the next editor is fresh.
    let again = store
        .admin_call(&admin, "products/editor", &[("id", "")])
        .await;
    assert!(again.json["errors"].as_array().unwrap().is_empty());

    let saved = store
        .admin_call(&admin, "products/save", &product_form(&category, &[]))
        .await;
    assert_eq!(saved.status, 200, "{:?}", saved.json);
    let id = saved.json["id"].as_i64().unwrap();
    assert_eq!(
        store.number("SELECT COUNT(*) FROM variants v JOIN products p ON p.id = v.product_id WHERE p.sku = 'ADM-TEE'").await,
        2
    );
    assert_eq!(
        store.number("SELECT amount_minor FROM variant_prices vp JOIN variants v ON v.id = vp.variant_id WHERE v.sku = 'ADM-TEE-S' AND vp.currency = 'EUR'").await,
        1850
    );
    assert_eq!(
        store
            .number("SELECT stock_on_hand FROM variants WHERE sku = 'ADM-TEE-M'")
            .await,
        7
    );
    assert_eq!(
        store.number("SELECT COUNT(*) FROM stock_movements m JOIN variants v ON v.id = m.variant_id WHERE v.product_id IN (SELECT id FROM products WHERE sku = 'ADM-TEE') AND m.reason = 'initial stock'").await,
        2
    );
    assert_eq!(store.number("SELECT COUNT(*) FROM audit_log WHERE action = 'product.create' AND subject = 'ADM-TEE'").await, 1);
    // Shoppers find it, in German too.
    let (status, page) = store.page(&store.shopper(), "/product/admin-tee").await;
    assert_eq!(status, 200);
    assert!(page.contains("Admin tee") && page.contains("$19.99"));
    let german = store
        .shopper()
        .get(store.url("/product/admin-tee"))
        .header("accept-language", "de")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(german.contains("Admin-Shirt"), "the German name is shown");
    let listed = store
        .admin_call(&admin, "products/list", &[("filter[q]", "admin tee")])
        .await;
    assert_eq!(listed.json["total"], 1);
    assert_eq!(listed.json["rows"][0]["variants"], 2);

    // The two variants trade SKUs in one save.
    let editor = store
        .admin_call(&admin, "products/editor", &[("id", &id.to_string())])
        .await;
    let (small, medium) = (
        editor.json["form"]["variants"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned(),
        editor.json["form"]["variants"][1]["id"]
            .as_str()
            .unwrap()
            .to_owned(),
    );
    let id_text = id.to_string();
    let swapped = store
        .admin_call(
            &admin,
            "products/save",
            &product_form(
                &category,
                &[
                    ("form[id]", id_text.as_str()),
                    ("form[variants][0][id]", small.as_str()),
                    ("form[variants][0][sku]", "ADM-TEE-M"),
                    ("form[variants][1][id]", medium.as_str()),
                    ("form[variants][1][sku]", "ADM-TEE-S"),
                ],
            ),
        )
        .await;
    assert_eq!(swapped.status, 200, "{:?}", swapped.json);
    assert_eq!(
        store
            .number("SELECT id FROM variants WHERE sku = 'ADM-TEE-M'")
            .await
            .to_string(),
        small
    );
    // A SKU another product has is refused on its field.
    let taken = store
        .admin_call(
            &admin,
            "products/save",
            &product_form(
                &category,
                &[
                    ("form[sku]", "TEST-0003"),
                    ("form[variants][0][sku]", "X-1"),
                    ("form[variants][1][sku]", "X-2"),
                ],
            ),
        )
        .await;
    assert_eq!(taken.status, 400);
    let editor = store
        .admin_call(&admin, "products/editor", &[("id", "")])
        .await;
    assert_eq!(editor.json["errors"][0]["field"], "sku");

    // Pictures: a text file named .png is refused; a real PNG is kept.
    let refused = upload(
        &store,
        &admin,
        id,
        b"GIF89a? not really".to_vec(),
        "fake.png",
    )
    .await;
    assert_eq!(refused.status().as_u16(), 400);
    assert!(refused.text().await.unwrap().contains("not a picture"));
    assert_eq!(
        store
            .number(&format!(
                "SELECT COUNT(*) FROM product_images WHERE product_id = {id}"
            ))
            .await,
        0
    );
    let kept = upload(&store, &admin, id, png(64, 48, [10, 120, 200]), "tee.png").await;
    assert_eq!(kept.status().as_u16(), 303);
    let second = upload(&store, &admin, id, png(30, 30, [200, 0, 0]), "red.png").await;
    assert_eq!(second.status().as_u16(), 303);
    let editor = store
        .admin_call(&admin, "products/editor", &[("id", &id.to_string())])
        .await;
    let images = editor.json["images"].as_array().unwrap().clone();
    assert_eq!(images.len(), 2);
    assert_eq!(images[0]["alt"], "Front view");
    // The second moves to the front, becoming the primary picture.
    let second_id = images[1]["id"].as_i64().unwrap().to_string();
    assert_eq!(
        store
            .admin_call(&admin, "products/image-up", &[("image", &second_id)])
            .await
            .status,
        200
    );
    let editor = store
        .admin_call(&admin, "products/editor", &[("id", &id.to_string())])
        .await;
    assert_eq!(
        editor.json["images"][0]["id"].as_i64().unwrap().to_string(),
        second_id
    );
    assert_eq!(
        store
            .admin_call(&admin, "products/image-delete", &[("image", &second_id)])
            .await
            .status,
        200
    );
    assert_eq!(
        store
            .number(&format!(
                "SELECT COUNT(*) FROM product_images WHERE product_id = {id}"
            ))
            .await,
        1
    );
    assert_eq!(store.number("SELECT COUNT(*) FROM audit_log WHERE action IN ('image.upload', 'image.move', 'image.delete')").await, 4);

    // Deactivated products leave the shop.
    assert_eq!(
        store
            .admin_call(
                &admin,
                "products/activate",
                &[("id", &id.to_string()), ("active", "false")]
            )
            .await
            .status,
        200
    );
    let (status, _) = store.page(&store.shopper(), "/product/admin-tee").await;
    assert_eq!(status, 404);
}
crate::each_backend!(create_a_product_and_refuse_bad_input, create_and_refuse);

async fn snapshot(store: &TestStore, number: &str) -> String {
    server::with_db!(store.db(), |pool| sqlx::query_scalar::<_, String>(
        "SELECT snapshot FROM orders WHERE number = $1"
    )
    .bind(number)
    .fetch_one(pool)
    .await)
    .unwrap()
}

async fn price_change_keeps_orders(backend: Backend) {
    let store = TestStore::start(backend).await;
    let (_client, number, _url) = store.new_order("TEST-0005", "2").await;
    let before = store.order_total(&number).await;
    let snapshot_before = snapshot(&store, &number).await;
    let admin = store.staff(Some("admin")).await;
    let id = store
        .number("SELECT id FROM products WHERE sku = 'TEST-0005'")
        .await
        .to_string();
    let editor = store
        .admin_call(&admin, "products/editor", &[("id", &id)])
        .await;
    let form = &editor.json["form"];
    let variant_id = form["variants"][0]["id"].as_str().unwrap().to_owned();
    let variant_sku = form["variants"][0]["sku"].as_str().unwrap().to_owned();
    let category = form["categories"][0].as_str().unwrap().to_owned();
    let name = form["name"].as_str().unwrap().to_owned();
    let saved = store
        .admin_call(
            &admin,
            "products/save",
            &[
                ("form[id]", id.as_str()),
                ("form[sku]", "TEST-0005"),
                ("form[name]", name.as_str()),
                ("form[product_type]", "physical"),
                ("form[tax_class]", "standard"),
                ("form[active]", "on"),
                ("form[shippable]", "on"),
                ("form[categories][0]", category.as_str()),
                ("form[variants][0][id]", variant_id.as_str()),
                ("form[variants][0][sku]", variant_sku.as_str()),
                ("form[variants][0][prices]", "USD 99.00"),
            ],
        )
        .await;
    assert_eq!(saved.status, 200, "{:?}", saved.json);
    assert_eq!(
        store
            .number(&format!(
                "SELECT amount_minor FROM variant_prices WHERE variant_id = {variant_id}"
            ))
            .await,
        9900
    );
    // Stock is not touched by the editor.
    assert_eq!(
        store
            .number(&format!(
                "SELECT stock_on_hand FROM variants WHERE id = {variant_id}"
            ))
            .await,
        100
    );
    assert_eq!(store.order_total(&number).await, before);
    let snapshot_after = snapshot(&store, &number).await;
    assert_eq!(snapshot_before, snapshot_after);
    let order = store
        .admin_call(&admin, "orders/show", &[("number", &number)])
        .await;
    assert_eq!(
        order.json["detail"]["snapshot"]["summary"]["lines"][0]["unit_price"]["amount"],
        "5.05"
    );
}
crate::each_backend!(
    an_edited_price_leaves_placed_orders_alone,
    price_change_keeps_orders
);

async fn categories_and_catalogs(backend: Backend) {
    let store = TestStore::start(backend).await;
    let admin = store.staff(Some("admin")).await;
    let save = |form: Vec<(&'static str, String)>| {
        let (store, admin) = (&store, admin.clone());
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            store.admin_call(&admin, "categories/save", &form).await
        }
    };
    let created = save(vec![
        ("slug", "tools".into()),
        ("name", "Tools".into()),
        ("name_de", "Werkzeug".into()),
    ])
    .await;
    assert_eq!(created.status, 200, "{:?}", created.json);
    let tools = store
        .number("SELECT id FROM categories WHERE slug = 'tools'")
        .await
        .to_string();
    let child = save(vec![
        ("slug", "saws".into()),
        ("name", "Saws".into()),
        ("parent", tools.clone()),
    ])
    .await;
    assert_eq!(child.status, 200, "{:?}", child.json);
    let saws = store
        .number("SELECT id FROM categories WHERE slug = 'saws'")
        .await
        .to_string();

    let tree = store.admin_call(&admin, "categories/list", &[]).await;
    let rows = tree.json["categories"].as_array().unwrap();
    let at = |slug: &str| rows.iter().position(|r| r["slug"] == slug).unwrap();
    assert_eq!(at("saws"), at("tools") + 1, "children follow their parent");
    assert_eq!(rows[at("saws")]["depth"], 1);
    assert_eq!(rows[at("tools")]["name_de"], "Werkzeug");

    // A category cannot move below its own child, nor reuse a web address.
    let cycle = save(vec![
        ("id", tools.clone()),
        ("slug", "tools".into()),
        ("name", "Tools".into()),
        ("parent", saws.clone()),
    ])
    .await;
    assert_eq!(cycle.status, 400, "{:?}", cycle.json);
    let itself = save(vec![
        ("id", tools.clone()),
        ("slug", "tools".into()),
        ("name", "Tools".into()),
        ("parent", tools.clone()),
    ])
    .await;
    assert_eq!(itself.status, 400);
    let clash = save(vec![
        ("id", saws.clone()),
        ("slug", "tools".into()),
        ("name", "Saws".into()),
        ("parent", tools.clone()),
    ])
    .await;
    assert_eq!(clash.status, 409);
    assert_eq!(
        store
            .number(&format!(
                "SELECT COUNT(*) FROM categories WHERE parent_id = {saws}"
            ))
            .await,
        0
    );
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM categories WHERE slug = 'saws'")
            .await,
        1
    );
    // Renamed and moved to the top level.
    let moved = save(vec![
        ("id", saws.clone()),
        ("slug", "hand-saws".into()),
        ("name", "Hand saws".into()),
        ("position", "3".into()),
    ])
    .await;
    assert_eq!(moved.status, 200, "{:?}", moved.json);
    assert_eq!(
        store.number("SELECT COUNT(*) FROM categories WHERE slug = 'hand-saws' AND parent_id IS NULL AND position = 3").await,
        1
    );
    let (status, page) = store.page(&store.shopper(), "/category/tools").await;
    assert_eq!(status, 200);
    assert!(page.contains("Tools"));

    let catalog = store
        .admin_call(
            &admin,
            "catalogs/save",
            &[("key", "summer"), ("name", "Summer sale")],
        )
        .await;
    assert_eq!(catalog.status, 200, "{:?}", catalog.json);
    let again = store
        .admin_call(
            &admin,
            "catalogs/save",
            &[("key", "summer"), ("name", "Other")],
        )
        .await;
    assert_eq!(again.status, 409);
    let id = store
        .number("SELECT id FROM catalogs WHERE key = 'summer'")
        .await
        .to_string();
    let renamed = store
        .admin_call(
            &admin,
            "catalogs/save",
            &[("id", id.as_str()), ("key", "summer"), ("name", "Summer")],
        )
        .await;
    assert_eq!(renamed.status, 200);
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM catalogs WHERE name = 'Summer'")
            .await,
        1
    );
    assert_eq!(
        store.number("SELECT COUNT(*) FROM audit_log WHERE action IN ('category.create', 'category.update', 'catalog.save')").await,
        5
    );
}
crate::each_backend!(
    categories_nest_and_catalogs_are_named,
    categories_and_catalogs
);

async fn variant_deletion(backend: Backend) {
    let store = TestStore::start(backend).await;
    let admin = store.staff(Some("admin")).await;
    for (position, sku) in [(1, "TEST-0004-B"), (2, "TEST-0004-C")] {
        store
            .execute(&format!(
                "INSERT INTO variants (product_id, sku, position, stock_on_hand) \
                 SELECT product_id, '{sku}', {position}, 5 FROM variants WHERE sku = 'TEST-0004'"
            ))
            .await;
        store
            .execute(&format!(
                "INSERT INTO variant_prices (variant_id, currency, amount_minor) \
                 SELECT id, 'USD', 700 FROM variants WHERE sku = '{sku}'"
            ))
            .await;
    }
    let delete = |sku: &'static str| {
        let (store, admin) = (&store, admin.clone());
        async move {
            let id = store.variant_id(sku).await.to_string();
            store
                .admin_call(
                    &admin,
                    "products/variant-delete",
                    &[("variant", id.as_str())],
                )
                .await
        }
    };
    let only = delete("TEST-0005").await;
    assert_eq!(only.status, 409);
    assert!(only.error_message().contains("at least one variant"));

    let shopper = store.shopper();
    let b = store.variant_id("TEST-0004-B").await.to_string();
    assert_eq!(store.add(&shopper, &b, "1").await.status, 200);
    let held = delete("TEST-0004-B").await;
    assert_eq!(held.status, 409);
    assert!(held.error_message().contains("baskets"));
    assert_eq!(store.place_order(&shopper, "DE").await.status, 200);
    let ordered = delete("TEST-0004-B").await;
    assert_eq!(ordered.status, 409);
    assert!(ordered.error_message().contains("ordered"));

    let c = store.variant_id("TEST-0004-C").await;
    let reply = delete("TEST-0004-C").await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    assert_eq!(
        store
            .number(&format!("SELECT COUNT(*) FROM variants WHERE id = {c}"))
            .await,
        0
    );
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM variants WHERE sku LIKE 'TEST-0004%'")
            .await,
        2
    );
    let again = store
        .admin_call(
            &admin,
            "products/variant-delete",
            &[("variant", c.to_string().as_str())],
        )
        .await;
    assert_eq!(again.status, 404);
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM audit_log WHERE action = 'product.variant.delete'")
            .await,
        1
    );
    let product = store
        .number("SELECT product_id FROM variants WHERE sku = 'TEST-0004'")
        .await;
    let (_, page) = store
        .page(&admin, &format!("/admin/products/{product}"))
        .await;
    assert!(page.contains("Delete variant TEST-0004-B") && !page.contains("TEST-0004-C"));
}
crate::each_backend!(variants_are_deleted_unless_in_use, variant_deletion);

async fn further_options(backend: Backend) {
    let store = TestStore::start(backend).await;
    let admin = store.staff(Some("admin")).await;
    let category = store
        .number("SELECT MIN(id) FROM categories")
        .await
        .to_string();
    let bad = store
        .admin_call(
            &admin,
            "products/save",
            &product_form(
                &category,
                &[("form[variants][0][more_options]", "Colour Red")],
            ),
        )
        .await;
    assert_eq!(bad.status, 400);
    let editor = store
        .admin_call(&admin, "products/editor", &[("id", "")])
        .await;
    assert_eq!(editor.json["errors"][0]["field"], "variant-0-more_options");
    assert_eq!(
        store.number("SELECT COUNT(*) FROM variant_options").await,
        0
    );

    let saved = store
        .admin_call(
            &admin,
            "products/save",
            &product_form(
                &category,
                &[("form[variants][0][more_options]", "Colour: Red; Fit: Slim")],
            ),
        )
        .await;
    assert_eq!(saved.status, 200, "{:?}", saved.json);
    let id = saved.json["id"].as_i64().unwrap().to_string();
    let options = |sku: &str| {
        format!(
            "SELECT COUNT(*) FROM variant_options o JOIN variants v ON v.id = o.variant_id WHERE v.sku = '{sku}'"
        )
    };
    assert_eq!(store.number(&options("ADM-TEE-S")).await, 3);
    assert_eq!(
        store
            .number("SELECT position FROM variant_options WHERE name = 'Fit'")
            .await,
        2
    );
    let editor = store
        .admin_call(&admin, "products/editor", &[("id", id.as_str())])
        .await;
    let first = &editor.json["form"]["variants"][0];
    assert_eq!(first["option_name"], "Size");
    assert_eq!(first["more_options"], "Colour: Red; Fit: Slim");

    // Saving the editor's own values again changes nothing; clearing the
    // further options removes them.
    let variant = first["id"].as_str().unwrap().to_owned();
    let mut again = product_form(
        &category,
        &[
            ("form[id]", id.as_str()),
            ("form[variants][0][id]", variant.as_str()),
        ],
    );
    again.retain(|(k, _)| !k.starts_with("form[variants][1]"));
    again.push(("form[variants][0][more_options]", ""));
    let resaved = store.admin_call(&admin, "products/save", &again).await;
    assert_eq!(resaved.status, 200, "{:?}", resaved.json);
    assert_eq!(store.number(&options("ADM-TEE-S")).await, 1);
    let (_, page) = store.page(&store.shopper(), "/product/admin-tee").await;
    assert!(page.contains("Size"), "the shop shows the remaining option");
}
crate::each_backend!(variants_have_several_options, further_options);
