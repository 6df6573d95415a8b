//! Keeps the full-text index in step with a product: one row for the
//! default locale and one per translation, each holding the title, the
//! descriptive text and every SKU. SQLite keeps it in an FTS5 table whose
//! rowids are `product id * 16 + locale slot`; PostgreSQL in a table with a
//! generated, GIN-indexed tsvector.

use crate::db::{StoreError, Tx};
use crate::vals;
use app::domain::Locale;

#[derive(sqlx::FromRow)]
struct Source {
    locale: String,
    title: String,
    body: String,
}

crate::lite_row!(Source {
    locale,
    title,
    body
});

/// Text as the search sees it: punctuation becomes space, so "TEST-0007"
/// is the words "TEST" and "0007" in both databases (PostgreSQL's parser
/// would otherwise read "-0007" as a signed number).
fn plain(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect()
}

/// The rowid slot of a locale's row; 0 is the default text.
fn slot(locale: &str) -> i64 {
    Locale::ALL
        .iter()
        .position(|l| l.code() == locale)
        .map_or(0, |i| i as i64 + 1)
}

pub async fn refresh_search_rows(tx: &mut Tx, product: i64) -> Result<(), StoreError> {
    let skus: Vec<(String,)> = tx
        .rows(
            "SELECT sku FROM products WHERE id = $1 UNION ALL \
             SELECT sku FROM variants WHERE product_id = $1",
            vals![product],
        )
        .await?;
    let mut skus: Vec<String> = skus.into_iter().map(|(s,)| s).collect();
    skus.dedup();
    let skus = plain(&skus.join(" "));
    let options: Vec<(String,)> = tx
        .rows(
            "SELECT o.value FROM variant_options o JOIN variants v ON v.id = o.variant_id \
             WHERE v.product_id = $1",
            vals![product],
        )
        .await?;
    let options: String = options
        .into_iter()
        .map(|(v,)| v)
        .collect::<Vec<_>>()
        .join(" ");
    let sources: Vec<Source> = tx
        .rows(
            "SELECT '' AS locale, title, description || ' ' || short_description AS body \
             FROM products WHERE id = $1 \
             UNION ALL \
             SELECT t.locale, COALESCE(t.title, p.title) AS title, \
             COALESCE(t.description, p.description) || ' ' || COALESCE(t.short_description, p.short_description) AS body \
             FROM product_translations t JOIN products p ON p.id = t.product_id WHERE t.product_id = $1",
            vals![product],
        )
        .await?;
    if tx.is_sqlite() {
        tx.execute(
            "DELETE FROM product_search WHERE rowid BETWEEN $1 AND $2",
            vals![product * 16, product * 16 + 15],
        )
        .await?;
        for s in sources {
            tx.execute(
                "INSERT INTO product_search (rowid, product_id, locale, title, body, sku) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
                vals![
                    product * 16 + slot(&s.locale),
                    product,
                    &s.locale,
                    plain(&s.title),
                    plain(&format!("{} {options}", s.body)),
                    &skus
                ],
            )
            .await?;
        }
    } else {
        tx.execute(
            "DELETE FROM product_search WHERE product_id = $1",
            vals![product],
        )
        .await?;
        for s in sources {
            tx.execute(
                "INSERT INTO product_search (product_id, locale, title, body, sku) VALUES ($1, $2, $3, $4, $5)",
                vals![product, &s.locale, plain(&s.title), plain(&format!("{} {options}", s.body)), &skus],
            )
            .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_locale_has_its_own_slot_below_sixteen() {
        let slots: Vec<i64> = std::iter::once("")
            .chain(app::domain::Locale::ALL.iter().map(|l| l.code()))
            .map(super::slot)
            .collect();
        let mut unique = slots.clone();
        unique.dedup();
        assert_eq!(unique.len(), slots.len());
        assert!(slots.iter().all(|s| (0..16).contains(s)));
    }
}
