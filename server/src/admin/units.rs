//! Serial units by hand: adding them to a variant and changing their
//! number, notes, own price and status. A variant's stock counts its
//! units that are not sold, so every status change moves the stock in
//! the same transaction, with a stock movement, by conditional updates.

use super::products::{AdminCatalog, not_found};
use crate::db::{StoreError, Tx};
use crate::vals;
use app::admin::stock::rules::{UnitStatus, ValidUnit};
use app::services::ServiceError;

fn store(error: impl Into<StoreError>) -> ServiceError {
    ServiceError::from(error.into())
}

fn taken(serial: &str) -> ServiceError {
    ServiceError::Conflict(format!(
        "This product already has a unit with serial number {serial}."
    ))
}

/// A unique-constraint failure is two admins racing for one serial.
fn write_error(error: sqlx::Error, serial: &str) -> ServiceError {
    match &error {
        sqlx::Error::Database(db) if db.is_unique_violation() => taken(serial),
        _ => store(error),
    }
}

fn price_columns(valid: &ValidUnit) -> Result<(Option<i64>, Option<String>), ServiceError> {
    match &valid.price {
        None => Ok((None, None)),
        Some(price) => Ok((
            Some(
                price
                    .to_minor()
                    .map_err(|e| ServiceError::Invalid(e.to_string()))?,
            ),
            Some(price.currency().code().to_owned()),
        )),
    }
}

/// Moves the variant's stock by one for a unit and records why.
async fn move_stock(
    tx: &mut Tx,
    variant: i64,
    delta: i64,
    reason: &str,
    actor: &str,
) -> Result<(), ServiceError> {
    // Taking a unit off the shelf never dips into what baskets hold.
    let changed = tx
        .execute(
            "UPDATE variants SET stock_on_hand = stock_on_hand + $2 \
             WHERE id = $1 AND stock_on_hand + $2 >= reserved AND stock_on_hand + $2 >= 0",
            vals![variant, delta],
        )
        .await
        .map_err(store)?;
    if changed == 0 {
        return Err(ServiceError::Conflict(
            "The variant's stock does not allow this change.".into(),
        ));
    }
    tx.execute(
        "INSERT INTO stock_movements (variant_id, delta, reason, actor, at) VALUES ($1, $2, $3, $4, $5)",
        vals![variant, delta, reason, actor, crate::startup::now()],
    )
    .await
    .map_err(store)?;
    Ok(())
}

impl AdminCatalog {
    pub async fn add_unit(
        &self,
        variant: i64,
        valid: &ValidUnit,
        actor: &str,
    ) -> Result<String, ServiceError> {
        if valid.status == UnitStatus::Reserved {
            return Err(ServiceError::Invalid(
                "A new unit is available or sold; baskets reserve units themselves.".into(),
            ));
        }
        let (price_minor, currency) = price_columns(valid)?;
        let serial = valid.serial_number.as_str();
        let mut tx = self.db.begin().await.map_err(store)?;
        // A variant counted by quantity becomes counted by units only
        // while it has no stock, so no quantity is lost in the switch.
        let switched: Vec<(String,)> = tx
            .rows(
                "UPDATE variants SET stock_kind = 'serial' WHERE id = $1 AND (stock_kind = 'serial' \
                 OR (stock_on_hand = 0 AND reserved = 0)) RETURNING sku",
                vals![variant],
            )
            .await
            .map_err(store)?;
        let Some((sku,)) = switched.into_iter().next() else {
            let exists = tx
                .scalar(
                    "SELECT COUNT(*) FROM variants WHERE id = $1",
                    vals![variant],
                )
                .await
                .map_err(store)?;
            tx.rollback().await.map_err(store)?;
            return Err(if exists == Some(0) {
                not_found("variant")
            } else {
                ServiceError::Conflict(
                    "This variant is counted by quantity and has stock: take its stock to 0 before adding serial units."
                        .into(),
                )
            });
        };
        let added: Vec<(i64,)> = tx
            .rows(
                "INSERT INTO serial_units (product_id, variant_id, serial_number, notes, price_minor, currency, status) \
                 SELECT product_id, id, $2, $3, $4, $5, $6 FROM variants WHERE id = $1 \
                 ON CONFLICT (product_id, serial_number) DO NOTHING RETURNING id",
                vals![variant, serial, valid.notes.as_str(), price_minor, currency, valid.status.code()],
            )
            .await
            .map_err(|e| write_error(e, serial))?;
        if added.is_empty() {
            tx.rollback().await.map_err(store)?;
            return Err(taken(serial));
        }
        if valid.status == UnitStatus::Available {
            move_stock(&mut tx, variant, 1, &format!("unit {serial} added"), actor).await?;
        }
        tx.commit().await.map_err(store)?;
        crate::catalog::catalog_changed();
        Ok(sku)
    }

