//! Serial-numbered units in baskets. A unit is reserved by at most one
//! basket: taking it is a conditional update from `available`, so of two
//! baskets racing for it exactly one wins. The variant's `reserved` count
//! moves in the same transaction, so availability stays one number.

use super::store::{BasketStore, LOCK_BASKET, now};
use crate::db::{StoreError, Tx};
use crate::vals;
use app::basket::types::{StoredLine, UnitRef};
use app::domain::{Currency, Money, Quantity, reservation};
use app::services::{BasketId, ServiceError};

#[derive(sqlx::FromRow)]
pub(super) struct UnitLineRow {
    unit_id: i64,
    serial_number: String,
    pub(super) variant_id: i64,
    product_id: i64,
    slug: String,
    title: String,
    variant_price: Option<i64>,
    price_minor: Option<i64>,
    unit_currency: Option<String>,
    held: bool,
    reserved_until: i64,
}

impl UnitLineRow {
    /// Due for renewal: lost, or within half its lifetime of lapsing.
    pub(super) fn due(&self, now: i64, ttl: i64) -> bool {
        !self.held || self.reserved_until - now < ttl / 2
    }

    pub(super) fn into_line(self, currency: Currency, label: String) -> StoredLine {
        let price = unit_price(
            self.price_minor,
            self.unit_currency.as_deref(),
            self.variant_price,
            currency,
        );
        StoredLine {
            variant_id: self.variant_id,
            product_id: self.product_id,
            slug: self.slug,
            title: self.title,
            variant_label: label,
            unit: Some(UnitRef {
                id: self.unit_id,
                serial_number: self.serial_number,
            }),
            unit_price: Money::from_minor(price.unwrap_or(0), currency),
            quantity: Quantity::ONE,
            // A unit without a price in the basket's currency cannot be bought.
            reserved: self.held && price.is_some(),
        }
    }
}

/// A unit's price in minor units of `currency`: its own price when it has
/// one in that currency, else its variant's.
pub fn unit_price(
    own: Option<i64>,
    own_currency: Option<&str>,
    variant_price: Option<i64>,
    currency: Currency,
) -> Option<i64> {
    match (own, own_currency) {
        (Some(minor), Some(code)) if code == currency.code() => Some(minor),
        _ => variant_price,
    }
}

#[derive(sqlx::FromRow)]
struct UnitRow {
    variant_id: i64,
    serial_number: String,
    status: String,
    basket_id: Option<i64>,
}

crate::lite_row!(UnitRow {
    variant_id,
    serial_number,
    status,
    basket_id
});

async fn lock_basket(tx: &mut Tx, basket: BasketId, now: i64) -> Result<(), StoreError> {
    tx.execute(LOCK_BASKET, vals![basket, now]).await?;
    Ok(())
}

/// Whether the (locked) basket may change: it does not wait on an order.
async fn is_open(tx: &mut Tx, basket: BasketId) -> Result<bool, StoreError> {
    let open: Vec<(i64,)> = tx
        .rows(
            "SELECT id FROM baskets WHERE id = $1 AND status = 'open'",
            vals![basket],
        )
        .await?;
    Ok(!open.is_empty())
}

/// Takes an available unit for the basket; false when someone else has it.
async fn take(
    tx: &mut Tx,
    basket: BasketId,
    unit: i64,
    variant: i64,
    until: i64,
) -> Result<bool, StoreError> {
    let taken = tx
        .execute(
            "UPDATE serial_units SET status = 'reserved', basket_id = $2, reserved_until = $3 \
             WHERE id = $1 AND status = 'available'",
            vals![unit, basket, until],
        )
        .await?;
    if taken == 0 {
        return Ok(false);
    }
    let counted = tx
        .execute(
            "UPDATE variants SET reserved = reserved + 1 WHERE id = $1 AND stock_on_hand - reserved >= 1",
            vals![variant],
        )
        .await?;
    if counted == 0 {
        return Err(StoreError::Corrupt(format!(
            "variant {variant} counts fewer units than are available"
        )));
    }
    Ok(true)
}

