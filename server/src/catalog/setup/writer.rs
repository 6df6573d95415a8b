//! Writes a validated setup file in one transaction, matching everything by
//! key: categories by slug, products and variants by SKU, units by serial
//! number, catalogs by key. Running a file twice changes nothing the
//! second time. Images are rendered before the transaction starts.

use super::images::{PreparedImages, prepare_images};
use super::search_index::refresh_search_rows;
use super::spec::{self, ProductSpec, SetupFile, VariantSpec};
use crate::catalog::slugify;
use crate::db::{Db, StoreError, Tx};
use crate::media::StoredImage;
use crate::vals;
use app::domain::{Currency, ProductType};
use std::path::PathBuf;

/// Where image paths in a setup file are looked up, and where renditions go.
#[derive(Debug, Clone)]
pub struct Assets {
    /// The setup file's folder.
    pub base_dir: PathBuf,
    pub public_dir: PathBuf,
    pub media: crate::media::MediaStore,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SetupReport {
    pub created: usize,
    pub updated: usize,
    pub categories: usize,
    pub catalogs: usize,
    pub images: usize,
}

fn rejected(item: &str, problem: impl std::fmt::Display) -> StoreError {
    StoreError::Rejected(format!("{item}: {problem}"))
}

pub async fn apply_setup(
    db: &Db,
    file: &SetupFile,
    assets: Option<&Assets>,
    now: i64,
) -> Result<SetupReport, StoreError> {
    file.validate()?;
    let images = prepare_images(file, assets)?;
    let mut tx = db.begin().await?;
    let mut report = SetupReport {
        categories: file.categories.len(),
        catalogs: file.catalogs.len(),
        images: images.count(),
        ..SetupReport::default()
    };
    for category in &file.categories {
        write_category(&mut tx, category).await?;
    }
    for (index, product) in file.products.iter().enumerate() {
        let created = write_product(&mut tx, product, &images, index, now).await?;
        if created {
            report.created += 1;
        } else {
            report.updated += 1;
        }
    }
    for catalog in &file.catalogs {
        let id = tx
            .scalar(
                "INSERT INTO catalogs (key, name) VALUES ($1, $2) \
                 ON CONFLICT (key) DO UPDATE SET name = excluded.name RETURNING id",
                vals![&catalog.key, &catalog.name],
            )
            .await?
            .ok_or_else(|| rejected(&catalog.key, "catalog not saved"))?;
        tx.execute(
            "DELETE FROM catalog_products WHERE catalog_id = $1",
            vals![id],
        )
        .await?;
        for key in &catalog.products {
            let added = tx
                .execute(
                    "INSERT INTO catalog_products (catalog_id, product_id) \
                     SELECT $1, id FROM products WHERE sku = $2 ON CONFLICT DO NOTHING",
                    vals![id, key],
                )
                .await?;
            if added == 0 && product_id(&mut tx, key).await?.is_none() {
                return Err(rejected(&catalog.key, format!("there is no product {key}")));
            }
        }
    }
    tx.commit().await?;
    crate::catalog::catalog_changed();
    Ok(report)
}

async fn product_id(tx: &mut Tx, sku: &str) -> Result<Option<i64>, StoreError> {
    Ok(tx
        .scalar("SELECT id FROM products WHERE sku = $1", vals![sku])
        .await?)
}

async fn category_id(tx: &mut Tx, item: &str, slug: &str) -> Result<i64, StoreError> {
    tx.scalar("SELECT id FROM categories WHERE slug = $1", vals![slug])
        .await?
        .ok_or_else(|| rejected(item, format!("there is no category {slug}")))
}

async fn write_category(tx: &mut Tx, c: &spec::CategorySpec) -> Result<(), StoreError> {
    let parent = match &c.parent {
        Some(slug) if slug == &c.key => {
            return Err(rejected(&c.key, "a category cannot be its own parent"));
        }
        Some(slug) => Some(category_id(tx, &c.key, slug).await?),
        None => None,
    };
    let id = tx
        .scalar(
            "INSERT INTO categories (slug, name, parent_id, position) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (slug) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id, \
             position = excluded.position RETURNING id",
            vals![&c.key, &c.name, parent, c.position],
        )
        .await?
        .ok_or_else(|| rejected(&c.key, "category not saved"))?;
    tx.execute(
        "DELETE FROM category_translations WHERE category_id = $1",
        vals![id],
    )
    .await?;
    for (locale, name) in &c.translations {
        tx.execute(
            "INSERT INTO category_translations (category_id, locale, name) VALUES ($1, $2, $3)",
            vals![id, locale, name],
        )
        .await?;
    }
    Ok(())
}

/// Creates or updates one product; true when it was created.
async fn write_product(
    tx: &mut Tx,
    p: &ProductSpec,
    images: &PreparedImages,
    index: usize,
    now: i64,
) -> Result<bool, StoreError> {
    let item = p.key.as_str();
    let kind = ProductType::parse(&p.product_type).map_err(|e| rejected(item, e))?;
    let shippable = p.shippable.unwrap_or(kind.ships_by_default());
    let mut categories = Vec::with_capacity(p.categories.len());
    for slug in &p.categories {
        categories.push(category_id(tx, item, slug).await?);
    }
    let primary = categories[0];
    let existing = product_id(tx, &p.key).await?;
    let id = match existing {
        Some(id) => {
            tx.execute(
                "UPDATE products SET title = $2, description = $3, short_description = $4, \
                 statement_descriptor = $5, product_type = $6, shippable = $7, weight_grams = $8, \
                 tax_class = $9, active = $10, category_id = $11, updated_at = $12, \
                 slug = COALESCE($13, slug) WHERE id = $1",
                vals![
                    id,
                    &p.name,
                    &p.description,
                    &p.short_description,
                    &p.statement_descriptor,
                    kind.code(),
                    shippable,
                    p.weight_grams,
                    &p.tax_class,
                    p.active,
                    primary,
                    now,
                    p.slug.clone()
                ],
            )
            .await?;
            id
        }
        None => {
            let slug = match &p.slug {
                Some(slug) => slug.clone(),
                None => free_slug(tx, &p.name, &p.key).await?,
            };
            tx.scalar(
                "INSERT INTO products (sku, slug, title, description, short_description, \
                 statement_descriptor, product_type, shippable, weight_grams, tax_class, active, \
                 category_id, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id",
                vals![
                    &p.key,
                    slug,
                    &p.name,
                    &p.description,
                    &p.short_description,
                    &p.statement_descriptor,
                    kind.code(),
                    shippable,
                    p.weight_grams,
                    &p.tax_class,
                    p.active,
                    primary,
                    now
                ],
            )
            .await?
            .ok_or_else(|| rejected(item, "product not saved"))?
        }
    };
    tx.execute(
        "UPDATE products SET external_fulfilment = $2 WHERE id = $1",
        vals![id, p.external_fulfilment],
    )
    .await?;
    tx.execute(
        "DELETE FROM product_categories WHERE product_id = $1",
        vals![id],
    )
    .await?;
    for category in categories {
        tx.execute(
            "INSERT INTO product_categories (product_id, category_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            vals![id, category],
        )
        .await?;
    }
    tx.execute(
        "DELETE FROM product_translations WHERE product_id = $1",
        vals![id],
    )
    .await?;
    for (locale, t) in &p.translations {
        tx.execute(
            "INSERT INTO product_translations (product_id, locale, title, description, \
             short_description, statement_descriptor) VALUES ($1, $2, $3, $4, $5, $6)",
            vals![
                id,
                locale,
                t.name.clone(),
                t.description.clone(),
                t.short_description.clone(),
                t.statement_descriptor.clone()
            ],
        )
        .await?;
    }
    // Positions follow the file; park the old ones so reordering never
    // collides with the (product, position) uniqueness.
    tx.execute(
        "UPDATE variants SET position = -1 - position WHERE product_id = $1 AND position >= 0",
        vals![id],
    )
    .await?;
    tx.execute(
        "DELETE FROM product_images WHERE product_id = $1",
        vals![id],
    )
    .await?;
    let mut position = 0;
    for image in images.for_product(index) {
        insert_image(tx, id, None, position, image).await?;
        position += 1;
    }
    for (v_index, v) in p.variants.iter().enumerate() {
        let variant = write_variant(tx, id, v, v_index as i64).await?;
        for image in images.for_variant(index, v_index) {
            insert_image(tx, id, Some(variant), position, image).await?;
            position += 1;
        }
    }
    refresh_search_rows(tx, id).await?;
    Ok(existing.is_none())
}

pub(crate) async fn insert_image(
    tx: &mut Tx,
    product: i64,
    variant: Option<i64>,
    position: i64,
    (alt, stored): (&str, &StoredImage),
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO product_images (product_id, variant_id, position, alt, media_key, \
         small_width, small_height, large_width, large_height) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        vals![
            product,
            variant,
            position,
            alt,
            &stored.key,
            i64::from(stored.small.0),
            i64::from(stored.small.1),
            i64::from(stored.large.0),
            i64::from(stored.large.1)
        ],
    )
    .await?;
    Ok(())
}

