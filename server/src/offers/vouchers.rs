//! Voucher codes at checkout: looked up and checked against their limits,
//! then redeemed when the order is placed, in its transaction, and given
//! back when the order is cancelled unpaid.
//!
//! A redemption takes a use with a conditional update, which also locks
//! the voucher's row on PostgreSQL until the placement ends; the
//! per-customer count is read after it, so two checkouts racing for the
//! last use, or one customer placing twice at once, cannot both win.

use super::live::Loaded;
use crate::db::{StoreError, Tx};
use crate::vals;
use app::domain::Currency;
use app::domain::offers::{
    AppliedOffer, Offer, VoucherFacts, VoucherRefusal, Window, normalise_code,
};

/// Who uses a code: the signed-in account and the order's email both count
/// towards a per-customer limit.
#[derive(Debug, Clone, Copy)]
pub struct Customer<'a> {
    pub user: Option<i64>,
    pub email: &'a str,
}

/// A code as checked before pricing.
#[derive(Debug, Clone)]
pub enum Checked {
    Usable {
        voucher: i64,
        code: String,
        offer: Offer,
    },
    Refused {
        code: String,
        refusal: VoucherRefusal,
    },
}

impl Checked {
    pub fn code(&self) -> &str {
        match self {
            Checked::Usable { code, .. } | Checked::Refused { code, .. } => code,
        }
    }
}

#[derive(sqlx::FromRow)]
struct Found {
    id: i64,
    offer_id: i64,
    uses: i64,
    max_uses: Option<i64>,
    max_per_customer: Option<i64>,
    active: bool,
    starts_at: Option<i64>,
    ends_at: Option<i64>,
}

crate::lite_row!(Found {
    id,
    offer_id,
    uses,
    max_uses,
    max_per_customer,
    active,
    starts_at,
    ends_at
});

const FIND: &str = "SELECT v.id, v.offer_id, v.uses, v.max_uses, v.max_per_customer, \
     (v.active AND o.active) AS active, o.starts_at, o.ends_at \
     FROM vouchers v JOIN offers o ON o.id = v.offer_id \
     WHERE v.code = $1 AND o.kind = 'voucher' AND o.currency = $2";

async fn customer_uses(
    tx: &mut Tx,
    voucher: i64,
    customer: Customer<'_>,
) -> Result<i64, StoreError> {
    Ok(tx
        .scalar(
            "SELECT COUNT(*) FROM offer_redemptions WHERE voucher_id = $1 AND returned_at IS NULL \
             AND (email = $2 OR user_id = $3)",
            vals![voucher, customer.email, customer.user],
        )
        .await?
        .unwrap_or(0))
}

/// Checks the code a shopper entered; `None` when there is none.
pub async fn check(
    tx: &mut Tx,
    live: &Loaded,
    text: &str,
    customer: Customer<'_>,
    currency: Currency,
    now: i64,
) -> Result<Option<Checked>, StoreError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let Some(code) = normalise_code(text) else {
        return Ok(Some(Checked::Refused {
            code: text.trim().chars().take(40).collect(),
            refusal: VoucherRefusal::Unknown,
        }));
    };
    let refused = |code: String, refusal| Ok(Some(Checked::Refused { code, refusal }));
    let Some(found) = tx
        .rows::<Found>(FIND, vals![&code, currency.code()])
        .await?
        .pop()
    else {
        return refused(code, VoucherRefusal::Unknown);
    };
    let customer_uses = match found.max_per_customer {
        Some(_) => customer_uses(tx, found.id, customer).await?,
        None => 0,
    };
    let facts = VoucherFacts {
        active: found.active,
        window: Window {
            starts_at: found.starts_at,
            ends_at: found.ends_at,
        },
        uses: found.uses,
        max_uses: found.max_uses,
        customer_uses,
        max_per_customer: found.max_per_customer,
    };
    if let Err(refusal) = facts.check(now) {
        return refused(code, refusal);
    }
    match live.voucher_offer(found.offer_id) {
        Some(offer) => Ok(Some(Checked::Usable {
            voucher: found.id,
            code,
            offer: offer.clone(),
        })),
        None => refused(code, VoucherRefusal::Inactive),
    }
}

