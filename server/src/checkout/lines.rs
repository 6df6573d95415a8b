//! A basket's lines as the checkout prices them: price in the basket's
//! currency, tax class, weight and whether they ship. Read inside the
//! transaction that places the order, so what is priced is what is sold.

use crate::basket::{BASKET_OPTION_VALUES, join_labels, unit_price};
use crate::db::{StoreError, Tx};
use crate::vals;
use app::checkout::summary_view::LineMeta;
use app::domain::summary::LineInput;
use app::domain::{Currency, Money, Quantity};

#[derive(sqlx::FromRow)]
struct FungibleRow {
    variant_id: i64,
    sku: String,
    title: String,
    price_minor: Option<i64>,
    quantity: i64,
    reserved_quantity: i64,
    tax_class: String,
    weight_grams: i64,
    shippable: bool,
}

#[derive(sqlx::FromRow)]
struct UnitRow {
    unit_id: i64,
    serial_number: String,
    variant_id: i64,
    sku: String,
    title: String,
    variant_price: Option<i64>,
    price_minor: Option<i64>,
    unit_currency: Option<String>,
    held: bool,
    tax_class: String,
    weight_grams: i64,
    shippable: bool,
}

/// One line to check out.
#[derive(Debug, Clone)]
pub struct CheckoutLine {
    pub meta: LineMeta,
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

const FUNGIBLE: &str = "SELECT l.variant_id, v.sku, COALESCE(t.title, p.title) AS title, \
     vp.amount_minor AS price_minor, l.quantity, l.reserved_quantity, p.tax_class, \
     p.weight_grams, (p.shippable AND p.product_type = 'physical') AS shippable \
     FROM basket_lines l \
     JOIN baskets b ON b.id = l.basket_id \
     JOIN variants v ON v.id = l.variant_id \
     JOIN products p ON p.id = v.product_id \
     LEFT JOIN variant_prices vp ON vp.variant_id = v.id AND vp.currency = b.currency \
     LEFT JOIN product_translations t ON t.product_id = p.id AND t.locale = $2 \
     WHERE l.basket_id = $1 ORDER BY l.added_at, l.variant_id";

const UNITS: &str = "SELECT u.id AS unit_id, u.serial_number, u.variant_id, v.sku, \
     COALESCE(t.title, p.title) AS title, vp.amount_minor AS variant_price, u.price_minor, \
     u.currency AS unit_currency, \
     (u.status = 'reserved' AND u.basket_id IS NOT NULL AND u.basket_id = bu.basket_id) AS held, \
     p.tax_class, p.weight_grams, (p.shippable AND p.product_type = 'physical') AS shippable \
     FROM basket_units bu \
     JOIN baskets b ON b.id = bu.basket_id \
     JOIN serial_units u ON u.id = bu.unit_id \
     JOIN variants v ON v.id = u.variant_id \
     JOIN products p ON p.id = v.product_id \
     LEFT JOIN variant_prices vp ON vp.variant_id = v.id AND vp.currency = b.currency \
     LEFT JOIN product_translations t ON t.product_id = p.id AND t.locale = $2 \
     WHERE bu.basket_id = $1 ORDER BY bu.added_at, u.id";

pub async fn checkout_lines(
    tx: &mut Tx,
    basket: i64,
    currency: Currency,
    locale: &str,
) -> Result<Vec<CheckoutLine>, StoreError> {
    let fungible: Vec<FungibleRow> = tx.rows(FUNGIBLE, vals![basket, locale]).await?;
    let units: Vec<UnitRow> = tx.rows(UNITS, vals![basket, locale]).await?;
    let labels = join_labels(tx.rows(BASKET_OPTION_VALUES, vals![basket]).await?);
    let label = |variant: i64| labels.get(&variant).cloned().unwrap_or_default();
    let mut lines = Vec::with_capacity(fungible.len() + units.len());
    for row in fungible {
        lines.push(CheckoutLine {
            meta: LineMeta {
                variant_id: row.variant_id,
                sku: row.sku,
                title: row.title,
                variant_label: label(row.variant_id),
                unit_id: None,
                serial_number: None,
            },
            quantity: Quantity::new(row.quantity)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?,
            unit_price: row.price_minor.map(|m| Money::from_minor(m, currency)),
            tax_class: row.tax_class,
            weight_grams: row.weight_grams,
            shippable: row.shippable,
            reserved: row.reserved_quantity,
        });
    }
    for row in units {
        let price = unit_price(
            row.price_minor,
            row.unit_currency.as_deref(),
            row.variant_price,
            currency,
        );
        lines.push(CheckoutLine {
            meta: LineMeta {
                variant_id: row.variant_id,
                sku: row.sku,
                title: row.title,
                variant_label: label(row.variant_id),
                unit_id: Some(row.unit_id),
                serial_number: Some(row.serial_number),
            },
            quantity: Quantity::ONE,
            unit_price: price.map(|m| Money::from_minor(m, currency)),
            tax_class: row.tax_class,
            weight_grams: row.weight_grams,
            shippable: row.shippable,
            reserved: i64::from(row.held),
        });
    }
    Ok(lines)
}
