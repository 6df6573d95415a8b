//! Digital downloads: links made when an order is paid, the masked route
//! that counts attempts atomically, S3 and local storage, refusals, the
//! owner check and the merchant's renewals.

use crate::support::fulfilment::{EBOOK, download_paths};
use crate::support::merchant::amount;
use crate::support::servers::{S3_ACCESS_KEY, S3_SECRET_KEY, s3_server};
use crate::support::{Backend, TestStore};

const BOOK: &[u8] = b"%PDF-1.4\n% The Rust Shop, sample edition\n%%EOF\n";

async fn s3_bought(backend: Backend) {
    let s3 = s3_server();
    let endpoint = s3.url();
    let store = TestStore::start_configured(backend, move |config| {
        let files = &mut config.fulfilment;
        files.s3_endpoint = Some(endpoint.clone());
        files.s3_bucket = "ferrostore-downloads".into();
        files.s3_access_key = S3_ACCESS_KEY.into();
        files.s3_secret_key = S3_SECRET_KEY.into();
    })
    .await;
    store.make_digital(EBOOK, BOOK, 3).await;
    let order = store.paid_order(&[EBOOK]).await;
    let links = store.download_links(&order).await;
    assert_eq!(links.len(), 1);
    let masked = store
        .shopper()
        .get(store.url(&links[0]))
        .send()
        .await
        .unwrap();
    assert_eq!(masked.status(), 302);
    let location = masked.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with(&s3.url()), "{location}");
    assert!(location.contains("X-Amz-Signature="), "{location}");
    assert!(!location.contains(&links[0]["/download/".len()..]));
    let file = reqwest::get(&location).await.unwrap();
    assert_eq!(file.status(), 200);
    let disposition = file.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(disposition.contains("The Book.pdf"), "{disposition}");
    assert_eq!(file.bytes().await.unwrap().as_ref(), BOOK);
    // Nothing ships, so delivering the download fulfilled the order.
    store.jobs_settled(&order.number).await;
    let (_, page) = store.page(&order.client, &order.url).await;
    assert!(page.contains(">fulfilled<"), "the order is fulfilled");
    assert!(page.contains("2 downloads left"));
    assert!(!page.contains("products/"), "the storage key stays private");
}

each_backend!(
    a_paid_download_comes_from_s3_with_the_files_exact_bytes,
    s3_bought
);

both_backends!(
    fifty_requests_on_a_three_attempt_link_get_three_files,
    |store| {
        store.make_digital(EBOOK, BOOK, 3).await;
        let order = store.paid_order(&[EBOOK, "TEST-0005"]).await;
        let link = store.url(&store.download_links(&order).await[0]);
        let client = store.shopper();
        let requests: Vec<_> = (0..50)
            .map(|_| {
                let client = client.clone();
                let link = link.clone();
                tokio::spawn(async move {
                    let response = client.get(&link).send().await.unwrap();
                    let location = response
                        .headers()
                        .get("location")
                        .map(|l| l.to_str().unwrap().to_owned());
                    (response.status().as_u16(), location)
                })
            })
            .collect();
        let mut answers = Vec::new();
        for request in requests {
            answers.push(request.await.unwrap());
        }
        let files: Vec<String> = answers
            .iter()
            .filter(|(status, _)| *status == 302)
            .filter_map(|(_, location)| location.clone())
            .collect();
        assert_eq!(files.len(), 3, "{answers:?}");
        assert_eq!(answers.iter().filter(|(s, _)| *s == 410).count(), 47);
        // The local store's signed URL serves the file; a forged one does not.
        let file = client.get(store.url(&files[0])).send().await.unwrap();
        assert_eq!(file.status(), 200);
        assert_eq!(file.bytes().await.unwrap().as_ref(), BOOK);
        let forged = files[0].replace("expires=", "expires=9");
        assert_eq!(
            client
                .get(store.url(&forged))
                .send()
                .await
                .unwrap()
                .status(),
            403
        );
        let count = store
            .number("SELECT attempts_used FROM download_links")
            .await;
        assert_eq!(count, 3);
        // The order still ships its physical line, so it stays paid.
        store.jobs_settled(&order.number).await;
        let (_, page) = store.page(&order.client, &order.url).await;
        assert!(page.contains(">paid<"));
        assert!(page.contains("no longer available"));
    }
);

