//! The dashboard's figures and the audit log, as the admin shows them.

use crate::admin::orders::types::OrderRow;
use crate::admin::svg::chart::DayTotal;
use crate::domain::Currency;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LowStockRow {
    pub product_id: i64,
    pub sku: String,
    pub name: String,
    pub available: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub currency: Currency,
    /// The last 30 days, oldest first, days without orders included.
    pub days: Vec<DayTotal>,
    /// (state code, label, count) for every state.
    pub by_status: Vec<(String, String, u64)>,
    pub low_stock: Vec<LowStockRow>,
    pub latest: Vec<OrderRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub page: u32,
    pub pages: u32,
}

/// The seller's details on invoices and delivery notes, set in the
/// admin's settings.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct StoreDetails {
    #[serde(default)]
    pub store_name: String,
    /// Several lines.
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub vat_id: String,
    #[serde(default)]
    pub email: String,
    /// Printed at the foot of invoices (bank details, terms).
    #[serde(default)]
    pub invoice_note: String,
}

impl StoreDetails {
    /// The stored keys, in the order the settings form shows them.
    pub const KEYS: [&'static str; 5] =
        ["store_name", "address", "vat_id", "email", "invoice_note"];

    pub fn get(&self, key: &str) -> &str {
        match key {
            "store_name" => &self.store_name,
            "address" => &self.address,
            "vat_id" => &self.vat_id,
            "email" => &self.email,
            "invoice_note" => &self.invoice_note,
            _ => "",
        }
    }

    pub fn set(&mut self, key: &str, value: String) {
        match key {
            "store_name" => self.store_name = value,
            "address" => self.address = value,
            "vat_id" => self.vat_id = value,
            "email" => self.email = value,
            "invoice_note" => self.invoice_note = value,
            _ => {}
        }
    }
}