/// Gives a unit this basket holds back to the shelf.
async fn release(
    tx: &mut Tx,
    basket: BasketId,
    unit: i64,
    variant: i64,
) -> Result<bool, StoreError> {
    let released = tx
        .execute(
            "UPDATE serial_units SET status = 'available', basket_id = NULL, reserved_until = 0 \
             WHERE id = $1 AND status = 'reserved' AND basket_id = $2",
            vals![unit, basket],
        )
        .await?;
    if released == 1 {
        tx.execute(
            "UPDATE variants SET reserved = reserved - 1 WHERE id = $1",
            vals![variant],
        )
        .await?;
    }
    Ok(released == 1)
}

impl BasketStore {
    pub(super) async fn unit_lines(
        &self,
        basket: BasketId,
        locale: &str,
    ) -> Result<Vec<UnitLineRow>, StoreError> {
        Ok(self
            .db()
            .rows(
                "SELECT u.id AS unit_id, u.serial_number, u.variant_id, p.id AS product_id, p.slug, \
                 COALESCE(t.title, p.title) AS title, vp.amount_minor AS variant_price, u.price_minor, \
                 u.currency AS unit_currency, \
                 (u.status = 'reserved' AND u.basket_id IS NOT NULL AND u.basket_id = bu.basket_id) AS held, \
                 u.reserved_until \
                 FROM basket_units bu \
                 JOIN baskets b ON b.id = bu.basket_id \
                 JOIN serial_units u ON u.id = bu.unit_id \
                 JOIN variants v ON v.id = u.variant_id \
                 JOIN products p ON p.id = v.product_id \
                 LEFT JOIN variant_prices vp ON vp.variant_id = v.id AND vp.currency = b.currency \
                 LEFT JOIN product_translations t ON t.product_id = p.id AND t.locale = $2 \
                 WHERE bu.basket_id = $1 ORDER BY bu.added_at, u.id",
                vals![basket, locale],
            )
            .await?)
    }

    /// Puts units of a serial-numbered variant in the basket: the picked
    /// one, or `quantity` of any available ones.
    pub(super) async fn add_units(
        &self,
        basket: BasketId,
        variant: i64,
        title: &str,
        quantity: Quantity,
        unit: Option<i64>,
    ) -> Result<String, ServiceError> {
        let now = now();
        let until = reservation::expires_at(now, self.ttl_seconds());
        let mut tx = self.db().begin().await.map_err(StoreError::from)?;
        lock_basket(&mut tx, basket, now).await?;
        if !is_open(&mut tx, basket).await? {
            drop(tx);
            return Err(self.frozen_message(basket).await);
        }
        let message = match unit {
            Some(unit) => {
                if quantity.get() != 1 {
                    return Err(ServiceError::Invalid(
                        "A picked unit is unique: the quantity must be 1.".into(),
                    ));
                }
                let found: Option<UnitRow> = tx
                    .rows(
                        "SELECT variant_id, serial_number, status, basket_id FROM serial_units WHERE id = $1",
                        vals![unit],
                    )
                    .await
                    .map_err(StoreError::from)?
                    .into_iter()
                    .next();
                let found = found
                    .filter(|u| u.variant_id == variant)
                    .ok_or_else(|| ServiceError::NotFound("That unit does not exist.".into()))?;
                if found.status == "reserved" && found.basket_id == Some(basket) {
                    return Err(ServiceError::Conflict(format!(
                        "Serial number {} is already in your basket.",
                        found.serial_number
                    )));
                }
                if !take(&mut tx, basket, unit, variant, until).await? {
                    return Err(ServiceError::Conflict(format!(
                        "Sorry, serial number {} of {title} is no longer available.",
                        found.serial_number
                    )));
                }
                self.remember(&mut tx, basket, unit, now).await?;
                format!(
                    "Added serial number {} of {title} to your basket.",
                    found.serial_number
                )
            }
            None => {
                let wanted = i64::from(quantity.get());
                let candidates: Vec<(i64,)> = tx
                    .rows(
                        "SELECT id FROM serial_units WHERE variant_id = $1 AND status = 'available' \
                         ORDER BY serial_number LIMIT $2",
                        vals![variant, wanted + 20],
                    )
                    .await
                    .map_err(StoreError::from)?;
                let mut got = 0;
                for (candidate,) in candidates {
                    if got == wanted {
                        break;
                    }
                    if take(&mut tx, basket, candidate, variant, until).await? {
                        self.remember(&mut tx, basket, candidate, now).await?;
                        got += 1;
                    }
                }
                if got < wanted {
                    // Dropping the transaction rolls back the units taken.
                    return Err(ServiceError::Conflict(if got == 0 {
                        format!("Sorry, not enough stock: {title} is sold out.")
                    } else {
                        format!("Sorry, not enough stock: only {got} of {title} available.")
                    }));
                }
                format!("Added {wanted} × {title} to your basket.")
            }
        };
        tx.commit().await.map_err(StoreError::from)?;
        Ok(message)
    }

