use crate::catalog::money;
use crate::db::{Db, StoreError};
use crate::with_db;
use app::basket::types::{BasketView, StoredLine};
use app::domain::{Currency, Quantity};
use app::services::{BasketId, BasketService, ServiceError};
use async_trait::async_trait;

#[derive(Clone)]
pub struct BasketStore {
    db: Db,
    currency: Currency,
}

impl BasketStore {
    pub fn new(db: Db, currency: Currency) -> Self {
        BasketStore { db, currency }
    }
}

#[derive(sqlx::FromRow)]
struct LineRow {
    variant_id: i64,
    slug: String,
    title: String,
    price_minor: i64,
    currency: String,
    quantity: i64,
}

#[derive(sqlx::FromRow)]
struct VariantRow {
    title: String,
    currency: String,
    stock_on_hand: i64,
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

fn items(n: i64) -> String {
    if n == 1 {
        "1 item".to_owned()
    } else {
        format!("{n} items")
    }
}

impl BasketStore {
    /// The variant as a shopper may buy it: it exists and its product is active.
    async fn buyable_variant(&self, variant: i64) -> Result<VariantRow, ServiceError> {
        with_db!(&self.db, |pool| sqlx::query_as::<_, VariantRow>(
            "SELECT p.title, v.currency, v.stock_on_hand FROM variants v \
             JOIN products p ON p.id = v.product_id WHERE v.id = $1 AND p.active = TRUE"
        )
        .bind(variant)
        .fetch_optional(pool)
        .await)
        .map_err(StoreError::from)?
        .ok_or_else(|| ServiceError::NotFound("That product does not exist.".into()))
    }

    async fn line_quantity(
        &self,
        basket: BasketId,
        variant: i64,
    ) -> Result<Option<i64>, StoreError> {
        Ok(with_db!(&self.db, |pool| sqlx::query_scalar::<_, i64>(
            "SELECT quantity FROM basket_lines WHERE basket_id = $1 AND variant_id = $2"
        )
        .bind(basket)
        .bind(variant)
        .fetch_optional(pool)
        .await)?)
    }

    async fn touch(&self, basket: BasketId) -> Result<(), StoreError> {
        with_db!(&self.db, |pool| sqlx::query(
            "UPDATE baskets SET updated_at = $2 WHERE id = $1"
        )
        .bind(basket)
        .bind(now())
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
        Ok(())
    }

    fn stock_conflict(&self, title: &str, stock: i64, in_basket: i64) -> ServiceError {
        ServiceError::Conflict(match (stock, in_basket) {
            (s, _) if s <= 0 => format!("Sorry, {title} is sold out."),
            (s, 0) => format!("Sorry, only {} of {title} in stock.", items(s)),
            (s, b) => format!(
                "Sorry, only {} of {title} in stock, and your basket already has {b}.",
                items(s)
            ),
        })
    }
}

#[async_trait]
impl BasketService for BasketStore {
    async fn create(&self) -> Result<BasketId, ServiceError> {
        let now = now();
        let id = with_db!(&self.db, |pool| sqlx::query_scalar::<_, i64>(
            "INSERT INTO baskets (currency, status, created_at, updated_at) VALUES ($1, 'open', $2, $2) RETURNING id"
        )
        .bind(self.currency.code())
        .bind(now)
        .fetch_one(pool)
        .await)
        .map_err(StoreError::from)?;
        Ok(id)
    }

