//! What the admin shows of an order's payments.

use crate::domain::Money;
use serde::{Deserialize, Serialize};

/// One payment of an order: an attempt through a processor, or an amount
/// a merchant recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LedgerEntry {
    pub provider: String,
    pub status: String,
    pub amount: Money,
    pub captured: Money,
    pub refunded: Money,
    /// The processor's or the bank's reference.
    pub reference: String,
    /// Who recorded it, for payments entered by hand.
    pub recorded_by: String,
    pub at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaymentLedger {
    pub number: String,
    pub status_label: String,
    pub total: Money,
    pub paid: Money,
    pub refunded: Money,
    /// What is still to be paid (never negative).
    pub due: Money,
    /// What can still be given back.
    pub refundable: Money,
    /// The payments cover the total and the order is not paid yet.
    pub can_mark_paid: bool,
    pub payments: Vec<LedgerEntry>,
}

/// A background job as the merchant sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobView {
    pub id: i64,
    /// "fulfil", "email", "handoff", …
    pub kind: String,
    /// What it does, in words ("email: confirmation").
    pub summary: String,
    /// queued, running, done or dead.
    pub status: String,
    pub attempts: u32,
    pub max_attempts: u32,
    pub last_error: Option<String>,
    /// When it runs (again), Unix seconds.
    pub run_at: i64,
    pub updated_at: i64,
    /// The order it is about, if any.
    pub order_number: Option<String>,
}

/// An order's delivery as the merchant sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeliveryView {
    pub number: String,
    pub status_label: String,
    pub tracking_number: Option<String>,
    pub downloads: Vec<crate::orders::types::DownloadView>,
    /// The external partner's answers, newest first.
    pub handoffs: Vec<HandoffView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HandoffView {
    pub at: i64,
    pub status_code: Option<u16>,
    pub accepted: bool,
    pub response: String,
}