both_backends!(
    expired_refunded_and_unknown_links_never_give_the_file,
    |store| {
        store.make_digital(EBOOK, BOOK, 3).await;
        let order = store.paid_order(&[EBOOK]).await;
        let link = store.url(&store.download_links(&order).await[0]);
        let client = store.shopper();
        store
            .execute("UPDATE download_links SET expires_at = 1")
            .await;
        let expired = client.get(&link).send().await.unwrap();
        assert_eq!(expired.status(), 410);
        assert!(expired.headers().get("location").is_none());
        assert!(
            expired
                .text()
                .await
                .unwrap()
                .contains("This download link has expired.")
        );
        let before = store
            .number("SELECT attempts_used FROM download_links")
            .await;
        assert_eq!(before, 0, "refused requests count nothing");

        // A merchant gives it more days: it works again.
        let admin = store.staff(Some("admin")).await;
        let link_id = store
            .number("SELECT id FROM download_links")
            .await
            .to_string();
        let renewed = store
            .admin_call(
                &admin,
                "delivery/renew-download",
                &[
                    ("number", &order.number),
                    ("link", &link_id),
                    ("extend_days", "2"),
                ],
            )
            .await;
        assert_eq!(renewed.status, 200, "{:?}", renewed.json);
        assert_eq!(client.get(&link).send().await.unwrap().status(), 302);

        // Refunded in full: the link is withdrawn.
        let total = amount(store.order_total(&order.number).await);
        let refund = store
            .admin_api(
                &admin,
                "refund",
                &[("number", &order.number), ("amount", &total)],
            )
            .await;
        assert_eq!(refund.status, 200, "{:?}", refund.json);
        let refunded = client.get(&link).send().await.unwrap();
        assert_eq!(refunded.status(), 410);
        assert!(
            refunded
                .text()
                .await
                .unwrap()
                .contains("no longer available")
        );

        for unknown in [
            "/download/00000000000000000000000000000000000000000000abcd",
            "/download/nope",
            "/download/not%20a%20token",
        ] {
            let response = client.get(store.url(unknown)).send().await.unwrap();
            assert_eq!(response.status(), 404, "{unknown}");
        }
    }
);

both_backends!(only_the_orders_owner_sees_its_download_links, |store| {
    store.make_digital(EBOOK, BOOK, 3).await;
    let ada = store.shopper();
    assert_eq!(store.register(&ada, "ada@example.com").await.status, 200);
    let variant = store.variant_id(EBOOK).await.to_string();
    assert_eq!(store.add(&ada, &variant, "1").await.status, 200);
    let placed = store.place_basket(&ada).await;
    let number = placed.json["Placed"]["number"].as_str().unwrap().to_owned();
    let url = placed.json["Placed"]["url"].as_str().unwrap().to_owned();
    store.pay_in_full(&number).await;
    let order = crate::support::fulfilment::PaidOrder {
        client: ada,
        number: number.clone(),
        url: url.clone(),
    };
    let token = store.download_links(&order).await[0].clone();

    let bob = store.shopper();
    assert_eq!(store.register(&bob, "bob@example.com").await.status, 200);
    let (status, page) = store.page(&bob, &url).await;
    assert_eq!(status, 404);
    assert!(download_paths(&page).is_empty());
    assert!(!page.contains(&token));
    // Customers cannot reach the merchant's view of the delivery either.
    let peek = store
        .admin_call(&bob, "delivery/show", &[("number", &number)])
        .await;
    assert_eq!(peek.status, 403);
    assert!(!peek.json.to_string().contains(&token));
});

both_backends!(merchants_give_a_used_up_link_its_attempts_back, |store| {
    store.make_digital(EBOOK, BOOK, 1).await;
    let order = store.paid_order(&[EBOOK]).await;
    let link = store.url(&store.download_links(&order).await[0]);
    let client = store.shopper();
    assert_eq!(client.get(&link).send().await.unwrap().status(), 302);
    assert_eq!(client.get(&link).send().await.unwrap().status(), 410);
    let staff = store.staff(Some("staff")).await;
    let delivery = store
        .admin_call(&staff, "delivery/show", &[("number", &order.number)])
        .await;
    assert_eq!(delivery.status, 200);
    assert_eq!(delivery.json["downloads"][0]["remaining"], 0);
    let id = delivery.json["downloads"][0]["id"].to_string();
    for bad in [
        vec![("number", order.number.as_str()), ("link", id.as_str())],
        vec![
            ("number", order.number.as_str()),
            ("link", "x"),
            ("reset", "on"),
        ],
        vec![
            ("number", order.number.as_str()),
            ("link", "999999"),
            ("reset", "on"),
        ],
        vec![
            ("number", "2000-99999"),
            ("link", id.as_str()),
            ("reset", "on"),
        ],
        vec![
            ("number", order.number.as_str()),
            ("link", id.as_str()),
            ("extend_days", "-3"),
        ],
    ] {
        let reply = store
            .admin_call(&staff, "delivery/renew-download", &bad)
            .await;
        assert!(
            matches!(reply.status, 400 | 404),
            "{bad:?}: {}",
            reply.status
        );
    }
    let reset = store
        .admin_call(
            &staff,
            "delivery/renew-download",
            &[("number", &order.number), ("link", &id), ("reset", "on")],
        )
        .await;
    assert_eq!(reset.status, 200, "{:?}", reset.json);
    assert_eq!(reset.json["downloads"][0]["remaining"], 1);
    assert_eq!(client.get(&link).send().await.unwrap().status(), 302);
});

both_backends!(the_demo_e_book_delivers_its_sample_file, |store| {
    store.featured().await;
    let order = store.paid_order(&["EBOOK-RUST-SHOP"]).await;
    let link = store.url(&store.download_links(&order).await[0]);
    let (_, page) = store.page(&order.client, &order.url).await;
    assert!(page.contains("5 downloads left"), "the setup file's limit");
    let client = store.shopper();
    let redirect = client.get(&link).send().await.unwrap();
    assert_eq!(redirect.status(), 302);
    let file = client
        .get(store.url(redirect.headers()["location"].to_str().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(
        file.headers()["content-disposition"],
        "attachment; filename=\"Running a shop on Rust (sample).pdf\""
    );
    let sample: &[u8] = include_bytes!("../../seed/files/rust-shop-sample.pdf");
    assert_eq!(file.bytes().await.unwrap().as_ref(), sample);
});
