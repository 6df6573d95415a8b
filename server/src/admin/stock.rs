//! Stock by hand: a product's stock, adjustments with a reason (one
//! conditional update, so stock never drops below what is reserved or
//! below zero), and releasing a basket's reservation.

use super::products::{AdminCatalog, not_found};
use crate::db::StoreError;
use crate::vals;
use app::admin::stock::types::{MovementRow, ReservationRow, StockView, UnitRow, VariantStock};
use app::domain::{Currency, Money};
use app::services::ServiceError;

impl AdminCatalog {
    pub async fn stock(&self, product: i64) -> Result<StockView, ServiceError> {
        let name: Option<(String,)> = self
            .db
            .rows("SELECT title FROM products WHERE id = $1", vals![product])
            .await
            .map_err(StoreError::from)?
            .into_iter()
            .next();
        let (name,) = name.ok_or_else(|| not_found("product"))?;
        let variants: Vec<(i64, String, String, i64, i64)> = self
            .db
            .rows(
                "SELECT id, sku, stock_kind, stock_on_hand, reserved FROM variants \
                 WHERE product_id = $1 ORDER BY position",
                vals![product],
            )
            .await
            .map_err(StoreError::from)?;
        let options = self
            .variant_options(product)
            .await
            .map_err(StoreError::from)?;
        let rows = variants
            .into_iter()
            .map(|(id, sku, kind, on_hand, reserved)| VariantStock {
                label: options
                    .iter()
                    .filter(|(variant, ..)| *variant == id)
                    .map(|(_, n, v)| format!("{n}: {v}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                id,
                sku,
                serial: kind == "serial",
                on_hand,
                reserved,
            })
            .collect();
        let reservations: Vec<(i64, i64, String, i64, i64)> = self
            .db
            .rows(
                "SELECT bl.basket_id, v.id, v.sku, bl.reserved_quantity, bl.reserved_until \
                 FROM basket_lines bl JOIN variants v ON v.id = bl.variant_id \
                 WHERE v.product_id = $1 AND bl.reserved_quantity > 0 ORDER BY bl.reserved_until",
                vals![product],
            )
            .await
            .map_err(StoreError::from)?;
        let movements: Vec<(String, i64, String, String, i64)> = self
            .db
            .rows(
                "SELECT v.sku, m.delta, m.reason, m.actor, m.at FROM stock_movements m \
                 JOIN variants v ON v.id = m.variant_id WHERE v.product_id = $1 \
                 ORDER BY m.id DESC LIMIT 50",
                vals![product],
            )
            .await
            .map_err(StoreError::from)?;
        let units: Vec<(i64, i64, String, String, String, String, Option<i64>, Option<String>)> = self
            .db
            .rows(
                "SELECT u.id, v.id, v.sku, u.serial_number, u.status, u.notes, u.price_minor, u.currency \
                 FROM serial_units u \
                 JOIN variants v ON v.id = u.variant_id WHERE u.product_id = $1 \
                 ORDER BY v.position, u.serial_number",
                vals![product],
            )
            .await
            .map_err(StoreError::from)?;
        Ok(StockView {
            product,
            name,
            variants: rows,
            reservations: reservations
                .into_iter()
                .map(|(basket, variant, sku, quantity, until)| ReservationRow {
                    basket,
                    variant,
                    sku,
                    quantity,
                    until,
                })
                .collect(),
            movements: movements
                .into_iter()
                .map(|(sku, delta, reason, actor, at)| MovementRow {
                    sku,
                    delta,
                    reason,
                    actor,
                    at,
                })
                .collect(),
            units: units
                .into_iter()
                .map(
                    |(id, variant, sku, serial_number, status, notes, minor, currency)| UnitRow {
                        id,
                        variant,
                        sku,
                        price: match (minor, currency.as_deref().map(Currency::parse)) {
                            (Some(minor), Some(Ok(currency))) => {
                                Money::from_minor(minor, currency).amount().to_string()
                            }
                            _ => String::new(),
                        },
                        serial_number,
                        status,
                        notes,
                    },
                )
                .collect(),
        })
    }

    pub async fn adjust_stock(
        &self,
        variant: i64,
        delta: i64,
        reason: &str,
        actor: &str,
    ) -> Result<String, ServiceError> {
        let mut tx = self.db.begin().await.map_err(StoreError::from)?;
        // The condition is the rule: never below what baskets and orders
        // hold, never below zero; counted units change with their serials.
        let changed: Vec<(String,)> = tx
            .rows(
                "UPDATE variants SET stock_on_hand = stock_on_hand + $2 \
                 WHERE id = $1 AND stock_kind = 'fungible' AND stock_on_hand + $2 >= reserved \
                 AND stock_on_hand + $2 >= 0 RETURNING sku",
                vals![variant, delta],
            )
            .await
            .map_err(StoreError::from)?;
        let Some((sku,)) = changed.into_iter().next() else {
            let found: Vec<(String, i64, i64)> = tx
                .rows(
                    "SELECT stock_kind, stock_on_hand, reserved FROM variants WHERE id = $1",
                    vals![variant],
                )
                .await
                .map_err(StoreError::from)?;
            tx.rollback().await.map_err(StoreError::from)?;
            return Err(match found.first() {
                None => not_found("variant"),
                Some((kind, _, _)) if kind == "serial" => ServiceError::Conflict(
                    "This variant is counted by serial numbers: add or remove units instead."
                        .into(),
                ),
                Some((_, on_hand, reserved)) => ServiceError::Conflict(format!(
                    "That would leave {} on hand, but {reserved} are reserved or sold and not shipped.",
                    on_hand + delta
                )),
            });
        };
        tx.execute(
            "INSERT INTO stock_movements (variant_id, delta, reason, actor, at) VALUES ($1, $2, $3, $4, $5)",
            vals![variant, delta, reason, actor, crate::startup::now()],
        )
        .await
        .map_err(StoreError::from)?;
        tx.commit().await.map_err(StoreError::from)?;
        crate::catalog::catalog_changed();
        Ok(sku)
    }

    pub async fn release_reservation(&self, basket: i64, variant: i64) -> Result<(), ServiceError> {
        if self.baskets.release_by_hand(basket, variant).await? {
            crate::catalog::catalog_changed();
            Ok(())
        } else {
            Err(ServiceError::Conflict(
                "That basket holds nothing of this variant any more.".into(),
            ))
        }
    }
}