    async fn view(&self, basket: BasketId) -> Result<BasketView, ServiceError> {
        let rows = with_db!(&self.db, |pool| sqlx::query_as::<_, LineRow>(
            "SELECT l.variant_id, p.slug, p.title, v.price_minor, v.currency, l.quantity \
             FROM basket_lines l \
             JOIN variants v ON v.id = l.variant_id \
             JOIN products p ON p.id = v.product_id \
             WHERE l.basket_id = $1 ORDER BY l.added_at, l.variant_id"
        )
        .bind(basket)
        .fetch_all(pool)
        .await)
        .map_err(StoreError::from)?;
        let lines = rows
            .into_iter()
            .map(|r| {
                Ok(StoredLine {
                    variant_id: r.variant_id,
                    slug: r.slug,
                    title: r.title,
                    unit_price: money(r.price_minor, &r.currency)?,
                    quantity: Quantity::new(r.quantity)
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        BasketView::build(self.currency, lines)
            .map_err(|e| ServiceError::Internal(format!("basket {basket} cannot be totalled: {e}")))
    }

    async fn add(
        &self,
        basket: BasketId,
        variant: i64,
        quantity: Quantity,
    ) -> Result<String, ServiceError> {
        let found = self.buyable_variant(variant).await?;
        if found.currency != self.currency.code() {
            return Err(ServiceError::Conflict(format!(
                "{} is priced in {}, and your basket is in {}.",
                found.title, found.currency, self.currency
            )));
        }
        let qty = i64::from(quantity.get());
        let max = i64::from(Quantity::MAX);
        // One statement decides and writes: the line is created or grown only
        // while the new total stays within stock and the line limit.
        let written = with_db!(&self.db, |pool| sqlx::query(
            "INSERT INTO basket_lines (basket_id, variant_id, quantity, added_at) \
             SELECT $1, v.id, $3, $4 FROM variants v WHERE v.id = $2 AND v.stock_on_hand >= $3 \
             ON CONFLICT (basket_id, variant_id) DO UPDATE SET quantity = basket_lines.quantity + excluded.quantity \
             WHERE basket_lines.quantity + excluded.quantity <= $5 \
             AND basket_lines.quantity + excluded.quantity <= \
                 (SELECT stock_on_hand FROM variants WHERE id = excluded.variant_id)"
        )
        .bind(basket)
        .bind(variant)
        .bind(qty)
        .bind(now())
        .bind(max)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))
        .map_err(StoreError::from)?;
        if written == 0 {
            let in_basket = self.line_quantity(basket, variant).await?.unwrap_or(0);
            if in_basket + qty > max {
                return Err(ServiceError::Invalid(format!(
                    "A basket line holds at most {max}; you already have {in_basket}."
                )));
            }
            return Err(self.stock_conflict(&found.title, found.stock_on_hand, in_basket));
        }
        self.touch(basket).await?;
        Ok(format!("Added {} × {} to your basket.", qty, found.title))
    }

    async fn set_quantity(
        &self,
        basket: BasketId,
        variant: i64,
        quantity: Quantity,
    ) -> Result<String, ServiceError> {
        let qty = i64::from(quantity.get());
        let written = with_db!(&self.db, |pool| sqlx::query(
            "UPDATE basket_lines SET quantity = $3 WHERE basket_id = $1 AND variant_id = $2 \
             AND $3 <= (SELECT stock_on_hand FROM variants WHERE id = $2)"
        )
        .bind(basket)
        .bind(variant)
        .bind(qty)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))
        .map_err(StoreError::from)?;
        if written == 0 {
            if self.line_quantity(basket, variant).await?.is_none() {
                return Err(ServiceError::NotFound(
                    "That item is not in your basket.".into(),
                ));
            }
            let found = self.buyable_variant(variant).await?;
            return Err(self.stock_conflict(&found.title, found.stock_on_hand, 0));
        }
        self.touch(basket).await?;
        Ok(format!("Quantity updated to {qty}."))
    }

    async fn remove(&self, basket: BasketId, variant: i64) -> Result<String, ServiceError> {
        let removed = with_db!(&self.db, |pool| sqlx::query(
            "DELETE FROM basket_lines WHERE basket_id = $1 AND variant_id = $2"
        )
        .bind(basket)
        .bind(variant)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))
        .map_err(StoreError::from)?;
        if removed == 0 {
            return Err(ServiceError::NotFound(
                "That item is not in your basket.".into(),
            ));
        }
        self.touch(basket).await?;
        Ok("Item removed from your basket.".to_owned())
    }

    fn empty_view(&self) -> BasketView {
        BasketView::empty(self.currency)
    }
}