    async fn remember(
        &self,
        tx: &mut Tx,
        basket: BasketId,
        unit: i64,
        now: i64,
    ) -> Result<(), StoreError> {
        tx.execute(
            "INSERT INTO basket_units (basket_id, unit_id, added_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            vals![basket, unit, now],
        )
        .await?;
        Ok(())
    }

    pub(super) async fn drop_unit(
        &self,
        basket: BasketId,
        unit: i64,
    ) -> Result<String, ServiceError> {
        let now = now();
        let mut tx = self.db().begin().await.map_err(StoreError::from)?;
        lock_basket(&mut tx, basket, now).await?;
        if !is_open(&mut tx, basket).await? {
            drop(tx);
            return Err(self.frozen_message(basket).await);
        }
        let variant = tx
            .scalar(
                "SELECT variant_id FROM serial_units WHERE id = $1",
                vals![unit],
            )
            .await
            .map_err(StoreError::from)?;
        let removed = tx
            .execute(
                "DELETE FROM basket_units WHERE basket_id = $1 AND unit_id = $2",
                vals![basket, unit],
            )
            .await
            .map_err(StoreError::from)?;
        let (Some(variant), 1) = (variant, removed) else {
            return Err(ServiceError::NotFound(
                "That item is not in your basket.".into(),
            ));
        };
        release(&mut tx, basket, unit, variant).await?;
        tx.commit().await.map_err(StoreError::from)?;
        Ok("Item removed from your basket.".to_owned())
    }

    /// Renews held units and tries to take back lapsed ones.
    pub(super) async fn renew_units(
        &self,
        basket: BasketId,
        lines: &[UnitLineRow],
    ) -> Result<(), StoreError> {
        let now = now();
        let until = reservation::expires_at(now, self.ttl_seconds());
        let mut tx = self.db().begin().await?;
        lock_basket(&mut tx, basket, now).await?;
        for line in lines.iter().filter(|l| !l.held) {
            take(&mut tx, basket, line.unit_id, line.variant_id, until).await?;
        }
        tx.execute(
            "UPDATE serial_units SET reserved_until = $2 WHERE basket_id = $1 AND status = 'reserved'",
            vals![basket, until],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Releases units whose reservation ran out; each release is
    /// conditional, so concurrent sweepers never release one twice.
    pub(super) async fn sweep_units(&self, now: i64) -> Result<u64, StoreError> {
        let lapsed: Vec<(i64, i64, i64)> = self
            .db()
            .rows(
                "SELECT id, variant_id, basket_id FROM serial_units \
                 WHERE status = 'reserved' AND reserved_until <= $1 LIMIT 1000",
                vals![now],
            )
            .await?;
        let mut released = 0;
        for (unit, variant, basket) in lapsed {
            let mut tx = self.db().begin().await?;
            lock_basket(&mut tx, basket, now).await?;
            let still_lapsed = tx
                .scalar(
                    "SELECT id FROM serial_units WHERE id = $1 AND basket_id = $2 AND status = 'reserved' \
                     AND reserved_until <= $3",
                    vals![unit, basket, now],
                )
                .await?
                .is_some();
            if still_lapsed && release(&mut tx, basket, unit, variant).await? {
                released += 1;
            }
            tx.commit().await?;
        }
        Ok(released)
    }
}
