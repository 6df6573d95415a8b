use super::search_sql::{self, Backend, Browse, Plan, Statement};
use crate::db::{Db, StoreError};
use crate::vals;
use app::catalog::types::{
    CategoryLink, ImageView, ListingPage, OptionValue, ProductCard, ProductDetail, SearchQuery,
    UnitView, VariantView,
};
use app::domain::category_tree::{CategoryNode, ancestry, depth_first, subtree};
use app::domain::{
    Availability, BillingInterval, Currency, Locale, Money, Price, ProductType, localized,
};
use app::services::{CatalogService, ServiceError};
use async_trait::async_trait;
use std::collections::HashMap;

/// Read side of the catalog, as shoppers see it: active products, priced
/// in the store's currency, in the shopper's language.
#[derive(Clone)]
pub struct CatalogStore {
    db: Db,
    currency: Currency,
    offers: crate::offers::LiveOffers,
    counts: BrowseCache<i64>,
    searches: BrowseCache<(Vec<i64>, i64)>,
}

/// Results of the expensive part of browsing, kept for a few seconds:
/// listing counts ("1,234 products"), and which products a search shows on
/// a page, in order, with its match count. Counting and ranking a large
/// catalog cost far more than the page itself, and shoppers repeat
/// searches. Cards are always read fresh, so prices and stock are current;
/// only which products match may lag a change by that long (and never this
/// server's own catalog writes, which start a new generation).
#[derive(Clone, Default)]
struct BrowseCache<T>(std::sync::Arc<std::sync::Mutex<HashMap<String, (std::time::Instant, T)>>>);

/// Cache key: the statement and its values, within this catalog generation.
fn cache_key(statement: &Statement) -> String {
    format!(
        "{}\u{0}{}\u{0}{:?}",
        super::catalog_generation(),
        statement.sql,
        statement.vals
    )
}

impl<T: Clone> BrowseCache<T> {
    const FRESH_FOR: std::time::Duration = std::time::Duration::from_secs(10);
    const MAX_ENTRIES: usize = 1024;

    fn get(&self, key: &str) -> Option<T> {
        let map = self.0.lock().ok()?;
        map.get(key)
            .filter(|(at, _)| at.elapsed() < Self::FRESH_FOR)
            .map(|(_, value)| value.clone())
    }

    fn put(&self, key: String, value: T) {
        if let Ok(mut map) = self.0.lock() {
            if map.len() >= Self::MAX_ENTRIES {
                map.retain(|_, (at, _)| at.elapsed() < Self::FRESH_FOR);
                if map.len() >= Self::MAX_ENTRIES {
                    map.clear();
                }
            }
            map.insert(key, (std::time::Instant::now(), value));
        }
    }
}

