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
