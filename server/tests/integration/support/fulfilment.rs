//! Fulfilment helpers: digital products with files, paid orders, and
//! waiting for the worker.

use super::TestStore;
use server::downloads::attach::{Attachment, attach_file};
use std::time::{Duration, Instant};

/// The fixture product the fulfilment tests sell as a download.
pub const EBOOK: &str = "TEST-0007";

/// Polls `probe` until it gives a value, for at most 20 seconds.
pub async fn eventually<T, F, Fut>(what: &str, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(value) = probe().await {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The masked download addresses on a page.
pub fn download_paths(page: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = page;
    while let Some(at) = rest.find("/download/") {
        let tail = &rest[at + "/download/".len()..];
        let token: String = tail.chars().take_while(|c| c.is_ascii_hexdigit()).collect();
        if token.len() == 48 {
            found.push(format!("/download/{token}"));
        }
        rest = tail;
    }
    found.dedup();
    found
}

/// A paid order: who placed it, its number and its page.
pub struct PaidOrder {
    pub client: reqwest::Client,
    pub number: String,
    pub url: String,
}

impl TestStore {
    /// Turns a fixture product into a download of `bytes`.
    pub async fn make_digital(&self, sku: &str, bytes: &[u8], attempts: i64) {
        self.execute(&format!(
            "UPDATE products SET product_type = 'digital', shippable = FALSE WHERE sku = '{sku}'"
        ))
        .await;
        let files = &self.running.as_ref().unwrap().files;
        attach_file(
            self.db(),
            files,
            Attachment {
                product: sku,
                filename: "The Book.pdf",
                bytes: bytes.to_vec(),
                attempts: Some(attempts),
                days: Some(7),
            },
        )
        .await
        .expect("the file is stored");
    }

    /// A new shopper orders one of each SKU by bank transfer, and an admin
    /// records the whole payment and marks the order paid.
    pub async fn paid_order(&self, skus: &[&str]) -> PaidOrder {
        let client = self.shopper();
        for sku in skus {
            let variant = self.variant_id(sku).await.to_string();
            assert_eq!(self.add(&client, &variant, "1").await.status, 200);
        }
        let reply = self.place_basket(&client).await;
        assert_eq!(reply.status, 200, "{:?}", reply.json);
        let number = reply.json["Placed"]["number"].as_str().unwrap().to_owned();
        let url = reply.json["Placed"]["url"].as_str().unwrap().to_owned();
        self.pay_in_full(&number).await;
        PaidOrder {
            client,
            number,
            url,
        }
    }

    pub async fn pay_in_full(&self, number: &str) {
        let admin = self.staff(Some("admin")).await;
        let total = super::merchant::amount(self.order_total(number).await);
        let recorded = self
            .admin_api(&admin, "record", &[("number", number), ("amount", &total)])
            .await;
        assert_eq!(recorded.status, 200, "{:?}", recorded.json);
        let paid = self
            .admin_api(&admin, "mark-paid", &[("number", number)])
            .await;
        assert_eq!(paid.status, 200, "{:?}", paid.json);
    }

    /// Waits until the order has no queued or running jobs.
    pub async fn jobs_settled(&self, number: &str) {
        let sql = format!(
            "SELECT COUNT(*) FROM jobs WHERE status IN ('queued', 'running') \
             AND order_id = (SELECT id FROM orders WHERE number = '{number}')"
        );
        eventually("the order's jobs to finish", || async {
            (self.number(&sql).await == 0).then_some(())
        })
        .await
    }

    /// Waits for the order's download links to appear on its page.
    pub async fn download_links(&self, order: &PaidOrder) -> Vec<String> {
        eventually("download links on the order page", || async {
            let (status, page) = self.page(&order.client, &order.url).await;
            assert_eq!(status, 200);
            let links = download_paths(&page);
            (!links.is_empty()).then_some(links)
        })
        .await
    }

    /// Calls an admin server function under `/api/admin/`.
    pub async fn admin_call(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> super::ApiReply {
        self.api(client, &format!("admin/{endpoint}"), form).await
    }
}
