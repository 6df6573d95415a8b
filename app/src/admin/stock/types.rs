//! A product's stock as the admin shows it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantStock {
    pub id: i64,
    pub sku: String,
    /// "Size: M", or empty.
    pub label: String,
    /// Counted by serial numbers rather than a quantity.
    pub serial: bool,
    pub on_hand: i64,
    pub reserved: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReservationRow {
    pub basket: i64,
    pub variant: i64,
    pub sku: String,
    pub quantity: i64,
    /// Unix seconds; allocations of placed orders never lapse and are not
    /// listed here.
    pub until: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MovementRow {
    pub sku: String,
    pub delta: i64,
    pub reason: String,
    pub actor: String,
    pub at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitRow {
    pub id: i64,
    pub variant: i64,
    pub sku: String,
    /// Its own price as decimal text; empty when it sells at the variant's.
    pub price: String,
    pub serial_number: String,
    pub status: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StockView {
    pub product: i64,
    pub name: String,
    pub variants: Vec<VariantStock>,
    pub reservations: Vec<ReservationRow>,
    pub movements: Vec<MovementRow>,
    pub units: Vec<UnitRow>,
}
