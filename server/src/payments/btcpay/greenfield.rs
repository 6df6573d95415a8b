//! The parts of BTCPay Server's Greenfield API the store uses, as types.

use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewInvoice {
    /// A decimal string, as Greenfield takes amounts.
    pub amount: String,
    pub currency: String,
    pub metadata: InvoiceMetadata,
    pub checkout: CheckoutOptions,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct InvoiceMetadata {
    pub order_id: Option<String>,
    /// The store's attempt token.
    pub attempt: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckoutOptions {
    #[serde(rename = "redirectURL")]
    pub redirect_url: String,
    pub redirect_automatically: bool,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Invoice {
    pub id: String,
    #[serde(default)]
    pub checkout_link: String,
    /// Greenfield sends amounts as strings; some versions as numbers.
    pub amount: serde_json::Value,
    pub currency: String,
    pub status: String,
    #[serde(default)]
    pub metadata: InvoiceMetadata,
}

/// How an invoice can be paid: one entry per payment method.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentMethod {
    #[serde(default)]
    pub payment_link: Option<String>,
}

/// A webhook delivery; the invoice itself is fetched, not trusted from here.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookEvent {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub invoice_id: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RefundRequest {
    pub refund_variant: &'static str,
    pub custom_amount: String,
    pub custom_currency: String,
    pub payment_method: &'static str,
}

#[derive(Debug, Deserialize)]
pub struct PullPayment {
    pub id: String,
}

impl Invoice {
    /// The amount as written, whether string or number.
    pub fn amount_text(&self) -> String {
        match &self.amount {
            serde_json::Value::String(text) => text.clone(),
            other => other.to_string(),
        }
    }
}
