use super::csv_rows::CatalogRow;
use super::slug::slugify;
use crate::db::{Db, StoreError};
use crate::with_db;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub created: usize,
    pub updated: usize,
    pub categories: usize,
}

/// Creates or updates products by SKU in one transaction, so a failed import
/// changes nothing. Re-importing sets title, description, category, weight,
/// price and stock from the file; slugs stay put so links keep working.
pub async fn import_catalog(
    db: &Db,
    rows: &[CatalogRow],
    now: i64,
) -> Result<ImportReport, StoreError> {
    with_db!(db, |pool| {
        let mut tx = pool.begin().await?;
        let mut report = ImportReport::default();
        let mut category_ids = std::collections::HashMap::new();
        for row in rows {
            let category_id = match category_ids.get(&row.category) {
                Some(id) => *id,
                None => {
                    let slug = slugify(&row.category);
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO categories (slug, name) VALUES ($1, $2) \
                         ON CONFLICT (slug) DO UPDATE SET name = excluded.name RETURNING id",
                    )
                    .bind(&slug)
                    .bind(&row.category)
                    .fetch_one(&mut *tx)
                    .await?;
                    category_ids.insert(row.category.clone(), id);
                    id
                }
            };
            let existing: Option<i64> =
                sqlx::query_scalar("SELECT id FROM products WHERE sku = $1")
                    .bind(&row.sku)
                    .fetch_optional(&mut *tx)
                    .await?;
            let product_id = match existing {
                Some(id) => {
                    sqlx::query(
                        "UPDATE products SET title = $2, description = $3, category_id = $4, \
                         weight_grams = $5, updated_at = $6 WHERE id = $1",
                    )
                    .bind(id)
                    .bind(&row.title)
                    .bind(&row.description)
                    .bind(category_id)
                    .bind(row.weight_grams)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    report.updated += 1;
                    id
                }
                None => {
                    let mut slug = slugify(&row.title);
                    let taken: Option<i64> =
                        sqlx::query_scalar("SELECT id FROM products WHERE slug = $1")
                            .bind(&slug)
                            .fetch_optional(&mut *tx)
                            .await?;
                    if slug.is_empty() || taken.is_some() {
                        slug = format!("{}-{}", slug, slugify(&row.sku))
                            .trim_start_matches('-')
                            .to_owned();
                    }
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO products (sku, slug, title, description, category_id, weight_grams, \
                         active, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7, $7) \
                         RETURNING id",
                    )
                    .bind(&row.sku)
                    .bind(&slug)
                    .bind(&row.title)
                    .bind(&row.description)
                    .bind(category_id)
                    .bind(row.weight_grams)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await?;
                    report.created += 1;
                    id
                }
            };
            // Stock may not drop below what baskets hold reserved.
            let written = sqlx::query(
                "INSERT INTO variants (product_id, sku, position, price_minor, currency, stock_on_hand) \
                 VALUES ($1, $2, 0, $3, $4, $5) \
                 ON CONFLICT (sku) DO UPDATE SET price_minor = excluded.price_minor, \
                 currency = excluded.currency, stock_on_hand = excluded.stock_on_hand \
                 WHERE excluded.stock_on_hand >= variants.reserved",
            )
            .bind(product_id)
            .bind(&row.sku)
            .bind(row.price_minor)
            .bind(row.currency.code())
            .bind(row.stock)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if written == 0 {
                return Err(StoreError::Rejected(format!(
                    "{}: stock {} is below the units reserved in shoppers' baskets",
                    row.sku, row.stock
                )));
            }
        }
        tx.commit().await?;
        report.categories = category_ids.len();
        Ok(report)
    })
}

/// True when the catalog has no products yet (used to seed the demo store).
pub async fn catalog_is_empty(db: &Db) -> Result<bool, StoreError> {
    let count: i64 = with_db!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM products"
    )
    .fetch_one(pool)
    .await)?;
    Ok(count == 0)
}
