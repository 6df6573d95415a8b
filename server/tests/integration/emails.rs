//! Order emails over a real SMTP server: who gets them, what they are
//! called, and that the downloads email carries the order's link.

use crate::support::fulfilment::{EBOOK, download_paths, eventually};
use crate::support::servers::{Mail, smtp_server};
use crate::support::{Backend, TestStore};

async fn mails_over_smtp(backend: Backend) {
    let smtp = smtp_server();
    let smtp_url = smtp.smtp_url();
    let store = TestStore::start_configured(backend, move |config| {
        config.fulfilment.smtp_url = Some(smtp_url.clone());
    })
    .await;
    store.make_digital(EBOOK, b"the book", 3).await;
    let order = store.paid_order(&[EBOOK]).await;
    store.jobs_settled(&order.number).await;
    let n = &order.number;
    let mails: Vec<Mail> = eventually("three emails", || async {
        let mails = smtp.messages();
        (mails.len() >= 3).then_some(mails)
    })
    .await;
    let subjects: Vec<String> = mails.iter().map(|m| m.header("subject")).collect();
    for wanted in [
        format!("Your order {n}"),
        format!("Payment received for order {n}"),
        format!("Your downloads for order {n}"),
    ] {
        assert_eq!(
            subjects.iter().filter(|s| **s == wanted).count(),
            1,
            "{wanted} in {subjects:?}"
        );
    }
    for mail in &mails {
        assert_eq!(mail.header("x-rcptto"), "erika@example.de");
        assert_eq!(mail.header("to"), "erika@example.de");
        assert!(mail.header("from").contains("orders@ferrostore.localhost"));
        assert!(
            mail.header("content-type")
                .starts_with("multipart/alternative")
        );
        assert!(mail.body.contains("text/plain") && mail.body.contains("text/html"));
    }
    let downloads = mails
        .iter()
        .find(|m| m.header("subject").starts_with("Your downloads"))
        .unwrap();
    let (_, page) = store.page(&order.client, &order.url).await;
    let link = download_paths(&page)
        .pop()
        .expect("a link on the order page");
    assert!(
        downloads.body.contains(&store.url(&link)),
        "the email links to {link}: {}",
        downloads.body
    );
    assert!(downloads.body.contains("3 attempts"));
}

each_backend!(order_emails_reach_a_real_smtp_server, mails_over_smtp);
