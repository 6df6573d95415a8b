use crate::db::{Db, StoreError};
use crate::with_db;
use app::catalog::types::{CategoryLink, ListingPage, ProductCard, ProductDetail};
use app::domain::{Availability, Currency, Money};
use app::services::{CatalogService, ServiceError};
use async_trait::async_trait;

/// Read side of the catalog, as shoppers see it (active products only).
#[derive(Clone)]
pub struct CatalogStore {
    db: Db,
}

impl CatalogStore {
    pub fn new(db: Db) -> Self {
        CatalogStore { db }
    }
}

#[derive(sqlx::FromRow)]
struct CardRow {
    slug: String,
    title: String,
    price_minor: i64,
    currency: String,
    /// On hand minus reserved.
    available: i64,
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    slug: String,
    sku: String,
    title: String,
    description: String,
    category_slug: String,
    category_name: String,
    variant_id: i64,
    price_minor: i64,
    currency: String,
    /// On hand minus reserved.
    available: i64,
}

#[derive(sqlx::FromRow)]
struct CategoryRow {
    id: i64,
    slug: String,
    name: String,
}

pub fn money(minor: i64, currency: &str) -> Result<Money, StoreError> {
    let currency = Currency::parse(currency).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    Ok(Money::from_minor(minor, currency))
}

const CARD_COLUMNS: &str = "SELECT p.slug, p.title, v.price_minor, v.currency, \
     v.stock_on_hand - v.reserved AS available \
     FROM products p JOIN variants v ON v.product_id = p.id AND v.position = 0 \
     WHERE p.active = TRUE";

impl CatalogStore {
    async fn category_by_slug(&self, slug: &str) -> Result<Option<CategoryRow>, StoreError> {
        Ok(with_db!(&self.db, |pool| {
            sqlx::query_as::<_, CategoryRow>(
                "SELECT id, slug, name FROM categories WHERE slug = $1",
            )
            .bind(slug)
            .fetch_optional(pool)
            .await
        })?)
    }

    async fn cards(
        &self,
        category_id: Option<i64>,
        page: u32,
    ) -> Result<(Vec<CardRow>, i64), StoreError> {
        let limit = i64::from(ListingPage::PAGE_SIZE);
        let offset = i64::from(page.saturating_sub(1)) * limit;
        let result = match category_id {
            None => with_db!(&self.db, |pool| {
                let rows = sqlx::query_as::<_, CardRow>(&format!(
                    "{CARD_COLUMNS} ORDER BY p.title, p.id LIMIT $1 OFFSET $2"
                ))
                .bind(limit)
                .bind(offset)
                .fetch_all(pool)
                .await?;
                let total: i64 =
                    sqlx::query_scalar("SELECT COUNT(*) FROM products WHERE active = TRUE")
                        .fetch_one(pool)
                        .await?;
                Ok::<_, sqlx::Error>((rows, total))
            }),
            Some(category) => with_db!(&self.db, |pool| {
                let rows = sqlx::query_as::<_, CardRow>(&format!(
                    "{CARD_COLUMNS} AND p.category_id = $3 ORDER BY p.title, p.id LIMIT $1 OFFSET $2"
                ))
                .bind(limit)
                .bind(offset)
                .bind(category)
                .fetch_all(pool)
                .await?;
                let total: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM products WHERE active = TRUE AND category_id = $1",
                )
                .bind(category)
                .fetch_one(pool)
                .await?;
                Ok::<_, sqlx::Error>((rows, total))
            }),
        };
        Ok(result?)
    }
}

#[async_trait]
impl CatalogService for CatalogStore {
    async fn categories(&self) -> Result<Vec<CategoryLink>, ServiceError> {
        let rows = with_db!(&self.db, |pool| sqlx::query_as::<_, CategoryRow>(
            "SELECT id, slug, name FROM categories ORDER BY name"
        )
        .fetch_all(pool)
        .await)
        .map_err(StoreError::from)?;
        Ok(rows
            .into_iter()
            .map(|c| CategoryLink {
                slug: c.slug,
                name: c.name,
            })
            .collect())
    }

    async fn listing(
        &self,
        category: Option<&str>,
        page: u32,
    ) -> Result<ListingPage, ServiceError> {
        let category = match category {
            Some(slug) => Some(
                self.category_by_slug(slug)
                    .await?
                    .ok_or_else(|| ServiceError::NotFound("There is no such category.".into()))?,
            ),
            None => None,
        };
        let (rows, total) = self.cards(category.as_ref().map(|c| c.id), page).await?;
        let products = rows
            .into_iter()
            .map(|r| {
                Ok(ProductCard {
                    slug: r.slug,
                    title: r.title,
                    price: money(r.price_minor, &r.currency)?,
                    availability: Availability::from_stock(r.available),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let total = u64::try_from(total).unwrap_or(0);
        Ok(ListingPage {
            category: category.map(|c| CategoryLink {
                slug: c.slug,
                name: c.name,
            }),
            products,
            page,
            page_count: ListingPage::page_count_for(total),
            total,
        })
    }

    async fn product(&self, slug: &str) -> Result<ProductDetail, ServiceError> {
        let row = with_db!(&self.db, |pool| sqlx::query_as::<_, DetailRow>(
            "SELECT p.slug, p.sku, p.title, p.description, c.slug AS category_slug, \
             c.name AS category_name, v.id AS variant_id, v.price_minor, v.currency, \
             v.stock_on_hand - v.reserved AS available \
             FROM products p \
             JOIN categories c ON c.id = p.category_id \
             JOIN variants v ON v.product_id = p.id AND v.position = 0 \
             WHERE p.slug = $1 AND p.active = TRUE"
        )
        .bind(slug)
        .fetch_optional(pool)
        .await)
        .map_err(StoreError::from)?
        .ok_or_else(|| ServiceError::NotFound("There is no such product.".into()))?;
        Ok(ProductDetail {
            slug: row.slug,
            sku: row.sku,
            title: row.title,
            description: row.description,
            category: CategoryLink {
                slug: row.category_slug,
                name: row.category_name,
            },
            variant_id: row.variant_id,
            price: money(row.price_minor, &row.currency)?,
            availability: Availability::from_stock(row.available),
        })
    }
}