/// A slug from the name, made unique with the key when it is taken.
/// Replaces a variant's options (in order) and its prices
/// (currency, minor units, billing interval).
pub(crate) async fn replace_options_and_prices<'a>(
    tx: &mut Tx,
    variant: i64,
    options: impl Iterator<Item = (&'a str, &'a str)>,
    prices: &[(Currency, i64, &str)],
) -> Result<(), StoreError> {
    tx.execute(
        "DELETE FROM variant_options WHERE variant_id = $1",
        vals![variant],
    )
    .await?;
    for (position, (name, value)) in options.enumerate() {
        tx.execute(
            "INSERT INTO variant_options (variant_id, position, name, value) VALUES ($1, $2, $3, $4)",
            vals![variant, position as i64, name, value],
        )
        .await?;
    }
    tx.execute(
        "DELETE FROM variant_prices WHERE variant_id = $1",
        vals![variant],
    )
    .await?;
    for (currency, minor, interval) in prices {
        tx.execute(
            "INSERT INTO variant_prices (variant_id, currency, amount_minor, billing_interval) \
             VALUES ($1, $2, $3, $4)",
            vals![variant, currency.code(), *minor, *interval],
        )
        .await?;
    }
    Ok(())
}

pub(crate) async fn free_slug(tx: &mut Tx, name: &str, key: &str) -> Result<String, StoreError> {
    let slug = slugify(name);
    let taken = tx
        .scalar("SELECT id FROM products WHERE slug = $1", vals![&slug])
        .await?
        .is_some();
    if slug.is_empty() || taken {
        Ok(format!("{}-{}", slug, slugify(key))
            .trim_start_matches('-')
            .to_owned())
    } else {
        Ok(slug)
    }
}

