//! Baskets with stock reservations. Every change to a basket runs in one
//! transaction that first locks the basket row (a no-op update), so two
//! requests for the same basket never interleave. Stock is reserved with a
//! conditional update that only succeeds while enough is available, and the
//! database's CHECK constraints hold the line whatever the code does.

use super::variant_labels::{BASKET_OPTION_VALUES, join_labels};
use crate::db::{Db, StoreError, Tx, Val};
use crate::{vals, with_db};
use app::basket::types::{BasketChange, BasketView, StoredLine};
use app::checkout::types::PendingOrder;
use app::domain::reservation::{self, ReservationChange};
use app::domain::{Currency, Locale, Money, Quantity};
use app::services::{BasketId, BasketService, ServiceError, SignedInBasket, UserId};
use async_trait::async_trait;
use std::collections::HashMap;

#[derive(Clone)]
pub struct BasketStore {
    db: Db,
    currency: Currency,
    /// How long a reservation lasts is a setting the merchant can change.
    settings: crate::settings::LiveSettings,
    /// The running automatic offers, shown on the basket page.
    offers: crate::offers::LiveOffers,
}

#[derive(sqlx::FromRow)]
struct LineRow {
    variant_id: i64,
    product_id: i64,
    slug: String,
    title: String,
    price_minor: Option<i64>,
    quantity: i64,
    reserved_quantity: i64,
    reserved_until: i64,
}

#[derive(sqlx::FromRow)]
struct VariantRow {
    title: String,
    /// The price in the basket's currency, if the variant has one.
    price_minor: Option<i64>,
    stock_kind: String,
    stock_on_hand: i64,
    reserved: i64,
}

#[derive(sqlx::FromRow)]
struct Lapsed {
    basket_id: i64,
    variant_id: i64,
    reserved_quantity: i64,
}

/// Why a basket change was refused, decided inside the transaction.
enum Refusal {
    /// The basket waits on an order and cannot change.
    Frozen,
    /// There is no such basket.
    Gone,
    NoLine,
    TooMany {
        in_basket: i64,
    },
    NotEnough {
        in_basket: i64,
    },
}

/// A line changed: the basket's item count now, when the change could
/// read it without another statement.
struct Changed {
    items: Option<u32>,
}

pub use crate::startup::now;

fn items(n: i64) -> String {
    if n == 1 {
        "1 item".to_owned()
    } else {
        format!("{n} items")
    }
}

pub(super) const MAX_LINE: i64 = Quantity::MAX as i64;

/// The first statement of every basket transaction: a no-op write that
/// locks the basket (and takes SQLite's write lock up front).
pub(super) const LOCK_BASKET: &str = "UPDATE baskets SET updated_at = $2 WHERE id = $1";

/// Takes `$2` more units of variant `$1` if they are free: the
/// conditional update that keeps stock from going negative.
pub(crate) const RESERVE: &str =
    "UPDATE variants SET reserved = reserved + $2 WHERE id = $1 AND stock_on_hand - reserved >= $2";

/// Gives `$2` reserved units of variant `$1` back.
pub(crate) const RELEASE: &str = "UPDATE variants SET reserved = reserved - $2 WHERE id = $1";

/// The item count of basket `$1`: fungible quantities plus serial units.
macro_rules! item_count_sql {
    () => {
        "(SELECT COALESCE(SUM(quantity), 0) FROM basket_lines WHERE basket_id = $1) \
         + (SELECT COUNT(*) FROM basket_units WHERE basket_id = $1)"
    };
}

/// `LOCK_BASKET` that also answers the basket's status (no row: no basket).
const LOCK_BASKET_STATUS: &str =
    "UPDATE baskets SET updated_at = $2 WHERE id = $1 RETURNING status";

impl BasketStore {
    pub fn new(
        db: Db,
        currency: Currency,
        settings: crate::settings::LiveSettings,
        offers: crate::offers::LiveOffers,
    ) -> Self {
        BasketStore {
            db,
            currency,
            settings,
            offers,
        }
    }

    pub(super) fn db(&self) -> &Db {
        &self.db
    }

    pub(super) fn ttl_seconds(&self) -> i64 {
        self.settings.get().reservation_seconds
    }

