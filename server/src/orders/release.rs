//! Ending an unpaid order (cancelled by the shopper, or expired): the
//! allocations go back to stock, voucher uses are given back and the
//! basket reopens, in the same transaction as the state change.

use super::transitions::{OrderError, OrderMachine};
use crate::basket::RELEASE;
use crate::db::{Db, StoreError, Tx};
use crate::vals;
use app::domain::order_state::Transition;

#[derive(sqlx::FromRow)]
struct Allocation {
    position: i64,
    variant_id: i64,
    unit_id: Option<i64>,
    allocated: i64,
}

crate::lite_row!(Allocation {
    position,
    variant_id,
    unit_id,
    allocated
});

/// Applies `Cancel` or `Expire` and releases the order's stock; returns
/// the reopened basket.
pub async fn end_unpaid(
    db: &Db,
    machine: &OrderMachine,
    order: i64,
    transition: Transition,
    actor: &str,
    reason: &str,
    now: i64,
) -> Result<Option<i64>, OrderError> {
    let mut tx = db.begin().await?;
    let change = machine
        .apply_in(&mut tx, order, transition, actor, reason, now)
        .await?;
    let basket = release_allocations(&mut tx, order, now).await?;
    crate::offers::vouchers::give_back(&mut tx, order, now).await?;
    tx.commit().await?;
    machine.announce(&change);
    Ok(basket)
}

async fn release_allocations(tx: &mut Tx, order: i64, now: i64) -> Result<Option<i64>, StoreError> {
    // Variant order, so two releases never lock the same rows the other way round.
    let held: Vec<Allocation> = tx
        .rows(
            "SELECT position, variant_id, unit_id, allocated FROM order_lines \
             WHERE order_id = $1 AND allocated > 0 ORDER BY variant_id, position",
            vals![order],
        )
        .await?;
    for line in held {
        let released = match line.unit_id {
            Some(unit) => tx
                .execute(
                    "UPDATE serial_units SET status = 'available', basket_id = NULL, reserved_until = 0 \
                     WHERE id = $1 AND status = 'reserved'",
                    vals![unit],
                )
                .await?
                .min(1) as i64,
            None => line.allocated,
        };
        if released > 0 {
            tx.execute(RELEASE, vals![line.variant_id, released])
                .await?;
        }
        tx.execute(
            "UPDATE order_lines SET allocated = 0 WHERE order_id = $1 AND position = $2",
            vals![order, line.position],
        )
        .await?;
    }
    let basket = tx
        .scalar("SELECT basket_id FROM orders WHERE id = $1", vals![order])
        .await?;
    if let Some(basket) = basket {
        tx.execute(
            "UPDATE baskets SET status = 'open', updated_at = $2 WHERE id = $1 AND status = 'ordered'",
            vals![basket, now],
        )
        .await?;
    }
    Ok(basket)
}

/// Expires orders left unpaid for `max_age` seconds; returns how many.
/// Each runs in its own transaction through the state machine, so several
/// servers expiring at once never expire an order twice.
pub async fn expire_unpaid(
    db: &Db,
    machine: &OrderMachine,
    max_age: i64,
    now: i64,
) -> Result<u64, StoreError> {
    let due: Vec<(i64,)> = db
        .rows(
            "SELECT id FROM orders WHERE status IN ('created', 'awaiting_payment') AND created_at <= $1 \
             ORDER BY id LIMIT 500",
            vals![now - max_age],
        )
        .await?;
    let mut expired = 0;
    for (order,) in due {
        match end_unpaid(
            db,
            machine,
            order,
            Transition::Expire,
            "system",
            "unpaid for too long",
            now,
        )
        .await
        {
            Ok(_) => expired += 1,
            // Paid or cancelled meanwhile: nothing to do.
            Err(OrderError::Rejected(_) | OrderError::Raced) => {}
            Err(OrderError::NotFound) => {}
            Err(OrderError::Store(e)) => return Err(e),
        }
    }
    Ok(expired)
}
