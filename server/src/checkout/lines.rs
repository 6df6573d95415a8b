//! A basket's lines as the checkout prices them: price in the basket's
//! currency, tax class, weight and whether they ship. Read inside the
//! transaction that places the order, so what is priced is what is sold.

use crate::basket::{BASKET_OPTION_VALUES, join_labels, unit_price};
use crate::db::{StoreError, Tx, Val};
use crate::vals;
use app::checkout::summary_view::LineMeta;
use app::domain::summary::LineInput;
use app::domain::{Currency, Money, Quantity};

/// A basket line, fungible (no unit) or one serial unit.
#[derive(sqlx::FromRow)]
struct LineRow {
    variant_id: i64,
    product_id: i64,
    unit_id: Option<i64>,
    serial_number: Option<String>,
    sku: String,
    title: String,
    variant_price: Option<i64>,
    unit_price: Option<i64>,
    unit_currency: Option<String>,
    quantity: i64,
    /// Of the quantity, what the basket holds reserved (for a unit: 1 if
    /// the unit is still reserved to this basket).
    reserved: i64,
    tax_class: String,
    weight_grams: i64,
    shippable: bool,
    has_options: bool,
}

crate::lite_row!(LineRow {
    variant_id,
    product_id,
    unit_id,
    serial_number,
    sku,
    title,
    variant_price,
    unit_price,
    unit_currency,
    quantity,
    reserved,
    tax_class,
    weight_grams,
    shippable,
    has_options
});

/// One line to check out.
#[derive(Debug, Clone)]
pub struct CheckoutLine {
    pub meta: LineMeta,
    pub product_id: i64,
    pub quantity: Quantity,
    pub unit_price: Option<Money>,
    pub tax_class: String,
    pub weight_grams: i64,
    pub shippable: bool,
    /// Units of the quantity the basket holds reserved.
    pub reserved: i64,
}

impl CheckoutLine {
    pub fn input(&self, currency: Currency) -> LineInput {
        LineInput {
            unit_price: self.unit_price.unwrap_or(Money::zero(currency)),
            quantity: self.quantity,
            tax_class: self.tax_class.clone(),
            discount: Money::zero(currency),
        }
    }

    pub fn fully_reserved(&self) -> bool {
        self.reserved >= i64::from(self.quantity.get())
    }
}

/// Fungible lines, then units, each in the order they were added. The
/// parts are one statement so a placement reads its basket in one go.
const LINES: &str = "SELECT 0 AS part, l.added_at, l.variant_id AS tiebreak, \
     l.variant_id, p.id AS product_id, NULL AS unit_id, NULL AS serial_number, v.sku, COALESCE(t.title, p.title) AS title, \
     vp.amount_minor AS variant_price, NULL AS unit_price, NULL AS unit_currency, \
     l.quantity, l.reserved_quantity AS reserved, p.tax_class, p.weight_grams, \
     (p.shippable AND p.product_type = 'physical') AS shippable, \
     EXISTS (SELECT 1 FROM variant_options o WHERE o.variant_id = v.id) AS has_options \
     FROM basket_lines l \
     JOIN baskets b ON b.id = l.basket_id \
     JOIN variants v ON v.id = l.variant_id \
     JOIN products p ON p.id = v.product_id \
     LEFT JOIN variant_prices vp ON vp.variant_id = v.id AND vp.currency = b.currency \
     LEFT JOIN product_translations t ON t.product_id = p.id AND t.locale = $2 \
     WHERE l.basket_id = $1 \
     UNION ALL \
     SELECT 1 AS part, bu.added_at, u.id AS tiebreak, \
     u.variant_id, p.id AS product_id, u.id AS unit_id, u.serial_number, v.sku, COALESCE(t.title, p.title) AS title, \
     vp.amount_minor AS variant_price, u.price_minor AS unit_price, u.currency AS unit_currency, \
     1 AS quantity, \
     CASE WHEN u.status = 'reserved' AND u.basket_id = bu.basket_id THEN 1 ELSE 0 END AS reserved, \
     p.tax_class, p.weight_grams, (p.shippable AND p.product_type = 'physical') AS shippable, \
     EXISTS (SELECT 1 FROM variant_options o WHERE o.variant_id = v.id) AS has_options \
     FROM basket_units bu \
     JOIN baskets b ON b.id = bu.basket_id \
     JOIN serial_units u ON u.id = bu.unit_id \
     JOIN variants v ON v.id = u.variant_id \
     JOIN products p ON p.id = v.product_id \
     LEFT JOIN variant_prices vp ON vp.variant_id = v.id AND vp.currency = b.currency \
     LEFT JOIN product_translations t ON t.product_id = p.id AND t.locale = $2 \
     WHERE bu.basket_id = $1 \
     ORDER BY part, added_at, tiebreak";

pub async fn checkout_lines(
    tx: &mut Tx,
    basket: i64,
    currency: Currency,
    locale: &str,
) -> Result<Vec<CheckoutLine>, StoreError> {
    let rows: Vec<LineRow> = tx.rows(LINES, vals![basket, locale]).await?;
    lines_from(tx, rows, basket, currency).await
}

/// `checkout_lines` after the write `first`, sent with it (see
/// `Tx::rows_after`); also answers the rows `first` changed.
pub async fn checkout_lines_after(
    tx: &mut Tx,
    first: (&str, &[Val]),
    basket: i64,
    currency: Currency,
    locale: &str,
) -> Result<(u64, Vec<CheckoutLine>), StoreError> {
    let (changed, rows) = tx.rows_after(first, (LINES, vals![basket, locale])).await?;
    Ok((changed, lines_from(tx, rows, basket, currency).await?))
}

async fn lines_from(
    tx: &mut Tx,
    rows: Vec<LineRow>,
    basket: i64,
    currency: Currency,
) -> Result<Vec<CheckoutLine>, StoreError> {
    let labels = if rows.iter().any(|row| row.has_options) {
        join_labels(tx.rows(BASKET_OPTION_VALUES, vals![basket]).await?)
    } else {
        Default::default()
    };
    let mut lines = Vec::with_capacity(rows.len());
    for row in rows {
        let unit_price = match row.unit_id {
            Some(_) => unit_price(
                row.unit_price,
                row.unit_currency.as_deref(),
                row.variant_price,
                currency,
            ),
            None => row.variant_price,
        };
        lines.push(CheckoutLine {
            meta: LineMeta {
                variant_id: row.variant_id,
                sku: row.sku,
                title: row.title,
                variant_label: labels.get(&row.variant_id).cloned().unwrap_or_default(),
                unit_id: row.unit_id,
                serial_number: row.serial_number,
            },
            product_id: row.product_id,
            quantity: Quantity::new(row.quantity)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?,
            unit_price: unit_price.map(|m| Money::from_minor(m, currency)),
            tax_class: row.tax_class,
            weight_grams: row.weight_grams,
            shippable: row.shippable,
            reserved: row.reserved,
        });
    }
    Ok(lines)
}