    /// The variant as a shopper may buy it: it exists and its product is active.
    async fn buyable_variant(&self, variant: i64) -> Result<VariantRow, ServiceError> {
        self.db
            .rows::<VariantRow>(
                "SELECT p.title, vp.amount_minor AS price_minor, v.stock_kind, v.stock_on_hand, v.reserved \
                 FROM variants v JOIN products p ON p.id = v.product_id \
                 LEFT JOIN variant_prices vp ON vp.variant_id = v.id AND vp.currency = $2 \
                 WHERE v.id = $1 AND p.active = TRUE",
                vals![variant, self.currency.code()],
            )
            .await
            .map_err(StoreError::from)?
            .into_iter()
            .next()
            .ok_or_else(|| ServiceError::NotFound("That product does not exist.".into()))
    }

    /// "Seat: verified" per variant, for the variants in a basket.
    async fn variant_labels(&self, basket: BasketId) -> Result<HashMap<i64, String>, StoreError> {
        let rows = self.db.rows(BASKET_OPTION_VALUES, vals![basket]).await?;
        Ok(join_labels(rows))
    }

    /// Sets a line to `wanted` units (0 removes it), reserving or releasing
    /// the difference. `add` means `wanted` is added to what the line holds.
    async fn change_line(
        &self,
        basket: BasketId,
        variant: i64,
        wanted: i64,
        add: bool,
    ) -> Result<Result<Changed, Refusal>, StoreError> {
        let now = now();
        let until = reservation::expires_at(now, self.ttl_seconds());
        let tx = self.db.begin().await?;
        Ok(change_in(tx, basket, variant, wanted, add, now, until).await?)
    }

    /// `change_line`, answered with `message` and the new item count.
    async fn line_changed(
        &self,
        basket: BasketId,
        variant: i64,
        wanted: i64,
        add: bool,
        message: String,
    ) -> Result<BasketChange, ServiceError> {
        match self.change_line(basket, variant, wanted, add).await? {
            Ok(Changed {
                items: Some(item_count),
            }) => Ok(BasketChange {
                message,
                item_count,
            }),
            Ok(Changed { items: None }) => self.counted(basket, message).await,
            Err(refusal) => Err(self.refusal_message(basket, variant, refusal).await),
        }
    }

    async fn counted(
        &self,
        basket: BasketId,
        message: String,
    ) -> Result<BasketChange, ServiceError> {
        Ok(BasketChange {
            message,
            item_count: self.item_count(basket).await?,
        })
    }

    async fn refusal_message(
        &self,
        basket: BasketId,
        variant: i64,
        refusal: Refusal,
    ) -> ServiceError {
        match refusal {
            Refusal::Frozen => self.frozen_message(basket).await,
            Refusal::Gone => ServiceError::NotFound("That basket no longer exists.".into()),
            Refusal::NoLine => ServiceError::NotFound("That item is not in your basket.".into()),
            Refusal::TooMany { in_basket } => ServiceError::Invalid(format!(
                "A basket line holds at most {MAX_LINE}; you already have {in_basket}."
            )),
            Refusal::NotEnough { in_basket } => match self.buyable_variant(variant).await {
                Err(e) => e,
                Ok(found) => {
                    // What this shopper could hold: free stock plus their own line.
                    let limit =
                        reservation::available(found.stock_on_hand, found.reserved) + in_basket;
                    ServiceError::Conflict(match (limit, in_basket) {
                        (0, _) => format!("Sorry, not enough stock: {} is sold out.", found.title),
                        (l, 0) => format!(
                            "Sorry, not enough stock: only {} of {} available.",
                            items(l),
                            found.title
                        ),
                        (l, b) => format!(
                            "Sorry, not enough stock: only {} of {} available, and your basket already has {b}.",
                            items(l),
                            found.title
                        ),
                    })
                }
            },
        }
    }

