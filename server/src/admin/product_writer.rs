//! Saves the product editor in one transaction. Existing variants keep
//! their stock (it changes on the stock page, with a reason); new ones
//! start with the stock given, recorded as a stock movement. Prices live
//! on variants; orders keep the prices of their snapshot, so editing a
//! price never changes an order already placed.

use super::products::AdminCatalog;
use crate::catalog::setup::search_index::refresh_search_rows;
use crate::catalog::setup::writer::{free_slug, replace_options_and_prices};
use crate::db::{StoreError, Tx, Val};
use crate::vals;
use app::admin::catalog::rules::{ValidProduct, ValidVariant, variant_field};
use app::domain::{Currency, FieldError};
use app::services::ServiceError;

type Outcome = Result<Result<i64, Vec<FieldError>>, ServiceError>;

impl AdminCatalog {
    pub async fn save(&self, p: &ValidProduct, actor: &str) -> Outcome {
        let mut tx = self.db.begin().await.map_err(StoreError::from)?;
        match write(&mut tx, p, actor, crate::startup::now()).await? {
            Ok(id) => {
                tx.commit().await.map_err(StoreError::from)?;
                crate::catalog::catalog_changed();
                Ok(Ok(id))
            }
            Err(errors) => {
                tx.rollback().await.map_err(StoreError::from)?;
                Ok(Err(errors))
            }
        }
    }
}

async fn taken(tx: &mut Tx, sql: &str, value: &str, mine: i64) -> Result<bool, StoreError> {
    Ok(tx.scalar(sql, vals![value, mine]).await?.is_some())
}

/// Problems only the database can see: keys used elsewhere, unknown ids.
async fn conflicts(
    tx: &mut Tx,
    p: &ValidProduct,
    mine: i64,
) -> Result<Vec<FieldError>, StoreError> {
    let mut errors = Vec::new();
    if taken(
        tx,
        "SELECT id FROM products WHERE sku = $1 AND id <> $2",
        &p.sku,
        mine,
    )
    .await?
    {
        errors.push(FieldError::new("sku", "Another product has this SKU."));
    }
    if let Some(slug) = &p.slug {
        if taken(
            tx,
            "SELECT id FROM products WHERE slug = $1 AND id <> $2",
            slug,
            mine,
        )
        .await?
        {
            errors.push(FieldError::new(
                "slug",
                "Another product has this web address.",
            ));
        }
    }
    // A SKU is free if no variant has it, or one of this form's does
    // (variants may trade SKUs in one save).
    let own: Vec<i64> = p.variants.iter().filter_map(|v| v.id).collect();
    for v in &p.variants {
        let holder = tx
            .scalar("SELECT id FROM variants WHERE sku = $1", vals![&v.sku])
            .await?;
        if holder.is_some_and(|holder| !own.contains(&holder)) {
            errors.push(FieldError::new(
                variant_field(v.row, "sku"),
                "Another variant has this SKU.",
            ));
        }
        if let Some(id) = v.id {
            let owner = tx
                .scalar("SELECT product_id FROM variants WHERE id = $1", vals![id])
                .await?;
            if owner != Some(mine) {
                errors.push(FieldError::new(
                    variant_field(v.row, "sku"),
                    "This variant is not the product's.",
                ));
            }
        }
    }
    for (table, ids) in [("categories", &p.categories), ("catalogs", &p.catalogs)] {
        if !all_exist(tx, table, ids).await? {
            errors.push(FieldError::new(
                table,
                format!("Choose {table} from the list."),
            ));
        }
    }
    Ok(errors)
}

/// Whether every id names a row of `table` (a name of ours, never input).
async fn all_exist(tx: &mut Tx, table: &str, ids: &[i64]) -> Result<bool, StoreError> {
    for id in ids {
        let sql = format!("SELECT id FROM {table} WHERE id = $1");
        if tx.scalar(&sql, vals![*id]).await?.is_none() {
            return Ok(false);
        }
    }
    Ok(true)
}

