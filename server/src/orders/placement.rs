//! Placing an order: one transaction turns the basket into an order.
//!
//! The basket is frozen first (a conditional status update, which also
//! locks it), so a basket is ordered at most once. Its lines are read and
//! priced inside the transaction; lapsed reservations are taken again with
//! the usual conditional update, so two checkouts racing for the last unit
//! cannot both win. The reservations then become the order's allocations,
//! the immutable snapshot is written, and the order moves to
//! `awaiting_payment`, all before commit.

use super::numbers::next_order_number;
use super::transitions::{OrderError, OrderMachine};
use super::{ALLOCATED_UNTIL, token};
use crate::accounts::{customer_for_order, is_member};
use crate::basket::RESERVE;
use crate::checkout::config::CheckoutConfig;
use crate::checkout::lines::{CheckoutLine, checkout_lines_after};
use crate::checkout::pricing::{Deals, Priced, price};
use crate::db::{Db, StoreError, Tx, Val};
use crate::offers::live::Loaded;
use crate::offers::vouchers::{self, Customer};
use crate::vals;
use app::checkout::types::{CheckoutDraft, PaymentOption};
use app::domain::dates::year_of;
use app::domain::order_state::GuardFacts;
use app::domain::{Currency, FieldError};
use app::orders::types::OrderSnapshot;

/// The form's rules, checked against the basket as priced inside the
/// transaction; any problem rolls the placement back.
pub type FormCheck<'a> = &'a (dyn Fn(&Priced) -> Vec<FieldError> + Send + Sync);

pub struct Placement<'a> {
    pub check: FormCheck<'a>,
    pub basket: i64,
    pub user: Option<i64>,
    pub draft: &'a CheckoutDraft,
    pub locale: &'a str,
    pub currency: Currency,
    pub config: &'a CheckoutConfig,
    pub prices_include_tax: bool,
    pub payment: PaymentOption,
    /// The offers running now.
    pub offers: &'a Loaded,
    /// The organisations the shopper belongs to.
    pub organisations: &'a [i64],
}

#[derive(Debug)]
pub struct Placed {
    pub id: i64,
    pub number: String,
    pub token: String,
}

