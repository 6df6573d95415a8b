//! Orders in the admin over HTTP: the buttons follow the state machine,
//! a bank transfer paid in two parts, shipping with a tracking number,
//! notes, the invoice and delivery note, the audit log, the dashboard,
//! and creating an admin from the command line.

use crate::support::{Backend, TestStore};

async fn show(
    store: &TestStore,
    admin: &reqwest::Client,
    number: &str,
) -> crate::support::ApiReply {
    store
        .admin_call(admin, "orders/show", &[("number", number)])
        .await
}

fn actions(reply: &crate::support::ApiReply) -> serde_json::Value {
    reply.json["actions"].clone()
}

async fn bank_transfer_in_two_parts(backend: Backend) {
    let store = TestStore::start(backend).await;
    let (shopper, number, url) = store.new_order("TEST-0004", "1").await;
    let admin = store.staff(Some("admin")).await;
    let order = show(&store, &admin, &number).await;
    assert_eq!(order.status, 200, "{:?}", order.json);
    let a = actions(&order);
    assert_eq!(a["record_payment"], true);
    assert_eq!(a["mark_paid"], false);
    assert_eq!(a["ship"], false);
    assert_eq!(a["cancel"], true);
    assert_eq!(a["refund"], false);

    let total = store.order_total(&number).await;
    let part = crate::support::merchant::amount(total / 2);
    let rest = crate::support::merchant::amount(total - total / 2);
    let recorded = store
        .admin_api(
            &admin,
            "record",
            &[
                ("number", &number),
                ("amount", &part),
                ("reference", "BANK-1"),
            ],
        )
        .await;
    assert_eq!(recorded.status, 200, "{:?}", recorded.json);
    let a = actions(&show(&store, &admin, &number).await);
    assert_eq!(a["mark_paid"], false, "half paid: not offered");
    // The server refuses it anyway.
    let early = store
        .admin_api(&admin, "mark-paid", &[("number", &number)])
        .await;
    assert_eq!(early.status, 409, "{:?}", early.json);
    assert_eq!(
        store
            .admin_api(&admin, "record", &[("number", &number), ("amount", &rest)])
            .await
            .status,
        200
    );
    assert_eq!(
        actions(&show(&store, &admin, &number).await)["mark_paid"],
        true
    );
    assert_eq!(
        store
            .admin_api(&admin, "mark-paid", &[("number", &number)])
            .await
            .status,
        200
    );
    let a = actions(&show(&store, &admin, &number).await);
    assert_eq!(
        (
            a["ship"].clone(),
            a["cancel"].clone(),
            a["record_payment"].clone()
        ),
        (true.into(), false.into(), false.into())
    );

    let shipped = store
        .admin_call(
            &admin,
            "delivery/ship",
            &[
                ("number", &number),
                ("carrier", "DHL"),
                ("tracking_number", "00340434"),
            ],
        )
        .await;
    assert_eq!(shipped.status, 200, "{:?}", shipped.json);
    let order = show(&store, &admin, &number).await;
    assert_eq!(order.json["status"], "shipped");
    assert_eq!(order.json["delivery"]["tracking_number"], "DHL 00340434");
    let (_, page) = store.page(&shopper, &url).await;
    assert!(page.contains(">shipped<") && page.contains("DHL 00340434"));

    assert_eq!(
        store
            .admin_call(
                &admin,
                "orders/note",
                &[("number", &number), ("body", "Left at the door")]
            )
            .await
            .status,
        200
    );
    assert_eq!(
        show(&store, &admin, &number).await.json["notes"][0]["body"],
        "Left at the door"
    );
    let (_, page) = store.page(&shopper, &url).await;
    assert!(
        !page.contains("Left at the door"),
        "notes are for staff only"
    );

    // Who did what, in order.
    let audit = store.admin_call(&admin, "audit", &[("page", "1")]).await;
    let actions: Vec<&str> = audit.json["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "order.note",
            "order.ship",
            "order.mark_paid",
            "payment.record",
            "payment.record"
        ]
    );
    let first = &audit.json["entries"][4];
    assert_eq!(first["subject"], number.as_str());
    assert!(first["detail"].as_str().unwrap().contains("BANK-1"));
    assert!(first["actor"].as_str().unwrap().starts_with("admin-"));
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM audit_log WHERE user_id IS NOT NULL AND at > 0")
            .await,
        5
    );

    // The list finds it by status, number and customer; bad dates are refused.
    let list = |filter: Vec<(&'static str, String)>| {
        let admin = admin.clone();
        let store = &store;
        async move {
            let form: Vec<(&str, &str)> = filter.iter().map(|(k, v)| (*k, v.as_str())).collect();
            store.admin_call(&admin, "orders/list", &form).await
        }
    };
    let found = list(vec![("filter[status]", "shipped".into())]).await;
    assert_eq!(found.json["total"], 1);
    assert_eq!(found.json["rows"][0]["number"], number.as_str());
    assert_eq!(
        list(vec![("filter[status]", "paid".into())]).await.json["total"],
        0
    );
    assert_eq!(
        list(vec![("filter[number]", number[5..].to_owned())])
            .await
            .json["total"],
        1
    );
    assert_eq!(
        list(vec![("filter[payment]", "bank_transfer".into())])
            .await
            .json["total"],
        1
    );
    assert_eq!(
        list(vec![("filter[from]", "2026-02-30".into())])
            .await
            .status,
        400
    );
    assert_eq!(
        list(vec![("filter[to]", "1970-01-01".into())]).await.json["total"],
        0
    );
}
crate::each_backend!(
    a_bank_transfer_paid_in_two_parts_then_shipped,
    bank_transfer_in_two_parts
);