async fn write(
    tx: &mut Tx,
    p: &ValidProduct,
    actor: &str,
    now: i64,
) -> Result<Result<i64, Vec<FieldError>>, ServiceError> {
    let mine = p.id.unwrap_or(0);
    // Writing first takes the write lock before anything is read (and
    // finds a product deleted meanwhile); a new product touches no row.
    let found = tx
        .execute(
            "UPDATE products SET updated_at = $2 WHERE id = $1",
            vals![mine, now],
        )
        .await
        .map_err(StoreError::from)?;
    if p.id.is_some() && found == 0 {
        return Err(super::products::not_found("product"));
    }
    let errors = conflicts(tx, p, mine).await?;
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    // The columns both statements write, as $1 to $12.
    let mut values = vals![
        &p.sku,
        &p.name,
        &p.description,
        &p.short_description,
        p.product_type.code(),
        p.shippable,
        p.weight_grams,
        &p.tax_class,
        p.active,
        p.categories[0],
        p.download_attempts,
        p.download_days
    ]
    .to_vec();
    let id = match p.id {
        Some(id) => {
            values.extend([Val::from(id), Val::from(p.slug.clone())]);
            tx.execute(
                "UPDATE products SET sku = $1, title = $2, description = $3, short_description = $4, \
                 product_type = $5, shippable = $6, weight_grams = $7, tax_class = $8, active = $9, \
                 category_id = $10, download_attempts = $11, download_days = $12, \
                 slug = COALESCE($14, slug) WHERE id = $13",
                &values,
            )
            .await
            .map_err(StoreError::from)?;
            id
        }
        None => {
            let slug = match &p.slug {
                Some(slug) => slug.clone(),
                None => free_slug(tx, &p.name, &p.sku).await?,
            };
            values.extend([Val::from(slug), Val::from(now)]);
            tx.scalar(
                "INSERT INTO products (sku, title, description, short_description, product_type, \
                 shippable, weight_grams, tax_class, active, category_id, download_attempts, download_days, \
                 slug, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id",
                &values,
            )
            .await
            .map_err(StoreError::from)?
            .ok_or_else(|| StoreError::Corrupt("product insert returned nothing".into()))?
        }
    };
    replace_links(tx, id, p).await?;
    // Park existing variants' SKUs first, so two variants may swap theirs
    // without meeting the uniqueness constraint halfway ("~" is never in a
    // SKU).
    for id in p.variants.iter().filter_map(|v| v.id) {
        tx.execute(
            "UPDATE variants SET sku = $2 WHERE id = $1",
            vals![id, format!("~{id}")],
        )
        .await
        .map_err(StoreError::from)?;
    }
    for v in &p.variants {
        write_variant(tx, id, v, actor, now).await?;
    }
    refresh_search_rows(tx, id).await?;
    Ok(Ok(id))
}

async fn replace_links(tx: &mut Tx, id: i64, p: &ValidProduct) -> Result<(), StoreError> {
    tx.execute(
        "DELETE FROM product_categories WHERE product_id = $1",
        vals![id],
    )
    .await?;
    for category in &p.categories {
        tx.execute(
            "INSERT INTO product_categories (product_id, category_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            vals![id, *category],
        )
        .await?;
    }
    tx.execute(
        "DELETE FROM catalog_products WHERE product_id = $1",
        vals![id],
    )
    .await?;
    for catalog in &p.catalogs {
        tx.execute(
            "INSERT INTO catalog_products (catalog_id, product_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            vals![*catalog, id],
        )
        .await?;
    }
    tx.execute(
        "DELETE FROM product_translations WHERE product_id = $1",
        vals![id],
    )
    .await?;
    for t in &p.translations {
        if t.name.is_none() && t.description.is_none() && t.short_description.is_none() {
            continue;
        }
        tx.execute(
            "INSERT INTO product_translations (product_id, locale, title, description, short_description) \
             VALUES ($1, $2, $3, $4, $5)",
            vals![
                id,
                t.locale.code(),
                t.name.clone(),
                t.description.clone(),
                t.short_description.clone()
            ],
        )
        .await?;
    }
    Ok(())
}