/// Takes one use of the voucher, in the placement's transaction. A
/// refusal means the code was used up (or by this customer) since it was
/// checked; the caller rolls back.
pub async fn take(
    tx: &mut Tx,
    voucher: i64,
    customer: Customer<'_>,
) -> Result<Result<(), VoucherRefusal>, StoreError> {
    // The update returns the per-customer limit of the use it took; no row
    // means the code is used up (or switched off) by now.
    let taken = tx
        .rows::<(Option<i64>,)>(
            "UPDATE vouchers SET uses = uses + 1 \
             WHERE id = $1 AND active AND (max_uses IS NULL OR uses < max_uses) \
             RETURNING max_per_customer",
            vals![voucher],
        )
        .await?;
    let Some((limit,)) = taken.into_iter().next() else {
        return Ok(Err(VoucherRefusal::UsedUp));
    };
    if let Some(limit) = limit {
        if customer_uses(tx, voucher, customer).await? >= limit {
            return Ok(Err(VoucherRefusal::UsedByYou));
        }
    }
    Ok(Ok(()))
}

/// Records the offers an order got, in the placement's transaction.
pub async fn record(
    tx: &mut Tx,
    order: i64,
    applied: &[AppliedOffer],
    voucher: Option<i64>,
    customer: Customer<'_>,
    now: i64,
) -> Result<(), StoreError> {
    for offer in applied {
        let amount = offer
            .amount
            .to_minor()
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        tx.defer(
            "INSERT INTO offer_redemptions (offer_id, voucher_id, order_id, user_id, email, amount_minor, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            vals![
                offer.offer_id,
                offer.voucher.as_ref().and(voucher),
                order,
                customer.user,
                customer.email,
                amount,
                now
            ],
        )
        .await?;
    }
    Ok(())
}

/// Gives back what an order cancelled unpaid redeemed.
pub async fn give_back(tx: &mut Tx, order: i64, now: i64) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE vouchers SET uses = uses - 1 WHERE uses > 0 AND id IN \
         (SELECT voucher_id FROM offer_redemptions \
          WHERE order_id = $1 AND returned_at IS NULL AND voucher_id IS NOT NULL)",
        vals![order],
    )
    .await?;
    tx.execute(
        "UPDATE offer_redemptions SET returned_at = $2 WHERE order_id = $1 AND returned_at IS NULL",
        vals![order, now],
    )
    .await?;
    Ok(())
}

/// How many unknown codes one client address may try in a window.
#[derive(Debug, Clone, Copy)]
pub struct AttemptLimit {
    pub per_client: i64,
    pub window_seconds: i64,
}

impl Default for AttemptLimit {
    fn default() -> Self {
        AttemptLimit {
            per_client: 20,
            window_seconds: 15 * 60,
        }
    }
}

/// A code entered from `client`: an unknown one counts against the
/// client; `false` once the client is over its limit, for any code.
pub async fn attempt(
    db: &crate::db::Db,
    limit: AttemptLimit,
    text: &str,
    client: &str,
    now: i64,
) -> Result<bool, StoreError> {
    use crate::accounts::throttle::{failures, hit_once};
    let key = format!("voucher:{client}");
    let since = now - limit.window_seconds;
    let known = match normalise_code(text) {
        Some(code) => {
            db.rows::<(i64,)>("SELECT id FROM vouchers WHERE code = $1", vals![&code])
                .await?
                .len()
                == 1
        }
        None => false,
    };
    if known {
        return Ok(failures(db, &key, since).await? <= limit.per_client);
    }
    Ok(hit_once(db, &key, now, since).await? <= limit.per_client)
}