    pub async fn edit_unit(
        &self,
        variant: i64,
        unit: i64,
        valid: &ValidUnit,
        actor: &str,
    ) -> Result<String, ServiceError> {
        let (price_minor, currency) = price_columns(valid)?;
        let serial = valid.serial_number.as_str();
        let mut tx = self.db.begin().await.map_err(store)?;
        let updated: Vec<(String,)> = tx
            .rows(
                "UPDATE serial_units SET serial_number = $3, notes = $4, price_minor = $5, currency = $6 \
                 WHERE id = $1 AND variant_id = $2 AND NOT EXISTS (SELECT 1 FROM serial_units o \
                 WHERE o.product_id = serial_units.product_id AND o.serial_number = $3 AND o.id <> $1) \
                 RETURNING status",
                vals![unit, variant, serial, valid.notes.as_str(), price_minor, currency],
            )
            .await
            .map_err(|e| write_error(e, serial))?;
        let Some((status,)) = updated.into_iter().next() else {
            let exists = tx
                .scalar(
                    "SELECT COUNT(*) FROM serial_units WHERE id = $1 AND variant_id = $2",
                    vals![unit, variant],
                )
                .await
                .map_err(store)?;
            tx.rollback().await.map_err(store)?;
            return Err(if exists == Some(0) {
                not_found("unit")
            } else {
                taken(serial)
            });
        };
        let now = UnitStatus::parse(&status).ok_or_else(|| {
            store(StoreError::Corrupt(format!(
                "unit {unit} has status {status}"
            )))
        })?;
        if now != valid.status {
            self.change_status(&mut tx, variant, unit, now, valid, actor)
                .await?;
        }
        let sku = tx
            .rows::<(String,)>("SELECT sku FROM variants WHERE id = $1", vals![variant])
            .await
            .map_err(store)?
            .into_iter()
            .next()
            .map(|(sku,)| sku)
            .ok_or_else(|| not_found("variant"))?;
        tx.commit().await.map_err(store)?;
        crate::catalog::catalog_changed();
        Ok(sku)
    }

    async fn change_status(
        &self,
        tx: &mut Tx,
        variant: i64,
        unit: i64,
        from: UnitStatus,
        valid: &ValidUnit,
        actor: &str,
    ) -> Result<(), ServiceError> {
        let serial = valid.serial_number.as_str();
        // A unit held for an order follows the order: cancelling it
        // returns the unit.
        let ordered = tx
            .scalar(
                "SELECT COUNT(*) FROM order_lines WHERE unit_id = $1 AND allocated > 0",
                vals![unit],
            )
            .await
            .map_err(store)?;
        if ordered != Some(0) {
            return Err(ServiceError::Conflict(
                "This unit belongs to an order: cancelling the order returns it to stock.".into(),
            ));
        }
        let (delta, reason) = match (from, valid.status) {
            (UnitStatus::Reserved, _) | (_, UnitStatus::Reserved) => {
                return Err(ServiceError::Conflict(
                    "A basket holds this unit: release the reservation first.".into(),
                ));
            }
            (UnitStatus::Available, UnitStatus::Sold) => {
                (-1, format!("unit {serial} sold by hand"))
            }
            (UnitStatus::Sold, UnitStatus::Available) => {
                (1, format!("unit {serial} back in stock"))
            }
            _ => return Ok(()),
        };
        let changed = tx
            .execute(
                "UPDATE serial_units SET status = $2 WHERE id = $1 AND status = $3",
                vals![unit, valid.status.code(), from.code()],
            )
            .await
            .map_err(store)?;
        if changed == 0 {
            return Err(ServiceError::Conflict(
                "The unit changed meanwhile: reload and try again.".into(),
            ));
        }
        move_stock(tx, variant, delta, &reason, actor).await
    }
}
