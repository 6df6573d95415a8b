//! testpay helpers: an order paid through its page, and notifications
//! signed as testpay signs them.

use super::TestStore;
use super::checkout::checkout_form;
use server::payments::signature::sign_timestamped;
use server::payments::testpay::{SIGNATURE_HEADER, TestpayEvent, reference_of};

/// The secret the test configuration gives testpay.
pub const SECRET: &str = "testpay-test-secret";

/// An order placed with testpay: the shopper's client and testpay's page.
pub struct PayingOrder {
    pub client: reqwest::Client,
    pub pay_url: String,
    /// testpay's terms from the page's address (attempt, amount, …).
    pub terms: Vec<(String, String)>,
}

impl PayingOrder {
    pub fn term(&self, name: &str) -> String {
        self.terms
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    pub fn attempt(&self) -> String {
        self.term("attempt")
    }

    /// A testpay event about this payment.
    pub fn event(&self, kind: &str) -> TestpayEvent {
        let attempt = self.attempt();
        TestpayEvent {
            id: format!("evt_{kind}_{attempt}"),
            kind: kind.to_owned(),
            reference: reference_of(SECRET.as_bytes(), &attempt),
            attempt,
            amount: self.term("amount").parse().unwrap(),
            currency: self.term("currency"),
        }
    }
}

pub fn terms_of(url: &str) -> Vec<(String, String)> {
    let query = url.split_once('?').map(|(_, q)| q).unwrap_or_default();
    serde_urlencoded::from_str(query).unwrap()
}

impl TestStore {
    /// A new shopper orders one TEST-0005 and chooses testpay.
    pub async fn order_with_testpay(&self) -> PayingOrder {
        self.order_paying_with("testpay").await
    }

    /// A new shopper orders one TEST-0005 and pays with `method`, whose
    /// page the checkout sends them to.
    pub async fn order_paying_with(&self, method: &'static str) -> PayingOrder {
        let client = self.shopper();
        let variant = self.variant_id("TEST-0005").await.to_string();
        assert_eq!(self.add(&client, &variant, "1").await.status, 200);
        let form: Vec<(&str, &str)> = checkout_form("DE")
            .into_iter()
            .map(|(k, v)| {
                if k == "payment_method" {
                    (k, method)
                } else {
                    (k, v)
                }
            })
            .collect();
        let placed = self.api(&client, "checkout/submit", &form).await;
        assert_eq!(placed.status, 200, "{:?}", placed.json);
        let pay_url = placed.json["Placed"]["pay_url"]
            .as_str()
            .expect("the processor's page comes next")
            .to_owned();
        let terms = terms_of(&pay_url);
        PayingOrder {
            client,
            pay_url,
            terms,
        }
    }

    /// The latest order's number and the token of its secret link.
    pub async fn latest_order(&self) -> (String, String) {
        server::with_db!(self.db(), |pool| sqlx::query_as::<_, (String, String)>(
            "SELECT number, access_token FROM orders ORDER BY id DESC LIMIT 1"
        )
        .fetch_one(pool)
        .await)
        .unwrap()
    }

    /// Presses a button on testpay's page; returns where testpay sends
    /// the shopper back to.
    pub async fn choose(&self, order: &PayingOrder, choice: &str) -> String {
        let mut form = order.terms.clone();
        form.push(("choice".into(), choice.into()));
        let response = order
            .client
            .post(self.url("/testpay/pay"))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303, "testpay redirects back");
        response.headers()["location"].to_str().unwrap().to_owned()
    }

    /// Posts a notification as testpay would; `secret` and `at` may differ
    /// to forge or replay one.
    pub async fn notify_raw(&self, body: &[u8], secret: &str, at: i64) -> u16 {
        let signature = sign_timestamped(secret.as_bytes(), at, body);
        post_signed(
            self.url("/payments/testpay/notify"),
            (SIGNATURE_HEADER, signature),
            body.to_vec(),
        )
        .await
    }

    /// The store's offered payment methods, by code, in order.
    pub async fn offered_payments(&self) -> Vec<String> {
        let view = self.api(&self.shopper(), "checkout/view", &[]).await;
        assert_eq!(view.status, 200, "{:?}", view.json);
        view.json["payments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["code"].as_str().unwrap().to_owned())
            .collect()
    }

    pub async fn notify(&self, event: &TestpayEvent) -> u16 {
        let body = serde_json::to_vec(event).unwrap();
        self.notify_raw(&body, SECRET, server::basket::now()).await
    }

    pub async fn order_status(&self) -> String {
        server::with_db!(self.db(), |pool| sqlx::query_scalar::<_, String>(
            "SELECT status FROM orders ORDER BY id DESC LIMIT 1"
        )
        .fetch_one(pool)
        .await)
        .unwrap()
    }
}

/// Posts a processor's notification with its signature header; returns
/// the status.
pub async fn post_signed(url: String, (header, signature): (&str, String), body: Vec<u8>) -> u16 {
    reqwest::Client::new()
        .post(url)
        .header("content-type", "application/json")
        .header(header, signature)
        .body(body)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Starts `copies` deliveries of the same notification at once, each
/// signed afresh by `sign` (as a processor retrying would).
pub fn deliver_at_once(
    copies: usize,
    url: String,
    header: &'static str,
    sign: fn(&[u8]) -> String,
    body: Vec<u8>,
) -> Vec<tokio::task::JoinHandle<u16>> {
    (0..copies)
        .map(|_| {
            let (url, body) = (url.clone(), body.clone());
            tokio::spawn(async move { post_signed(url, (header, sign(&body)), body).await })
        })
        .collect()
}

/// Waits for deliveries and checks each was acknowledged.
pub async fn all_acknowledged(deliveries: Vec<tokio::task::JoinHandle<u16>>) {
    for delivery in deliveries {
        assert_eq!(
            delivery.await.unwrap(),
            200,
            "every delivery is acknowledged"
        );
    }
}
