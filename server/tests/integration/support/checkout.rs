//! Checkout and account helpers: the forms a shopper fills in.

use super::{ApiReply, TestStore};

/// A complete checkout form shipping to `country`.
pub fn checkout_form(country: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        ("email", "erika@example.de"),
        ("shipping_name", "Erika Mustermann"),
        ("shipping_line1", "Heidestraße 17"),
        ("shipping_city", "Köln"),
        ("shipping_postcode", "51147"),
        ("shipping_country", country),
        ("billing_same", "on"),
        ("shipping_method", "standard"),
        ("payment_method", "bank_transfer"),
        ("intent", "place"),
    ]
}

/// A complete checkout form for a basket with nothing to ship.
pub fn digital_checkout_form() -> Vec<(&'static str, &'static str)> {
    vec![
        ("email", "erika@example.de"),
        ("billing_name", "Erika Mustermann"),
        ("billing_line1", "Heidestraße 17"),
        ("billing_city", "Köln"),
        ("billing_postcode", "51147"),
        ("billing_country", "DE"),
        ("payment_method", "bank_transfer"),
        ("intent", "place"),
    ]
}

impl TestStore {
    /// Places the basket's order with the form that fits it: shipping to
    /// Germany, or billing only when nothing ships.
    pub async fn place_basket(&self, client: &reqwest::Client) -> ApiReply {
        let view = self.api(client, "checkout/view", &[]).await;
        if view.json["needs_shipping"] == false {
            self.api(client, "checkout/submit", &digital_checkout_form())
                .await
        } else {
            self.place_order(client, "DE").await
        }
    }

    /// Places the basket's order as the hydrated checkout does.
    pub async fn place_order(&self, client: &reqwest::Client, country: &'static str) -> ApiReply {
        self.api(client, "checkout/submit", &checkout_form(country))
            .await
    }

    /// Places an order for a new shopper who adds `quantity` of `sku`;
    /// returns the client, order number and order page address.
    pub async fn new_order(&self, sku: &str, quantity: &str) -> (reqwest::Client, String, String) {
        let client = self.shopper();
        let variant = self.variant_id(sku).await.to_string();
        assert_eq!(self.add(&client, &variant, quantity).await.status, 200);
        let reply = self.place_order(&client, "DE").await;
        assert_eq!(reply.status, 200, "{:?}", reply.json);
        let placed = &reply.json["Placed"];
        (
            client,
            placed["number"].as_str().unwrap().to_owned(),
            placed["url"].as_str().unwrap().to_owned(),
        )
    }

    pub async fn register(&self, client: &reqwest::Client, email: &str) -> ApiReply {
        self.api(
            client,
            "account/register",
            &[("email", email), ("password", "correct horse battery")],
        )
        .await
    }

    pub async fn sign_in(&self, client: &reqwest::Client, email: &str, password: &str) -> ApiReply {
        self.api(
            client,
            "account/sign-in",
            &[("email", email), ("password", password)],
        )
        .await
    }
}