async fn write_variant(
    tx: &mut Tx,
    product: i64,
    v: &ValidVariant,
    actor: &str,
    now: i64,
) -> Result<(), StoreError> {
    let id = match v.id {
        Some(id) => {
            tx.execute(
                "UPDATE variants SET sku = $2 WHERE id = $1",
                vals![id, &v.sku],
            )
            .await?;
            id
        }
        None => {
            let position = tx
                .scalar(
                    "SELECT COALESCE(MAX(position), -1) + 1 FROM variants WHERE product_id = $1",
                    vals![product],
                )
                .await?
                .unwrap_or(0);
            let id = tx
                .scalar(
                    "INSERT INTO variants (product_id, sku, position, stock_on_hand, stock_kind) \
                     VALUES ($1, $2, $3, $4, $5) RETURNING id",
                    vals![
                        product,
                        &v.sku,
                        position,
                        v.stock,
                        if v.serial { "serial" } else { "fungible" }
                    ],
                )
                .await?
                .ok_or_else(|| StoreError::Corrupt("variant insert returned nothing".into()))?;
            if v.stock > 0 {
                tx.execute(
                    "INSERT INTO stock_movements (variant_id, delta, reason, actor, at) \
                     VALUES ($1, $2, 'initial stock', $3, $4)",
                    vals![id, v.stock, actor, now],
                )
                .await?;
            }
            id
        }
    };
    // The editor shows every option, the first on its own and the rest
    // together, so the posted ones replace what was there.
    let prices: Vec<(Currency, i64, &str)> = v
        .prices
        .iter()
        .map(|p| (p.amount.currency(), p.minor, p.interval.code()))
        .collect();
    replace_options_and_prices(
        tx,
        id,
        v.option
            .iter()
            .chain(&v.more_options)
            .map(|(n, v)| (n.as_str(), v.as_str())),
        &prices,
    )
    .await
}

impl AdminCatalog {
    pub async fn delete_variant(&self, variant: i64) -> Result<String, ServiceError> {
        let mut tx = self.db.begin().await.map_err(StoreError::from)?;
        // Lapsed basket claims on its units and unreserved basket lines go
        // with it; everything is undone if the variant must stay.
        tx.execute(
            "DELETE FROM basket_units WHERE unit_id IN (SELECT id FROM serial_units WHERE variant_id = $1)",
            vals![variant],
        )
        .await
        .map_err(StoreError::from)?;
        tx.execute(
            "DELETE FROM basket_lines WHERE variant_id = $1 AND reserved_quantity = 0",
            vals![variant],
        )
        .await
        .map_err(StoreError::from)?;
        let deleted: Vec<(String, i64)> = tx
            .rows(
                "DELETE FROM variants WHERE id = $1 AND reserved = 0 \
                 AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.variant_id = variants.id) \
                 AND NOT EXISTS (SELECT 1 FROM basket_lines b WHERE b.variant_id = variants.id) \
                 AND (SELECT COUNT(*) FROM variants o WHERE o.product_id = variants.product_id) > 1 \
                 RETURNING sku, product_id",
                vals![variant],
            )
            .await
            .map_err(StoreError::from)?;
        let Some((sku, product)) = deleted.into_iter().next() else {
            let facts: Vec<(i64, i64, i64)> = tx
                .rows(
                    "SELECT v.reserved, \
                     (SELECT COUNT(*) FROM order_lines l WHERE l.variant_id = v.id), \
                     (SELECT COUNT(*) FROM variants o WHERE o.product_id = v.product_id) \
                     FROM variants v WHERE v.id = $1",
                    vals![variant],
                )
                .await
                .map_err(StoreError::from)?;
            tx.rollback().await.map_err(StoreError::from)?;
            return Err(match facts.first() {
                None => super::products::not_found("variant"),
                Some((_, ordered, _)) if *ordered > 0 => ServiceError::Conflict(
                    "This variant has been ordered, so orders still name it: take its stock to 0 instead.".into(),
                ),
                Some((_, _, 1)) => ServiceError::Conflict(
                    "A product needs at least one variant: deactivate the product instead.".into(),
                ),
                Some(_) => ServiceError::Conflict(
                    "Shoppers' baskets hold this variant: release their reservations first.".into(),
                ),
            });
        };
        refresh_search_rows(&mut tx, product)
            .await
            .map_err(StoreError::from)?;
        tx.commit().await.map_err(StoreError::from)?;
        crate::catalog::catalog_changed();
        Ok(sku)
    }
}
