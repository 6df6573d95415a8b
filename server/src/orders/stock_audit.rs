//! The stock audit: every variant's `reserved` count must equal what
//! baskets (reservations), orders (allocations) and reserved serial units
//! actually hold, and never exceed what is on hand. Operators run it with
//! `server audit-stock`; the benchmark runs it after loading the store.

use crate::db::{Db, StoreError};
use crate::vals;

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StockMismatch {
    pub sku: String,
    pub stock_on_hand: i64,
    pub reserved: i64,
    /// What baskets, orders and units hold between them.
    pub held: i64,
}

pub struct StockAudit {
    pub variants: i64,
    pub mismatches: Vec<StockMismatch>,
}

pub async fn audit_stock(db: &Db) -> Result<StockAudit, StoreError> {
    let variants = db.scalar("SELECT COUNT(*) FROM variants", vals![]).await?;
    let mismatches = db
        .rows(
            "SELECT sku, stock_on_hand, reserved, held FROM ( \
               SELECT v.sku, v.stock_on_hand, v.reserved, CAST( \
                 (SELECT COALESCE(SUM(l.reserved_quantity), 0) FROM basket_lines l WHERE l.variant_id = v.id) \
               + (SELECT COALESCE(SUM(o.allocated), 0) FROM order_lines o \
                  WHERE o.variant_id = v.id AND o.unit_id IS NULL) \
               + (SELECT COUNT(*) FROM serial_units u WHERE u.variant_id = v.id AND u.status = 'reserved') \
               AS BIGINT) AS held FROM variants v) counted \
             WHERE held <> reserved OR reserved > stock_on_hand OR stock_on_hand < 0 ORDER BY sku",
            vals![],
        )
        .await?;
    Ok(StockAudit {
        variants,
        mismatches,
    })
}