async fn documents(backend: Backend) {
    let store = TestStore::start(backend).await;
    let (_shopper, number, _url) = store.new_order("TEST-0006", "3").await;
    let admin = store.staff(Some("admin")).await;
    let saved = store
        .admin_call(
            &admin,
            "settings/save",
            &[
                ("details[store_name]", "Ferrostore GmbH"),
                ("details[address]", "Hauptstraße 1\n10115 Berlin"),
                ("details[vat_id]", "DE123456789"),
                ("details[email]", "shop@example.com"),
                ("details[invoice_note]", "Payable within 14 days."),
            ],
        )
        .await;
    assert_eq!(saved.status, 200, "{:?}", saved.json);
    let (status, invoice) = store
        .page(&admin, &format!("/admin/orders/{number}/invoice"))
        .await;
    assert_eq!(status, 200);
    let total = crate::support::merchant::amount(store.order_total(&number).await);
    for expected in [
        format!("Invoice {number}"),
        "Ferrostore GmbH".to_owned(),
        "Hauptstraße 1".to_owned(),
        "DE123456789".to_owned(),
        "Item 06".to_owned(),
        "TEST-0006".to_owned(),
        "Payable within 14 days.".to_owned(),
        "VAT 19 %".to_owned(),
        total.clone(),
    ] {
        assert!(invoice.contains(&expected), "the invoice shows {expected}");
    }
    let (status, note) = store
        .page(&admin, &format!("/admin/orders/{number}/delivery-note"))
        .await;
    assert_eq!(status, 200);
    assert!(note.contains(&format!("Delivery note {number}")) && note.contains("Item 06"));
    assert!(
        !note.contains("Unit price"),
        "a delivery note shows no prices"
    );
    // An order placed in German gets a German invoice.
    store
        .execute(&format!(
            "UPDATE orders SET snapshot = REPLACE(snapshot, '\"locale\":\"en\"', '\"locale\":\"de\"') WHERE number = '{number}'"
        ))
        .await;
    let (_, invoice) = store
        .page(&admin, &format!("/admin/orders/{number}/invoice"))
        .await;
    assert!(invoice.contains(&format!("Rechnung {number}")) && invoice.contains("Menge"));
    // Staff see documents; customers do not.
    let (status, _) = store
        .page(
            &store.staff(None).await,
            &format!("/admin/orders/{number}/invoice"),
        )
        .await;
    assert_eq!(status, 403);
}
crate::each_backend!(invoice_and_delivery_note, documents);

