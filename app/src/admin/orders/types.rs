//! What the admin shows of orders.

use crate::admin::types::{DeliveryView, PaymentLedger};
use crate::domain::Money;
use crate::orders::types::OrderDetail;
use serde::{Deserialize, Serialize};

/// The order list's filters, as the URL carries them. Dates are
/// `YYYY-MM-DD` (UTC), both ends included.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct OrderFilter {
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    /// Part of the customer's email or name.
    #[serde(default)]
    pub customer: String,
    #[serde(default)]
    pub number: String,
    /// A payment method code.
    #[serde(default)]
    pub payment: String,
    #[serde(default)]
    pub page: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderRow {
    pub number: String,
    pub placed_at: i64,
    pub customer: String,
    pub total: Money,
    /// The state's code, for the badge's colour.
    pub status: String,
    pub status_label: String,
    pub payment: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderPage {
    pub rows: Vec<OrderRow>,
    pub total: u64,
    pub page: u32,
    pub pages: u32,
    /// Payment methods seen on orders, for the filter.
    pub payment_methods: Vec<(String, String)>,
}

/// What a merchant may do to the order now, worked out from the state
/// machine; the server checks each again when it is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OrderActions {
    pub record_payment: bool,
    pub mark_paid: bool,
    pub ship: bool,
    pub cancel: bool,
    pub refund: bool,
}

/// A processor's answer kept with a payment attempt, secrets removed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProcessorRecord {
    pub provider: String,
    pub kind: String,
    pub at: i64,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderNote {
    pub author: String,
    pub body: String,
    pub at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerSummary {
    /// The account that placed it, for its customer page.
    pub user: Option<i64>,
    pub email: String,
    /// The account that placed it, if any.
    pub user_email: Option<String>,
    pub orders: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminOrder {
    pub detail: OrderDetail,
    /// The state's code, for the workflow diagram.
    pub status: String,
    pub customer: CustomerSummary,
    pub ledger: PaymentLedger,
    pub delivery: DeliveryView,
    pub records: Vec<ProcessorRecord>,
    pub notes: Vec<OrderNote>,
    pub actions: OrderActions,
    /// The emails the customer was sent, which can be sent again.
    pub sent_emails: Vec<SentEmail>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentEmail {
    pub code: String,
    pub label: String,
}
