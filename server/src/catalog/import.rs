use super::csv_rows::CatalogRow;
use super::setup::apply_setup;
use super::setup::spec::{CategorySpec, PriceSpec, ProductSpec, SetupFile, VariantSpec};
use super::slug::slugify;
use crate::db::{Db, StoreError};
use crate::with_db;
use app::domain::Money;
use std::collections::BTreeMap;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub created: usize,
    pub updated: usize,
    pub categories: usize,
}

/// The CSV's rows as a setup file: one product with one variant per row,
/// flat categories named in the file.
fn as_setup(rows: &[CatalogRow]) -> SetupFile {
    let mut categories: Vec<CategorySpec> = Vec::new();
    for row in rows {
        let key = slugify(&row.category);
        if !categories.iter().any(|c| c.key == key) {
            categories.push(CategorySpec {
                key,
                name: row.category.clone(),
                parent: None,
                position: 0,
                translations: BTreeMap::new(),
            });
        }
    }
    let products = rows
        .iter()
        .map(|row| ProductSpec {
            key: row.sku.clone(),
            slug: None,
            name: row.title.clone(),
            description: row.description.clone(),
            short_description: String::new(),
            statement_descriptor: String::new(),
            product_type: "physical".to_owned(),
            shippable: Some(true),
            weight_grams: row.weight_grams,
            tax_class: "standard".to_owned(),
            active: true,
            categories: vec![slugify(&row.category)],
            translations: BTreeMap::new(),
            images: Vec::new(),
            variants: vec![VariantSpec {
                sku: row.sku.clone(),
                options: BTreeMap::new(),
                prices: vec![PriceSpec {
                    currency: row.currency.code().to_owned(),
                    amount: Money::from_minor(row.price_minor, row.currency)
                        .amount()
                        .to_string(),
                    interval: String::new(),
                }],
                stock: Some(row.stock),
                units: Vec::new(),
                images: Vec::new(),
            }],
            external_fulfilment: false,
            download: None,
        })
        .collect();
    SetupFile {
        categories,
        products,
        catalogs: Vec::new(),
    }
}

/// Creates or updates products by SKU in one transaction, so a failed import
/// changes nothing. Re-importing sets title, description, category, weight,
/// price and stock from the file; slugs stay put so links keep working.
pub async fn import_catalog(
    db: &Db,
    rows: &[CatalogRow],
    now: i64,
) -> Result<ImportReport, StoreError> {
    let report = apply_setup(db, &as_setup(rows), None, now).await?;
    Ok(ImportReport {
        created: report.created,
        updated: report.updated,
        categories: report.categories,
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