#[derive(Debug, thiserror::Error)]
pub enum PlaceError {
    #[error("the basket is empty")]
    Empty,
    #[error("the basket is already ordered")]
    Frozen,
    #[error("{0} is no longer available")]
    Unavailable(String),
    #[error("no shipping method applies")]
    NoShipping,
    #[error("not a member of that organisation")]
    NotMember,
    #[error("the form has problems")]
    Fields(Vec<FieldError>),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Order(#[from] OrderError),
}

impl From<sqlx::Error> for PlaceError {
    fn from(e: sqlx::Error) -> Self {
        PlaceError::Store(e.into())
    }
}

pub async fn place(
    db: &Db,
    machine: &OrderMachine,
    p: Placement<'_>,
    now: i64,
) -> Result<Placed, PlaceError> {
    let mut tx = db.begin().await?;
    match place_in(&mut tx, machine, p, now).await {
        Ok((placed, change)) => {
            tx.commit().await?;
            machine.announce(&change);
            Ok(placed)
        }
        Err(refused) => {
            tx.rollback().await?;
            Err(refused)
        }
    }
}

async fn place_in(
    tx: &mut Tx,
    machine: &OrderMachine,
    p: Placement<'_>,
    now: i64,
) -> Result<(Placed, super::OrderMove), PlaceError> {
    // Freezing the basket and reading its lines go to the database
    // together; a basket that was not open is refused before anything
    // else is written.
    let (frozen, lines) = checkout_lines_after(
        tx,
        (
            "UPDATE baskets SET status = 'ordered', updated_at = $2 WHERE id = $1 AND status = 'open'",
            vals![p.basket, now],
        ),
        p.basket,
        p.currency,
        p.locale,
    )
    .await?;
    if frozen == 0 {
        return Err(PlaceError::Frozen);
    }
    if lines.is_empty() {
        return Err(PlaceError::Empty);
    }
    for line in &lines {
        if line.unit_price.is_none() {
            return Err(PlaceError::Unavailable(line.meta.title.clone()));
        }
        if !line.fully_reserved() && !reserve_rest(tx, p.basket, line).await? {
            return Err(PlaceError::Unavailable(line.meta.title.clone()));
        }
    }
    let buyer = Customer {
        user: p.user,
        email: &p.draft.email,
    };
    let voucher = vouchers::check(tx, p.offers, &p.draft.voucher, buyer, p.currency, now).await?;
    let automatic = p.offers.automatic(now);
    let deals = Deals {
        automatic: &automatic,
        voucher: voucher.as_ref(),
        organisations: p.organisations,
    };
    let priced = price(
        &lines,
        p.draft,
        p.config,
        p.currency,
        p.prices_include_tax,
        &deals,
    )
    .map_err(|e| StoreError::Corrupt(format!("basket {} cannot be priced: {e}", p.basket)))?;
    let mut problems = (p.check)(&priced);
    if let Some(refused) = priced.voucher.as_ref().filter(|v| !v.applied) {
        problems.push(FieldError::new("voucher", refused.message.clone()));
    }
    if !problems.is_empty() {
        return Err(PlaceError::Fields(problems));
    }
    // Taken before anything else is written, so a checkout that loses the
    // race for a code's last use stops here and its basket stays as it was.
    if let Some(voucher) = priced.voucher_id {
        if let Err(refusal) = vouchers::take(tx, voucher, buyer).await? {
            return Err(PlaceError::Fields(vec![FieldError::new(
                "voucher",
                refusal.message(),
            )]));
        }
    }
    let applied = priced.summary.offers.clone();
    if priced.needs_shipping && priced.chosen.as_deref() != Some(p.draft.shipping_method.as_str()) {
        return Err(PlaceError::NoShipping);
    }
    let organisation = match p.draft.order_for.parse::<i64>() {
        Ok(org) => match p.user {
            Some(user) if is_member(tx, user, org).await? => Some(org),
            _ => return Err(PlaceError::NotMember),
        },
        Err(_) => None,
    };
    let organisation_name = match organisation {
        Some(org) => tx
            .rows::<(String,)>("SELECT name FROM organisations WHERE id = $1", vals![org])
            .await?
            .into_iter()
            .next()
            .map(|(name,)| name),
        None => None,
    };
    let billing = p.draft.billing_address(priced.needs_shipping).clone();
    let customer = customer_for_order(
        tx,
        p.user,
        organisation,
        &p.draft.email,
        &billing,
        &p.draft.vat_id,
        now,
    )
    .await?;
    let token = token();
    let total_minor = priced
        .summary
        .grand_total
        .to_minor()
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let payment_method = p.payment.code.clone();
    let priced_voucher = priced.voucher_id;
    let facts = GuardFacts {
        total_minor,
        paid_minor: 0,
    };
    let status = machine.born_as(facts)?;
    // The order number is taken last (below): its sequence row stays
    // locked until commit, and on PostgreSQL every other checkout waits for
    // that lock. Until then the order carries a stand-in number, unique by
    // its token, that nothing outside this transaction sees.
    let id = tx
        .scalar(
            "INSERT INTO orders (number, access_token, basket_id, status, currency, total_minor, \
             paid_minor, snapshot, created_at, updated_at, user_id, customer_id, organisation_id, email, \
             payment_method) \
             VALUES ($1, $2, $3, $11, $4, $5, 0, '', $6, $6, $7, $8, $9, $10, $12) RETURNING id",
            vals![
                format!("pending-{token}"),
                &token,
                p.basket,
                p.currency.code(),
                total_minor,
                now,
                p.user,
                customer,
                organisation,
                &p.draft.email,
                status.code(),
                payment_method
            ],
        )
        .await?
        .ok_or_else(|| StoreError::Corrupt("order insert returned no id".into()))?;
    // From here on nothing is decided: what follows only writes.
    insert_lines(tx, id, &lines).await?;
    vouchers::record(tx, id, &applied, priced_voucher, buyer, now).await?;
    // The basket's reservations are now the order's allocations: the stock
    // stays counted in `variants.reserved`, but no longer lapses.
    tx.defer(
        "UPDATE basket_lines SET reserved_quantity = 0 WHERE basket_id = $1",
        vals![p.basket],
    )
    .await?;
    if lines.iter().any(|line| line.meta.unit_id.is_some()) {
        tx.defer(
            "UPDATE serial_units SET reserved_until = $2 WHERE basket_id = $1 AND status = 'reserved'",
            vals![p.basket, ALLOCATED_UNTIL],
        )
        .await?;
    }
    let actor = match p.user {
        Some(user) => format!("user:{user}"),
        None => "guest".to_owned(),
    };
    let change = machine.record_birth(tx, id, facts, &actor, now).await?;
    let number = next_order_number(tx, year_of(now) as u16)
        .await?
        .to_string();
    let snapshot = OrderSnapshot {
        number: number.clone(),
        placed_at: now,
        locale: p.locale.to_owned(),
        email: p.draft.email.clone(),
        shipping_address: priced.needs_shipping.then(|| p.draft.shipping.clone()),
        billing_address: billing,
        vat_id: p.draft.vat_id.clone(),
        organisation: organisation_name,
        summary: priced.summary,
        payment: p.payment,
    };
    let snapshot = serde_json::to_string(&snapshot)
        .map_err(|e| StoreError::Corrupt(format!("order snapshot: {e}")))?;
    tx.execute(
        "UPDATE orders SET number = $2, snapshot = $3 WHERE id = $1",
        vals![id, &number, snapshot],
    )
    .await?;
    Ok((Placed { id, number, token }, change))
}

/// The order's lines, in one statement.
async fn insert_lines(tx: &mut Tx, order: i64, lines: &[CheckoutLine]) -> Result<(), StoreError> {
    let mut sql = String::from(
        "INSERT INTO order_lines (order_id, position, variant_id, unit_id, quantity, allocated, unit_price_minor) VALUES ",
    );
    let mut values: Vec<Val> = vec![order.into()];
    for (position, line) in lines.iter().enumerate() {
        let unit_price = line
            .unit_price
            .map(|m| m.to_minor())
            .transpose()
            .map_err(|e| StoreError::Corrupt(e.to_string()))?
            .unwrap_or(0);
        let at = values.len();
        if position > 0 {
            sql.push_str(", ");
        }
        sql.push_str(&format!(
            "($1, ${}, ${}, ${}, ${}, ${}, ${})",
            at + 1,
            at + 2,
            at + 3,
            at + 4,
            at + 4,
            at + 5
        ));
        values.extend([
            (position as i64).into(),
            line.meta.variant_id.into(),
            line.meta.unit_id.into(),
            i64::from(line.quantity.get()).into(),
            unit_price.into(),
        ]);
    }
    tx.defer(&sql, &values).await?;
    Ok(())
}

/// Reserves what a line lacks (its reservation lapsed), if stock allows.
async fn reserve_rest(tx: &mut Tx, basket: i64, line: &CheckoutLine) -> Result<bool, StoreError> {
    if line.meta.unit_id.is_some() {
        // A lapsed unit may have gone to someone else; it is not re-taken here.
        return Ok(false);
    }
    let missing = i64::from(line.quantity.get()) - line.reserved;
    let taken = tx
        .execute(RESERVE, vals![line.meta.variant_id, missing])
        .await?;
    if taken == 0 {
        return Ok(false);
    }
    tx.execute(
        "UPDATE basket_lines SET reserved_quantity = quantity WHERE basket_id = $1 AND variant_id = $2",
        vals![basket, line.meta.variant_id],
    )
    .await?;
    Ok(true)
}
