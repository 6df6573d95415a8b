//! Signing in with a basket: the anonymous visit's basket is merged into
//! the user's own. Both baskets are locked (lower id first, so two merges
//! never deadlock); reservations move with their lines, and quantities add
//! up only as far as stock allows.

use super::store::{BasketStore, LOCK_BASKET, MAX_LINE, RELEASE, RESERVE, now};
use crate::db::{StoreError, Tx};
use crate::vals;
use app::domain::reservation;
use app::services::{BasketId, SignedInBasket, UserId};

#[derive(sqlx::FromRow)]
struct Owned {
    id: i64,
    status: String,
    user_id: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct MergeLine {
    variant_id: i64,
    quantity: i64,
    reserved_quantity: i64,
}

crate::lite_row!(MergeLine {
    variant_id,
    quantity,
    reserved_quantity
});

impl BasketStore {
    pub(super) async fn merge_on_sign_in(
        &self,
        user: UserId,
        anonymous: Option<BasketId>,
    ) -> Result<SignedInBasket, StoreError> {
        let mine: Option<Owned> = self
            .db()
            .rows(
                "SELECT id, status, user_id FROM baskets WHERE user_id = $1 \
                 AND status IN ('open', 'ordered') ORDER BY id DESC LIMIT 1",
                vals![user],
            )
            .await?
            .into_iter()
            .next();
        let anonymous: Option<Owned> = match anonymous {
            Some(id) => self
                .db()
                .rows(
                    "SELECT id, status, user_id FROM baskets WHERE id = $1",
                    vals![id],
                )
                .await?
                .into_iter()
                .next()
                .filter(|b: &Owned| b.status == "open" && b.user_id.is_none_or(|u| u == user)),
            None => None,
        };
        let kept = |basket: Option<&Owned>| SignedInBasket {
            basket: basket.map(|b| b.id),
            merged_items: 0,
        };
        let (anonymous, mine) = match (anonymous, mine) {
            (None, mine) => return Ok(kept(mine.as_ref())),
            (Some(anon), Some(mine)) if mine.id == anon.id => return Ok(kept(Some(&mine))),
            (Some(anon), Some(mine)) if mine.status == "open" => (anon.id, mine.id),
            // The user has no open basket (theirs waits on an order): the
            // anonymous basket becomes theirs.
            (Some(anon), _) => {
                self.db()
                    .execute(
                        "UPDATE baskets SET user_id = $2 WHERE id = $1 AND user_id IS NULL",
                        vals![anon.id, user],
                    )
                    .await?;
                return Ok(kept(Some(&anon)));
            }
        };
        let merged_items = self.merge(anonymous, mine, user).await?;
        Ok(SignedInBasket {
            basket: Some(mine),
            merged_items,
        })
    }

    async fn merge(&self, from: BasketId, into: BasketId, user: UserId) -> Result<u32, StoreError> {
        let now = now();
        let until = reservation::expires_at(now, self.ttl_seconds());
        let mut tx = self.db().begin().await?;
        for basket in [from.min(into), from.max(into)] {
            tx.execute(LOCK_BASKET, vals![basket, now]).await?;
        }
        let open: Vec<(i64,)> = tx
            .rows(
                "SELECT id FROM baskets WHERE id IN ($1, $2) AND status = 'open'",
                vals![from, into],
            )
            .await?;
        if open.len() != 2 {
            // A concurrent request ordered or merged one of them already.
            return Ok(0);
        }
        let theirs: Vec<MergeLine> = tx
            .rows(
                "SELECT variant_id, quantity, reserved_quantity FROM basket_lines WHERE basket_id = $1",
                vals![from],
            )
            .await?;
        let mut merged = 0;
        for line in theirs {
            merged += merge_line(&mut tx, into, &line, now, until).await?;
            tx.execute(
                "UPDATE basket_lines SET reserved_quantity = 0 WHERE basket_id = $1 AND variant_id = $2",
                vals![from, line.variant_id],
            )
            .await?;
        }
        let units = tx
            .execute(
                "INSERT INTO basket_units (basket_id, unit_id, added_at) \
                 SELECT $2, unit_id, added_at FROM basket_units WHERE basket_id = $1 \
                 ON CONFLICT DO NOTHING",
                vals![from, into],
            )
            .await?;
        let held = tx
            .execute(
                "UPDATE serial_units SET basket_id = $2, reserved_until = $3 \
                 WHERE basket_id = $1 AND status = 'reserved'",
                vals![from, into, until],
            )
            .await?;
        merged += units.min(held) as i64;
        tx.execute(
            "UPDATE baskets SET status = 'merged', merged_into = $2, user_id = $3 WHERE id = $1",
            vals![from, into, user],
        )
        .await?;
        tx.commit().await?;
        Ok(u32::try_from(merged).unwrap_or(u32::MAX))
    }
}

/// Adds one anonymous line to the user's basket; returns how many items
/// were added. The anonymous line's reservation is carried over; anything
/// beyond it is reserved only as far as free stock allows.
async fn merge_line(
    tx: &mut Tx,
    into: BasketId,
    line: &MergeLine,
    now: i64,
    until: i64,
) -> Result<i64, StoreError> {
    let (mine, my_held) = tx
        .rows::<(i64, i64)>(
            "SELECT quantity, reserved_quantity FROM basket_lines WHERE basket_id = $1 AND variant_id = $2",
            vals![into, line.variant_id],
        )
        .await?
        .into_iter()
        .next()
        .unwrap_or((0, 0));
    let wanted = (mine + line.quantity).min(MAX_LINE);
    let mut held = my_held + line.reserved_quantity;
    if held > wanted {
        tx.execute(RELEASE, vals![line.variant_id, held - wanted])
            .await?;
        held = wanted;
    }
    if held < wanted {
        // Lock the variant, then take what is free of the shortfall.
        tx.execute(
            "UPDATE variants SET reserved = reserved WHERE id = $1",
            vals![line.variant_id],
        )
        .await?;
        let free = tx
            .scalar(
                "SELECT stock_on_hand - reserved FROM variants WHERE id = $1",
                vals![line.variant_id],
            )
            .await?
            .unwrap_or(0)
            .max(0);
        let extra = (wanted - held).min(free);
        if extra > 0 {
            tx.execute(RESERVE, vals![line.variant_id, extra]).await?;
            held += extra;
        }
    }
    let quantity = mine.max(held);
    if quantity == 0 {
        return Ok(0);
    }
    tx.execute(
        "INSERT INTO basket_lines (basket_id, variant_id, quantity, added_at, reserved_quantity, reserved_until) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (basket_id, variant_id) DO UPDATE SET quantity = excluded.quantity, \
         reserved_quantity = excluded.reserved_quantity, reserved_until = excluded.reserved_until",
        vals![into, line.variant_id, quantity, now, held, until],
    )
    .await?;
    Ok(quantity - mine)
}