fn interval(code: &str) -> Result<BillingInterval, StoreError> {
    BillingInterval::parse(code).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// `None` for the default locale, whose text is the products' own.
fn translated(locale: Locale) -> Option<String> {
    (locale != Locale::DEFAULT).then(|| locale.code().to_owned())
}

#[derive(sqlx::FromRow)]
struct CategoryRow {
    id: i64,
    slug: String,
    name: String,
    parent_id: Option<i64>,
    position: i64,
}

#[derive(sqlx::FromRow)]
struct CardRow {
    id: i64,
    slug: String,
    title: String,
    min_price: Option<i64>,
    max_price: Option<i64>,
    billing_interval: Option<String>,
    available: Option<i64>,
    image_alt: Option<String>,
    media_key: Option<String>,
    small_width: Option<i64>,
    small_height: Option<i64>,
    large_width: Option<i64>,
    large_height: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct ProductRow {
    id: i64,
    slug: String,
    sku: String,
    title: String,
    description: String,
    t_title: Option<String>,
    t_description: Option<String>,
    product_type: String,
    shippable: bool,
    category_id: i64,
}

#[derive(sqlx::FromRow)]
struct VariantRow {
    id: i64,
    sku: String,
    stock_kind: String,
    available: i64,
    amount_minor: i64,
    billing_interval: String,
}

#[derive(sqlx::FromRow)]
struct OptionRow {
    variant_id: i64,
    name: String,
    value: String,
}

#[derive(sqlx::FromRow)]
struct UnitRow {
    id: i64,
    variant_id: i64,
    serial_number: String,
    notes: String,
    price_minor: Option<i64>,
    currency: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ImageRow {
    variant_id: Option<i64>,
    alt: String,
    media_key: String,
    small_width: i64,
    small_height: i64,
    large_width: i64,
    large_height: i64,
}

fn dimension(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(0)
}

pub fn image_view(alt: String, key: &str, small: (i64, i64), large: (i64, i64)) -> ImageView {
    ImageView {
        alt,
        small_url: format!(
            "/media/{}",
            crate::media::MediaStore::file_name(key, crate::media::SMALL)
        ),
        small_width: dimension(small.0),
        small_height: dimension(small.1),
        large_url: format!(
            "/media/{}",
            crate::media::MediaStore::file_name(key, crate::media::LARGE)
        ),
        large_width: dimension(large.0),
        large_height: dimension(large.1),
    }
}

impl CardRow {
    fn into_card(
        self,
        currency: Currency,
        offers: &crate::offers::live::Loaded,
        now: i64,
    ) -> Result<ProductCard, StoreError> {
        let price = match (self.min_price, &self.billing_interval) {
            (Some(minor), Some(code)) => Some(Price {
                amount: Money::from_minor(minor, currency),
                interval: interval(code)?,
            }),
            _ => None,
        };
        let image = match (
            self.media_key,
            self.small_width,
            self.small_height,
            self.large_width,
            self.large_height,
        ) {
            (Some(key), Some(sw), Some(sh), Some(lw), Some(lh)) => Some(image_view(
                self.image_alt.unwrap_or_default(),
                &key,
                (sw, sh),
                (lw, lh),
            )),
            _ => None,
        };
        Ok(ProductCard {
            offers: offers.headlines(self.id, now),
            slug: self.slug,
            title: self.title,
            price,
            price_varies: self.min_price != self.max_price,
            availability: Availability::from_stock(self.available.unwrap_or(0)),
            image,
        })
    }
}

impl CatalogStore {
    pub fn new(db: Db, currency: Currency, offers: crate::offers::LiveOffers) -> Self {
        CatalogStore {
            db,
            currency,
            offers,
            counts: BrowseCache::default(),
            searches: BrowseCache::default(),
        }
    }

    fn backend(&self) -> Backend {
        match self.db {
            Db::Sqlite(..) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    async fn category_rows(&self, locale: Locale) -> Result<Vec<CategoryRow>, StoreError> {
        let code = locale.code();
        Ok(self
            .db
            .rows(
                "SELECT c.id, c.slug, COALESCE(t.name, c.name) AS name, c.parent_id, c.position \
                 FROM categories c LEFT JOIN category_translations t \
                 ON t.category_id = c.id AND t.locale = $1",
                vals![code],
            )
            .await?)
    }

    async fn count(&self, count: &Statement) -> Result<i64, StoreError> {
        let key = cache_key(count);
        if let Some(total) = self.counts.get(&key) {
            return Ok(total);
        }
        let total = self.db.scalar(&count.sql, &count.vals).await?;
        self.counts.put(key, total);
        Ok(total)
    }

    /// The page's product ids in order, and the number of matches.
    async fn search(
        &self,
        ids: &Statement,
        count: &Statement,
    ) -> Result<(Vec<i64>, i64), StoreError> {
        let key = cache_key(ids);
        if let Some(found) = self.searches.get(&key) {
            return Ok(found);
        }
        let rows: Vec<(i64, i64)> = self.db.rows(&ids.sql, &ids.vals).await?;
        let total = match rows.first() {
            Some((_, total)) => *total,
            None => self.count(count).await?,
        };
        let found = (rows.into_iter().map(|(id, _)| id).collect(), total);
        self.searches.put(key, found.clone());
        Ok(found)
    }

    fn parse_price(&self, text: &Option<String>, what: &str) -> Result<Option<i64>, ServiceError> {
        let Some(text) = text else { return Ok(None) };
        Money::parse(text, self.currency)
            .and_then(|m| m.to_minor())
            .map(Some)
            .map_err(|e| ServiceError::Invalid(format!("The {what} price is not valid: {e}.")))
    }
}

fn nodes(rows: &[CategoryRow]) -> Vec<CategoryNode> {
    rows.iter()
        .map(|r| CategoryNode {
            id: r.id,
            parent: r.parent_id,
        })
        .collect()
}

/// The links from the root down to `id`.
fn trail(rows: &[CategoryRow], id: i64) -> Vec<CategoryLink> {
    let by_id: HashMap<i64, &CategoryRow> = rows.iter().map(|r| (r.id, r)).collect();
    ancestry(&nodes(rows), id)
        .into_iter()
        .enumerate()
        .filter_map(|(depth, id)| {
            by_id.get(&id).map(|r| CategoryLink {
                slug: r.slug.clone(),
                name: r.name.clone(),
                depth: depth as u32,
            })
        })
        .collect()
}

/// Depth-first, siblings by position then name.
fn tree_order(rows: &[CategoryRow]) -> Vec<CategoryLink> {
    let mut sorted: Vec<&CategoryRow> = rows.iter().collect();
    sorted.sort_by(|a, b| (a.position, &a.name).cmp(&(b.position, &b.name)));
    let by_id: HashMap<i64, &CategoryRow> = rows.iter().map(|r| (r.id, r)).collect();
    let ordered: Vec<CategoryNode> = sorted
        .iter()
        .map(|r| CategoryNode {
            id: r.id,
            parent: r.parent_id,
        })
        .collect();
    depth_first(&ordered)
        .into_iter()
        .filter_map(|(id, depth)| {
            by_id.get(&id).map(|r| CategoryLink {
                slug: r.slug.clone(),
                name: r.name.clone(),
                depth,
            })
        })
        .collect()
}

#[async_trait]
impl CatalogService for CatalogStore {
    async fn categories(&self, locale: Locale) -> Result<Vec<CategoryLink>, ServiceError> {
        Ok(tree_order(&self.category_rows(locale).await?))
    }

    async fn browse(
        &self,
        query: &SearchQuery,
        locale: Locale,
    ) -> Result<ListingPage, ServiceError> {
        let (categories, breadcrumbs) = match &query.category {
            Some(slug) => {
                let rows = self.category_rows(locale).await?;
                let found = rows
                    .iter()
                    .find(|r| &r.slug == slug)
                    .ok_or_else(|| ServiceError::NotFound("There is no such category.".into()))?;
                (
                    Some(subtree(&nodes(&rows), found.id)),
                    trail(&rows, found.id),
                )
            }
            None => (None, Vec::new()),
        };
        let browse = Browse {
            words: search_sql::words(&query.text),
            text: query.text.trim().to_owned(),
            categories,
            min_price: self.parse_price(&query.min_price, "minimum")?,
            max_price: self.parse_price(&query.max_price, "maximum")?,
            in_stock: query.in_stock,
            sort: query.sort,
            page: query.page.max(1),
            currency: self.currency.code().to_owned(),
            locale: translated(locale),
        };
        let page = browse.page;
        if browse.words.is_empty() && !browse.text.is_empty() {
            // Only punctuation: nothing can match.
            return Ok(ListingPage {
                breadcrumbs,
                products: Vec::new(),
                page,
                page_count: 1,
                total: 0,
            });
        }
        let (rows, total) = match search_sql::plan(self.backend(), &browse) {
            Plan::Listing { cards, count } => {
                let rows: Vec<CardRow> = self
                    .db
                    .rows(&cards.sql, &cards.vals)
                    .await
                    .map_err(StoreError::from)?;
                (rows, self.count(&count).await?)
            }
            Plan::Search { ids, count } => {
                let (ids, total) = self.search(&ids, &count).await?;
                let mut rows: Vec<CardRow> = if ids.is_empty() {
                    Vec::new()
                } else {
                    let cards = search_sql::cards_for(&browse, &ids);
                    self.db
                        .rows(&cards.sql, &cards.vals)
                        .await
                        .map_err(StoreError::from)?
                };
                rows.sort_by_key(|r| ids.iter().position(|id| *id == r.id));
                (rows, total)
            }
        };
        let offers = self.offers.current().await?;
        let now = crate::basket::now();
        let products = rows
            .into_iter()
            .map(|r| r.into_card(self.currency, &offers, now))
            .collect::<Result<Vec<_>, StoreError>>()?;
        let total = u64::try_from(total).unwrap_or(0);
        Ok(ListingPage {
            breadcrumbs,
            products,
            page,
            page_count: ListingPage::page_count_for(total),
            total,
        })
    }

    async fn product(&self, slug: &str, locale: Locale) -> Result<ProductDetail, ServiceError> {
        let code = locale.code();
        let row: ProductRow = self
            .db
            .rows(
                "SELECT p.id, p.slug, p.sku, p.title, p.description, t.title AS t_title, \
                 t.description AS t_description, p.product_type, p.shippable, p.category_id \
                 FROM products p LEFT JOIN product_translations t ON t.product_id = p.id AND t.locale = $2 \
                 WHERE p.slug = $1 AND p.active = TRUE",
                vals![slug, code],
            )
            .await
            .map_err(StoreError::from)?
            .into_iter()
            .next()
            .ok_or_else(|| ServiceError::NotFound("There is no such product.".into()))?;
        let categories = self.category_rows(locale).await?;
        let variants: Vec<VariantRow> = self
            .db
            .rows(
                "SELECT v.id, v.sku, v.stock_kind, v.stock_on_hand - v.reserved AS available, \
                 vp.amount_minor, vp.billing_interval \
                 FROM variants v JOIN variant_prices vp ON vp.variant_id = v.id AND vp.currency = $2 \
                 WHERE v.product_id = $1 ORDER BY v.position < 0, abs(v.position), v.id",
                vals![row.id, self.currency.code()],
            )
            .await
            .map_err(StoreError::from)?;
        let options: Vec<OptionRow> = self
            .db
            .rows(
                "SELECT o.variant_id, o.name, o.value FROM variant_options o \
                 JOIN variants v ON v.id = o.variant_id WHERE v.product_id = $1 \
                 ORDER BY o.variant_id, o.position",
                vals![row.id],
            )
            .await
            .map_err(StoreError::from)?;
        let units: Vec<UnitRow> = self
            .db
            .rows(
                "SELECT id, variant_id, serial_number, notes, price_minor, currency FROM serial_units \
                 WHERE product_id = $1 AND status = 'available' ORDER BY serial_number",
                vals![row.id],
            )
            .await
            .map_err(StoreError::from)?;
        let images: Vec<ImageRow> = self
            .db
            .rows(
                "SELECT variant_id, alt, media_key, small_width, small_height, large_width, large_height \
                 FROM product_images WHERE product_id = $1 ORDER BY position",
                vals![row.id],
            )
            .await
            .map_err(StoreError::from)?;
        let image = |i: &ImageRow| {
            image_view(
                i.alt.clone(),
                &i.media_key,
                (i.small_width, i.small_height),
                (i.large_width, i.large_height),
            )
        };
        let variants = variants
            .into_iter()
            .map(|v| {
                let price = Price {
                    amount: Money::from_minor(v.amount_minor, self.currency),
                    interval: interval(&v.billing_interval)?,
                };
                let units = units
                    .iter()
                    .filter(|u| u.variant_id == v.id)
                    .map(|u| UnitView {
                        id: u.id,
                        serial_number: u.serial_number.clone(),
                        notes: u.notes.clone(),
                        price: match (u.price_minor, &u.currency) {
                            (Some(minor), Some(c)) if c == self.currency.code() => Price {
                                amount: Money::from_minor(minor, self.currency),
                                interval: price.interval,
                            },
                            _ => price,
                        },
                    })
                    .collect();
                Ok(VariantView {
                    id: v.id,
                    sku: v.sku,
                    options: options
                        .iter()
                        .filter(|o| o.variant_id == v.id)
                        .map(|o| OptionValue {
                            name: o.name.clone(),
                            value: o.value.clone(),
                        })
                        .collect(),
                    price,
                    availability: Availability::from_stock(v.available),
                    serial: v.stock_kind == "serial",
                    units,
                    images: images
                        .iter()
                        .filter(|i| i.variant_id == Some(v.id))
                        .map(image)
                        .collect(),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let offers = self.offers.current().await?;
        Ok(ProductDetail {
            offers: offers.headlines(row.id, crate::basket::now()),
            slug: row.slug,
            sku: row.sku,
            title: localized(row.title, row.t_title),
            description: localized(row.description, row.t_description),
            product_type: ProductType::parse(&row.product_type)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?,
            shippable: row.shippable,
            breadcrumbs: trail(&categories, row.category_id),
            images: images
                .iter()
                .filter(|i| i.variant_id.is_none())
                .map(image)
                .collect(),
            variants,
        })
    }
}