    /// Keeps a basket in use reserved: renews reservations that are due to
    /// run out within half their lifetime, and re-reserves lines whose
    /// reservation lapsed, where stock allows. Cheap when nothing is due.
    async fn renew(&self, basket: BasketId, lines: &[LineRow]) -> Result<bool, StoreError> {
        let now = now();
        let due = |l: &LineRow| {
            l.reserved_quantity < l.quantity || l.reserved_until - now < self.ttl_seconds() / 2
        };
        if !lines.iter().any(due) {
            return Ok(false);
        }
        let until = reservation::expires_at(now, self.ttl_seconds());
        let mut tx = self.db.begin().await?;
        tx.execute(LOCK_BASKET, vals![basket, now]).await?;
        // A basket waiting on an order holds no reservations: the order
        // holds the stock.
        let status: Option<(String,)> = tx
            .rows("SELECT status FROM baskets WHERE id = $1", vals![basket])
            .await?
            .into_iter()
            .next();
        if status.as_ref().map(|(s,)| s.as_str()) != Some("open") {
            tx.rollback().await?;
            return Ok(false);
        }
        let current: Vec<(i64, i64, i64)> = tx
            .rows(
                "SELECT variant_id, quantity, reserved_quantity FROM basket_lines WHERE basket_id = $1",
                vals![basket],
            )
            .await?;
        for (variant, quantity, held) in current {
            if held < quantity && tx.execute(RESERVE, vals![variant, quantity - held]).await? == 1 {
                tx.execute(
                    "UPDATE basket_lines SET reserved_quantity = quantity WHERE basket_id = $1 AND variant_id = $2",
                    vals![basket, variant],
                )
                .await?;
            }
        }
        tx.execute(
            "UPDATE basket_lines SET reserved_until = $2 WHERE basket_id = $1",
            vals![basket, until],
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn lines(&self, basket: BasketId, locale: &str) -> Result<Vec<LineRow>, StoreError> {
        Ok(self
            .db
            .rows(
                "SELECT l.variant_id, p.id AS product_id, p.slug, COALESCE(t.title, p.title) AS title, \
                 vp.amount_minor AS price_minor, l.quantity, l.reserved_quantity, l.reserved_until \
                 FROM basket_lines l \
                 JOIN baskets b ON b.id = l.basket_id \
                 JOIN variants v ON v.id = l.variant_id \
                 JOIN products p ON p.id = v.product_id \
                 LEFT JOIN variant_prices vp ON vp.variant_id = v.id AND vp.currency = b.currency \
                 LEFT JOIN product_translations t ON t.product_id = p.id AND t.locale = $2 \
                 WHERE l.basket_id = $1 ORDER BY l.added_at, l.variant_id",
                vals![basket, locale],
            )
            .await?)
    }

    /// The unpaid order a frozen basket waits on.
    pub async fn pending_order(
        &self,
        basket: BasketId,
    ) -> Result<Option<PendingOrder>, StoreError> {
        let found: Vec<(String, String)> = self
            .db
            .rows(
                "SELECT o.number, o.access_token FROM baskets b JOIN orders o ON o.basket_id = b.id \
                 WHERE b.id = $1 AND b.status = 'ordered' ORDER BY o.id DESC LIMIT 1",
                vals![basket],
            )
            .await?;
        Ok(found
            .into_iter()
            .next()
            .map(|(number, token)| PendingOrder {
                url: crate::orders::token_url(&token),
                number,
            }))
    }

    pub async fn frozen_message(&self, basket: BasketId) -> ServiceError {
        match self.pending_order(basket).await {
            Ok(Some(order)) => ServiceError::Conflict(format!(
                "Your basket is waiting for payment of order {}, so it cannot be changed. \
                 Pay or cancel that order, or start a new basket.",
                order.number
            )),
            Ok(None) => ServiceError::Conflict("This basket can no longer be changed.".into()),
            Err(e) => e.into(),
        }
    }

    /// Releases reservations whose time ran out, and returns how many lines
    /// gave stock back. Each release is a conditional update, so several
    /// servers sweeping one database never release a line twice.
    pub async fn sweep_expired(&self, now: i64) -> Result<u64, StoreError> {
        Ok(self.sweep_lines(now).await? + self.sweep_units(now).await?)
    }

    async fn sweep_lines(&self, now: i64) -> Result<u64, StoreError> {
        let lapsed = with_db!(&self.db, |pool| sqlx::query_as::<_, Lapsed>(
            "SELECT basket_id, variant_id, reserved_quantity FROM basket_lines \
             WHERE reserved_quantity > 0 AND reserved_until <= $1 LIMIT 1000"
        )
        .bind(now)
        .fetch_all(pool)
        .await)?;
        let mut released = 0;
        for line in lapsed {
            released += u64::from(self.release_line(&line, now, now).await?);
        }
        Ok(released)
    }

    /// Gives back a line's reservation if it is still `line.reserved_quantity`
    /// and lapsed by `lapsed_by`; true when it was released.
    async fn release_line(
        &self,
        line: &Lapsed,
        lapsed_by: i64,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut tx = self.db.begin().await?;
        // Basket first, like every other basket transaction, so releasing
        // never deadlocks with a shopper using the basket.
        tx.execute(LOCK_BASKET, vals![line.basket_id, now]).await?;
        let taken = tx
            .execute(
                "UPDATE basket_lines SET reserved_quantity = 0 WHERE basket_id = $1 AND variant_id = $2 \
                 AND reserved_quantity = $3 AND reserved_until <= $4",
                vals![
                    line.basket_id,
                    line.variant_id,
                    line.reserved_quantity,
                    lapsed_by
                ],
            )
            .await?;
        if taken == 1 {
            tx.execute(RELEASE, vals![line.variant_id, line.reserved_quantity])
                .await?;
        }
        tx.commit().await?;
        let done = taken == 1;
        Ok(done)
    }

    /// Releases a basket line's reservation now, whatever its time left
    /// (a merchant's decision); false when it holds nothing or changed
    /// meanwhile. The line stays in the basket and reserves again when the
    /// shopper next uses it, as far as stock allows.
    pub async fn release_by_hand(&self, basket: i64, variant: i64) -> Result<bool, StoreError> {
        let held: Vec<Lapsed> = with_db!(&self.db, |pool| sqlx::query_as::<_, Lapsed>(
            "SELECT basket_id, variant_id, reserved_quantity FROM basket_lines \
             WHERE basket_id = $1 AND variant_id = $2 AND reserved_quantity > 0"
        )
        .bind(basket)
        .bind(variant)
        .fetch_all(pool)
        .await)?;
        match held.first() {
            Some(line) => self.release_line(line, i64::MAX, now()).await,
            None => Ok(false),
        }
    }
}

#[async_trait]
impl BasketService for BasketStore {
    async fn create(&self, owner: Option<UserId>) -> Result<BasketId, ServiceError> {
        let now = now();
        let id = self
            .db
            .write_scalar(
                "INSERT INTO baskets (currency, status, user_id, created_at, updated_at) VALUES ($1, 'open', $3, $2, $2) RETURNING id",
                vals![self.currency.code(), now, owner],
            )
            .await
            .map_err(StoreError::from)?
            .ok_or_else(|| StoreError::Corrupt("basket insert returned no id".into()))?;
        Ok(id)
    }

    async fn is_open(&self, basket: BasketId) -> Result<bool, ServiceError> {
        let open: Vec<(i64,)> = self
            .db
            .rows(
                "SELECT id FROM baskets WHERE id = $1 AND status = 'open'",
                vals![basket],
            )
            .await
            .map_err(StoreError::from)?;
        Ok(!open.is_empty())
    }

    async fn sign_in(
        &self,
        user: UserId,
        anonymous: Option<BasketId>,
    ) -> Result<SignedInBasket, ServiceError> {
        Ok(self.merge_on_sign_in(user, anonymous).await?)
    }

    async fn view(&self, basket: BasketId, locale: Locale) -> Result<BasketView, ServiceError> {
        let locale = locale.code();
        let pending = self.pending_order(basket).await?;
        let mut rows = self.lines(basket, locale).await?;
        if pending.is_none() && self.renew(basket, &rows).await? {
            rows = self.lines(basket, locale).await?;
        }
        let mut units = self.unit_lines(basket, locale).await?;
        let now = now();
        if pending.is_none() && units.iter().any(|u| u.due(now, self.ttl_seconds())) {
            self.renew_units(basket, &units).await?;
            units = self.unit_lines(basket, locale).await?;
        }
        let mut labels = self.variant_labels(basket).await?;
        let mut label = |variant: i64| labels.remove(&variant).unwrap_or_default();
        let mut lines = rows
            .into_iter()
            .map(|r| {
                Ok(StoredLine {
                    variant_id: r.variant_id,
                    product_id: r.product_id,
                    slug: r.slug,
                    title: r.title,
                    variant_label: label(r.variant_id),
                    unit: None,
                    unit_price: Money::from_minor(r.price_minor.unwrap_or(0), self.currency),
                    quantity: Quantity::new(r.quantity)
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                    // A line without a price in the basket's currency cannot be
                    // bought; a frozen basket's stock is held by its order.
                    reserved: (pending.is_some() || r.reserved_quantity >= r.quantity)
                        && r.price_minor.is_some(),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        for unit in units {
            let text = labels.get(&unit.variant_id).cloned().unwrap_or_default();
            lines.push(unit.into_line(self.currency, text));
        }
        let mut view = BasketView::build(self.currency, lines).map_err(|e| {
            ServiceError::Internal(format!("basket {basket} cannot be totalled: {e}"))
        })?;
        view.pending = pending;
        // Automatic offers as they stand before shipping and the shopper's
        // details; the checkout has the final word.
        let offers = self.offers.current().await?;
        view.offers = view.automatic_offers(&offers.automatic(now));
        Ok(view)
    }

    async fn add(
        &self,
        basket: BasketId,
        variant: i64,
        quantity: Quantity,
        unit: Option<i64>,
    ) -> Result<BasketChange, ServiceError> {
        let found = self.buyable_variant(variant).await?;
        if found.price_minor.is_none() {
            return Err(ServiceError::Conflict(format!(
                "{} has no price in {}, the currency of your basket.",
                found.title, self.currency
            )));
        }
        if found.stock_kind == "serial" {
            let message = self
                .add_units(basket, variant, &found.title, quantity, unit)
                .await?;
            return self.counted(basket, message).await;
        }
        if unit.is_some() {
            return Err(ServiceError::Invalid(format!(
                "{} is not sold as individual units.",
                found.title
            )));
        }
        let qty = i64::from(quantity.get());
        let message = format!("Added {qty} × {} to your basket.", found.title);
        self.line_changed(basket, variant, qty, true, message).await
    }

    async fn set_quantity(
        &self,
        basket: BasketId,
        variant: i64,
        quantity: Quantity,
    ) -> Result<BasketChange, ServiceError> {
        let qty = i64::from(quantity.get());
        let message = format!("Quantity updated to {qty}.");
        self.line_changed(basket, variant, qty, false, message)
            .await
    }

    async fn remove(&self, basket: BasketId, variant: i64) -> Result<BasketChange, ServiceError> {
        let message = "Item removed from your basket.".to_owned();
        self.line_changed(basket, variant, 0, false, message).await
    }

    async fn remove_unit(&self, basket: BasketId, unit: i64) -> Result<BasketChange, ServiceError> {
        let message = self.drop_unit(basket, unit).await?;
        self.counted(basket, message).await
    }

    async fn item_count(&self, basket: BasketId) -> Result<u32, ServiceError> {
        let count = self
            .db
            .scalar(
                concat!("SELECT CAST(", item_count_sql!(), " AS BIGINT)"),
                vals![basket],
            )
            .await
            .map_err(StoreError::from)?;
        Ok(u32::try_from(count).unwrap_or(0))
    }

    fn empty_view(&self) -> BasketView {
        BasketView::empty(self.currency)
    }
}

/// The body of `BasketStore::change_line`: the transaction, to its end.
async fn change_in(
    mut tx: Tx,
    basket: BasketId,
    variant: i64,
    wanted: i64,
    add: bool,
    now: i64,
    until: i64,
) -> Result<Result<Changed, Refusal>, sqlx::Error> {
    let refused = |tx: Tx, refusal: Refusal| async move {
        tx.rollback().await?;
        Ok(Err(refusal))
    };
    let Some(Locked {
        status,
        line: current,
        items,
    }) = lock_and_read_line(&mut tx, basket, variant, now).await?
    else {
        return refused(tx, Refusal::Gone).await;
    };
    if status != "open" {
        return refused(tx, Refusal::Frozen).await;
    }
    let (in_basket, held) = current.unwrap_or((0, 0));
    let target = if add { in_basket + wanted } else { wanted };
    if current.is_none() && !add {
        return refused(tx, Refusal::NoLine).await;
    }
    if target > MAX_LINE {
        return refused(tx, Refusal::TooMany { in_basket }).await;
    }
    let line: (&str, &[Val]) = if target == 0 {
        (
            "DELETE FROM basket_lines WHERE basket_id = $1 AND variant_id = $2",
            vals![basket, variant],
        )
    } else {
        (UPSERT_LINE, vals![basket, variant, target, now, until])
    };
    match reservation::change_for(held, target) {
        ReservationChange::Keep => {
            tx.commit_with(&[line]).await?;
        }
        ReservationChange::Release(n) => {
            tx.commit_with(&[(RELEASE, vals![variant, n]), line])
                .await?;
        }
        ReservationChange::Reserve(n) if tx.is_sqlite() => {
            // Reserve, write the line only if the stock was there, and
            // commit. A refused reservation commits nothing but the
            // basket's touch.
            let changed = tx
                .commit_with(&[
                    (RESERVE, vals![variant, n]),
                    (UPSERT_LINE_IF_RESERVED, line.1),
                ])
                .await?;
            if changed.first() != Some(&1) {
                return Ok(Err(Refusal::NotEnough { in_basket }));
            }
        }
        ReservationChange::Reserve(n) => {
            let changed = tx
                .execute_all(&[(RESERVE, vals![variant, n]), line])
                .await?;
            if changed.first() != Some(&1) {
                // The rollback undoes the line written with it.
                return refused(tx, Refusal::NotEnough { in_basket }).await;
            }
            tx.commit().await?;
        }
    }
    let items = items.map(|before| u32::try_from(before - in_basket + target).unwrap_or(0));
    Ok(Ok(Changed { items }))
}

/// Sets a basket line: ($1 basket, $2 variant, $3 quantity, $4 now, $5
/// reserved until), all of it reserved.
const UPSERT_LINE: &str = "INSERT INTO basket_lines (basket_id, variant_id, quantity, added_at, reserved_quantity, reserved_until) \
     VALUES ($1, $2, $3, $4, $3, $5) \
     ON CONFLICT (basket_id, variant_id) DO UPDATE SET quantity = excluded.quantity, \
     reserved_quantity = excluded.reserved_quantity, reserved_until = excluded.reserved_until";

/// `UPSERT_LINE` right after `RESERVE` on SQLite: writes the line only if
/// the reservation changed a row (`changes()` counts the statement before).
const UPSERT_LINE_IF_RESERVED: &str = "INSERT INTO basket_lines (basket_id, variant_id, quantity, added_at, reserved_quantity, reserved_until) \
     SELECT $1, $2, $3, $4, $3, $5 WHERE changes() = 1 \
     ON CONFLICT (basket_id, variant_id) DO UPDATE SET quantity = excluded.quantity, \
     reserved_quantity = excluded.reserved_quantity, reserved_until = excluded.reserved_until";

/// What `lock_and_read_line` read.
struct Locked {
    status: String,
    /// The variant's line: (quantity, reserved).
    line: Option<(i64, i64)>,
    /// The basket's item count before the change, where it was read.
    items: Option<i64>,
}

/// Locks the basket (its first statement, like every basket transaction)
/// and reads its status and the variant's line. `None`: no such basket.
async fn lock_and_read_line(
    tx: &mut Tx,
    basket: BasketId,
    variant: i64,
    now: i64,
) -> Result<Option<Locked>, sqlx::Error> {
    if tx.is_sqlite() {
        // One statement instead of three: SQLite writers take turns at
        // the write gate, so nothing can change the basket between the
        // lock and the reads. (A PostgreSQL statement reads from the
        // snapshot it started with, before the basket's lock was granted,
        // so there the line is read by a statement of its own, and the
        // count after the change.)
        let row: Option<(String, Option<i64>, Option<i64>, i64)> = tx
            .rows(
                concat!(
                    "UPDATE baskets SET updated_at = $2 WHERE id = $1 RETURNING status, \
                     (SELECT quantity FROM basket_lines WHERE basket_id = $1 AND variant_id = $3), \
                     (SELECT reserved_quantity FROM basket_lines WHERE basket_id = $1 AND variant_id = $3), ",
                    item_count_sql!()
                ),
                vals![basket, now, variant],
            )
            .await?
            .into_iter()
            .next();
        return Ok(row.map(|(status, quantity, held, items)| Locked {
            status,
            line: quantity.zip(held),
            items: Some(items),
        }));
    }
    let status: Option<(String,)> = tx
        .rows(LOCK_BASKET_STATUS, vals![basket, now])
        .await?
        .into_iter()
        .next();
    let Some((status,)) = status else {
        return Ok(None);
    };
    let line: Option<(i64, i64)> = tx
        .rows(
            "SELECT quantity, reserved_quantity FROM basket_lines WHERE basket_id = $1 AND variant_id = $2",
            vals![basket, variant],
        )
        .await?
        .into_iter()
        .next();
    Ok(Some(Locked {
        status,
        line,
        items: None,
    }))
}