async fn write_variant(
    tx: &mut Tx,
    product: i64,
    v: &VariantSpec,
    position: i64,
) -> Result<i64, StoreError> {
    let item = v.sku.as_str();
    let owner = tx
        .scalar(
            "SELECT product_id FROM variants WHERE sku = $1",
            vals![&v.sku],
        )
        .await?;
    if owner.is_some_and(|o| o != product) {
        return Err(rejected(item, "this SKU belongs to another product"));
    }
    let serial = !v.units.is_empty();
    let stock = if serial { 0 } else { v.stock.unwrap_or(0) };
    // Stock may not drop below what baskets hold reserved; serial stock is
    // recounted from the units below.
    // No row comes back when the guard refuses the update.
    let id = tx
        .scalar(
            "INSERT INTO variants (product_id, sku, position, stock_on_hand, stock_kind) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (sku) DO UPDATE SET position = excluded.position, \
             stock_kind = excluded.stock_kind, \
             stock_on_hand = CASE WHEN excluded.stock_kind = 'serial' THEN variants.stock_on_hand \
             ELSE excluded.stock_on_hand END \
             WHERE excluded.stock_kind = 'serial' OR excluded.stock_on_hand >= variants.reserved \
             RETURNING id",
            vals![
                product,
                &v.sku,
                position,
                stock,
                if serial { "serial" } else { "fungible" }
            ],
        )
        .await?
        .ok_or_else(|| {
            rejected(
                item,
                format!("stock {stock} is below the units reserved in shoppers' baskets"),
            )
        })?;
    let planned = v
        .prices
        .iter()
        .map(|price| spec::price(item, price))
        .collect::<Result<Vec<_>, _>>()?;
    let prices: Vec<(Currency, i64, &str)> = planned
        .iter()
        .map(|p| (p.amount.currency(), p.minor, p.interval.code()))
        .collect();
    replace_options_and_prices(
        tx,
        id,
        v.options.iter().map(|(n, v)| (n.as_str(), v.as_str())),
        &prices,
    )
    .await?;
    if serial {
        for unit in &v.units {
            let price = match &unit.price {
                Some(p) => Some(spec::price(item, p)?),
                None => None,
            };
            tx.execute(
                "INSERT INTO serial_units (product_id, variant_id, serial_number, notes, price_minor, currency) \
                 VALUES ($1, $2, $3, $4, $5, $6) \
                 ON CONFLICT (product_id, serial_number) DO UPDATE SET variant_id = excluded.variant_id, \
                 notes = excluded.notes, price_minor = excluded.price_minor, currency = excluded.currency",
                vals![
                    product, id, &unit.serial, &unit.notes, price.as_ref().map(|p| p.minor),
                    price.as_ref().map(|p| p.amount.currency().code().to_owned())
                ],
            )
            .await?;
        }
        tx.execute(
            "UPDATE variants SET \
             stock_on_hand = (SELECT COUNT(*) FROM serial_units WHERE variant_id = $1 AND status <> 'sold'), \
             reserved = (SELECT COUNT(*) FROM serial_units WHERE variant_id = $1 AND status = 'reserved') \
             WHERE id = $1",
            vals![id],
        )
        .await?;
    }
    Ok(id)
}