async fn cancel_and_dashboard(backend: Backend) {
    let store = TestStore::start(backend).await;
    let (_shopper, number, _url) = store.new_order("TEST-0008", "4").await;
    let admin = store.staff(Some("staff")).await;
    let dashboard = store.admin_call(&admin, "dashboard", &[]).await;
    assert_eq!(dashboard.status, 200, "{:?}", dashboard.json);
    assert_eq!(dashboard.json["days"].as_array().unwrap().len(), 30);
    let today = dashboard.json["days"][29].clone();
    assert_eq!(today["orders"], 1);
    assert_eq!(today["revenue_minor"], 0, "nothing paid yet");
    assert_eq!(dashboard.json["latest"][0]["number"], number.as_str());
    let awaiting = dashboard.json["by_status"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s[0] == "awaiting_payment")
        .unwrap()[2]
        .clone();
    assert_eq!(awaiting, 1);
    // "Item 02" has 3 left: low stock.
    assert!(
        !dashboard.json["low_stock"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["sku"] == "TEST-0005"),
        "plenty in stock is not low"
    );
    assert!(
        dashboard.json["low_stock"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["sku"] == "TEST-0002")
    );

    let reserved = store
        .number("SELECT reserved FROM variants WHERE sku = 'TEST-0008'")
        .await;
    assert_eq!(reserved, 4);
    assert_eq!(
        store
            .admin_call(&admin, "orders/cancel", &[("number", &number)])
            .await
            .status,
        200
    );
    assert_eq!(
        store
            .number("SELECT reserved FROM variants WHERE sku = 'TEST-0008'")
            .await,
        0
    );
    let order = store
        .admin_call(&admin, "orders/show", &[("number", &number)])
        .await;
    assert_eq!(order.json["status"], "cancelled");
    assert_eq!(order.json["actions"]["cancel"], false);
    let again = store
        .admin_call(&admin, "orders/cancel", &[("number", &number)])
        .await;
    assert_eq!(again.status, 409);
    let last = store
        .admin_call(&admin, "orders/show", &[("number", &number)])
        .await;
    let events = last.json["detail"]["events"].as_array().unwrap();
    assert!(
        events.last().unwrap()["reason"]
            .as_str()
            .unwrap()
            .contains("staff")
    );
}
crate::each_backend!(
    staff_cancel_an_order_and_read_the_dashboard,
    cancel_and_dashboard
);

async fn admin_from_the_command_line(backend: Backend) {
    let store = TestStore::start(backend).await;
    let create = |password: &str| {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
            .args(["admin", "create", "--email", "Boss@Example.com"])
            .env("DATABASE_URL", &store.database_url)
            .env("RUST_LOG", "error")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
        let output = child.wait_with_output().unwrap();
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
        )
    };
    let (ok, out) = create("a long secret");
    assert!(ok && out.contains("created, role admin"), "{out}");
    let client = store.shopper();
    let signed_in = store
        .api(
            &client,
            "account/sign-in",
            &[
                ("email", "boss@example.com"),
                ("password", "a long secret"),
                ("next", "/admin"),
            ],
        )
        .await;
    assert!(signed_in.status < 400, "{:?}", signed_in.json);
    let me = store.admin_call(&client, "me", &[]).await;
    assert_eq!(me.json, "Admin");
    // Running it again sets a new password on the same account.
    let (ok, out) = create("another secret");
    assert!(ok && out.contains("updated"), "{out}");
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM users WHERE email = 'boss@example.com'")
            .await,
        1
    );
    let (ok, _) = create("");
    assert!(!ok, "an empty password is refused");
}
crate::each_backend!(
    create_an_admin_from_the_command_line,
    admin_from_the_command_line
);

