//! The offers that can apply now, with their product ranges resolved,
//! read by every checkout, listing and product page. They are kept for a
//! few seconds, and rebuilt at once after this process changes an offer
//! or the catalog; other processes catch up within that time.

use super::rows::{OFFER_COLUMNS, OfferRow};
use crate::db::{Db, StoreError};
use crate::vals;
use app::admin::offers::types::{OfferKind, RangeKind};
use app::domain::Currency;
use app::domain::category_tree::{CategoryNode, subtree};
use app::domain::offers::{Offer, Range, Window, WindowStatus, headline};
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

static GENERATION: AtomicU64 = AtomicU64::new(0);

/// Called after every change to an offer.
pub(crate) fn offers_changed() {
    GENERATION.fetch_add(1, Ordering::Relaxed);
}

pub(crate) fn generation() -> u64 {
    GENERATION.load(Ordering::Relaxed) + crate::catalog::catalog_generation()
}

const FRESH_FOR: Duration = Duration::from_secs(10);

pub struct LiveOffer {
    pub kind: OfferKind,
    pub window: Window,
    pub offer: Offer,
}

/// Active offers in the store's currency that have not ended.
pub struct Loaded {
    offers: Vec<LiveOffer>,
}

impl Loaded {
    /// The automatic offers running at `now`.
    pub fn automatic(&self, now: i64) -> Vec<Offer> {
        self.offers
            .iter()
            .filter(|o| {
                o.kind == OfferKind::Automatic && o.window.status(now) == WindowStatus::Open
            })
            .map(|o| o.offer.clone())
            .collect()
    }

    /// A voucher offer by id, if it is switched on (its window is checked
    /// with the voucher).
    pub fn voucher_offer(&self, id: i64) -> Option<&Offer> {
        self.offers
            .iter()
            .find(|o| o.kind == OfferKind::Voucher && o.offer.id == id)
            .map(|o| &o.offer)
    }

    /// What the running automatic offers say about a product, e.g.
    /// "20 % off in Garden".
    pub fn headlines(&self, product: i64, now: i64) -> Vec<String> {
        self.offers
            .iter()
            .filter(|o| {
                o.kind == OfferKind::Automatic && o.window.status(now) == WindowStatus::Open
            })
            .filter(|o| o.offer.range.contains(product))
            .map(|o| headline(&o.offer))
            .collect()
    }
}

type Cached = Option<(Instant, u64, Arc<Loaded>)>;

#[derive(Clone)]
pub struct LiveOffers {
    db: Db,
    currency: Currency,
    cache: Arc<RwLock<Cached>>,
}

#[derive(sqlx::FromRow)]
struct CategoryRow {
    id: i64,
    parent_id: Option<i64>,
    name: String,
}

impl LiveOffers {
    pub fn new(db: Db, currency: Currency) -> Self {
        LiveOffers {
            db,
            currency,
            cache: Arc::default(),
        }
    }

    pub async fn current(&self) -> Result<Arc<Loaded>, StoreError> {
        let generation = generation();
        if let Ok(cached) = self.cache.read() {
            if let Some((at, built, loaded)) = cached.as_ref() {
                if at.elapsed() < FRESH_FOR && *built == generation {
                    return Ok(loaded.clone());
                }
            }
        }
        let fresh = Arc::new(self.load().await?);
        if let Ok(mut cached) = self.cache.write() {
            *cached = Some((Instant::now(), generation, fresh.clone()));
        }
        Ok(fresh)
    }

    async fn load(&self) -> Result<Loaded, StoreError> {
        let now = crate::basket::now();
        let rows: Vec<OfferRow> = self
            .db
            .rows(
                &format!(
                    "SELECT {OFFER_COLUMNS} FROM offers WHERE active AND currency = $1 \
                     AND (ends_at IS NULL OR ends_at > $2) ORDER BY id"
                ),
                vals![self.currency.code(), now],
            )
            .await?;
        let categories: Vec<CategoryRow> = if rows.iter().any(|r| r.range_kind == "category") {
            self.db
                .rows("SELECT id, parent_id, name FROM categories", vals![])
                .await?
        } else {
            Vec::new()
        };
        let mut offers = Vec::with_capacity(rows.len());
        for row in rows {
            let range = self.range(&row, &categories).await?;
            let organisation = match row.condition_kind.as_str() {
                "organisation" => self
                    .db
                    .rows::<(String,)>(
                        "SELECT name FROM organisations WHERE id = $1",
                        vals![row.condition_value],
                    )
                    .await?
                    .pop()
                    .map(|(name,)| name),
                _ => None,
            };
            let kind = OfferKind::parse(&row.kind)
                .ok_or_else(|| StoreError::Corrupt(format!("offer {}: unknown kind", row.id)))?;
            offers.push(LiveOffer {
                kind,
                window: row.window(),
                offer: row.offer(range, organisation, self.currency)?,
            });
        }
        Ok(Loaded { offers })
    }

    async fn range(&self, row: &OfferRow, categories: &[CategoryRow]) -> Result<Range, StoreError> {
        let products = |rows: Vec<(i64,)>| {
            Some(Arc::new(
                rows.into_iter().map(|(id,)| id).collect::<BTreeSet<i64>>(),
            ))
        };
        let id = row.range_id.unwrap_or(0);
        Ok(match RangeKind::parse(&row.range_kind) {
            Some(RangeKind::All) | None => Range::everything(),
            Some(RangeKind::Products) => Range {
                name: row.name.clone(),
                products: products(
                    self.db
                        .rows(
                            "SELECT product_id FROM offer_products WHERE offer_id = $1",
                            vals![row.id],
                        )
                        .await?,
                ),
            },
            Some(RangeKind::Catalog) => Range {
                name: self
                    .db
                    .rows::<(String,)>("SELECT name FROM catalogs WHERE id = $1", vals![id])
                    .await?
                    .pop()
                    .map_or_else(|| row.name.clone(), |(name,)| name),
                products: products(
                    self.db
                        .rows(
                            "SELECT product_id FROM catalog_products WHERE catalog_id = $1",
                            vals![id],
                        )
                        .await?,
                ),
            },
            Some(RangeKind::Category) => {
                let nodes: Vec<CategoryNode> = categories
                    .iter()
                    .map(|c| CategoryNode {
                        id: c.id,
                        parent: c.parent_id,
                    })
                    .collect();
                let ids = subtree(&nodes, id);
                let name = categories
                    .iter()
                    .find(|c| c.id == id)
                    .map_or_else(|| row.name.clone(), |c| c.name.clone());
                let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
                // Ids come from the database as integers, so listing them inline is safe.
                let members = if ids.is_empty() {
                    Vec::new()
                } else {
                    self.db
                        .rows(
                            &format!(
                                "SELECT DISTINCT product_id FROM product_categories WHERE category_id IN ({list})"
                            ),
                            vals![],
                        )
                        .await?
                };
                Range {
                    name,
                    products: products(members),
                }
            }
        })
    }
}