async fn customers(backend: Backend) {
    let store = TestStore::start(backend).await;
    let shopper = store.shopper();
    assert_eq!(
        store.register(&shopper, "erika@example.com").await.status,
        200
    );
    let variant = store.variant_id("TEST-0004").await.to_string();
    assert_eq!(store.add(&shopper, &variant, "1").await.status, 200);
    let placed = store.place_order(&shopper, "DE").await;
    assert_eq!(placed.status, 200, "{:?}", placed.json);
    let number = placed.json["Placed"]["number"].as_str().unwrap().to_owned();
    store.pay_in_full(&number).await;
    let staff = store.staff(Some("staff")).await;

    let list = store
        .admin_call(&staff, "customers/list", &[("q", "ERIKA@")])
        .await;
    assert_eq!(list.status, 200, "{:?}", list.json);
    assert_eq!(list.json["total"], 1, "staff accounts are not listed");
    let row = &list.json["rows"][0];
    assert_eq!(row["email"], "erika@example.com");
    assert_eq!(row["orders"], 1);
    let total = crate::support::merchant::amount(store.order_total(&number).await);
    assert_eq!(row["spent"]["amount"], total.as_str());
    let everyone = store
        .admin_call(&staff, "customers/list", &[("q", "")])
        .await;
    assert_eq!(everyone.json["total"], 1);

    let id = row["id"].as_i64().unwrap().to_string();
    let detail = store
        .admin_call(&staff, "customers/show", &[("id", &id)])
        .await;
    assert_eq!(detail.status, 200, "{:?}", detail.json);
    assert_eq!(detail.json["orders"][0]["number"], number.as_str());
    assert_eq!(
        detail.json["account"]["customers"][0]["address"]["country"],
        "DE"
    );
    let (status, page) = store.page(&staff, &format!("/admin/customers/{id}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("erika@example.com") && page.contains(&number));
    let missing = store
        .admin_call(&staff, "customers/show", &[("id", "999999")])
        .await;
    assert_eq!(missing.status, 404);
}
crate::each_backend!(customers_with_their_orders_and_records, customers);

fn outbox_names(store: &TestStore) -> Vec<String> {
    std::fs::read_dir(store.config().fulfilment.outbox_dir)
        .map(|dir| {
            dir.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".eml"))
                .collect()
        })
        .unwrap_or_default()
}

async fn resend(backend: Backend) {
    let store = TestStore::start(backend).await;
    let (_shopper, number, _url) = store.new_order("TEST-0006", "1").await;
    let staff = store.staff(Some("staff")).await;
    let confirmation = format!("{number}-confirmation.eml");
    crate::support::fulfilment::eventually("the confirmation", || async {
        outbox_names(&store).contains(&confirmation).then_some(())
    })
    .await;
    crate::support::fulfilment::eventually("the email job is done", || async {
        (store
            .number("SELECT COUNT(*) FROM jobs WHERE kind = 'email' AND status = 'done'")
            .await
            == 1)
            .then_some(())
    })
    .await;
    let (_, page) = store.page(&staff, &format!("/admin/orders/{number}")).await;
    assert!(page.contains("Send the order confirmation email again"));
    assert!(
        !page.contains("Send the shipping email again"),
        "nothing shipped yet"
    );

    let send = |kind: &'static str, number: String| {
        let staff = staff.clone();
        let store = &store;
        async move {
            store
                .admin_call(
                    &staff,
                    "orders/resend-email",
                    &[("number", number.as_str()), ("kind", kind)],
                )
                .await
        }
    };
    let never = send("shipped", number.clone()).await;
    assert_eq!(never.status, 409);
    assert!(never.error_message().contains("has not been sent"));
    assert_eq!(send("newsletter", number.clone()).await.status, 400);
    assert_eq!(send("confirmation", "2099-99999".into()).await.status, 404);
    assert_eq!(store.number("SELECT COUNT(*) FROM order_notes").await, 0);

    for _ in 0..2 {
        let reply = send("confirmation", number.clone()).await;
        assert_eq!(reply.status, 200, "{:?}", reply.json);
    }
    crate::support::fulfilment::eventually("two more confirmations", || async {
        let names = outbox_names(&store);
        (names
            .iter()
            .filter(|n| n.starts_with(&format!("{number}-confirmation")))
            .count()
            == 3)
            .then_some(names)
    })
    .await;
    assert_eq!(
        store.number("SELECT COUNT(*) FROM order_notes WHERE body = 'Sent the order confirmation email again.'").await,
        2
    );
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM audit_log WHERE action = 'order.resend_email'")
            .await,
        2
    );
}
crate::each_backend!(a_sent_email_is_sent_again, resend);
