//! Delivering a paid order, in one transaction: its digital lines get
//! download links (and the customer an email with them), lines an external
//! partner makes are handed to that partner, and an order with nothing to
//! ship is fulfilled. Running it twice changes nothing the second time.

use crate::db::Db;
use crate::downloads::links::{IssueError, issue};
use crate::jobs::{EmailKind, JobError, NewJob, Task, enqueue};
use crate::orders::OrderMachine;
use crate::vals;
use app::domain::order_state::{OrderState, Transition};
use app::orders::types::OrderSnapshot;

#[derive(sqlx::FromRow)]
struct OrderRow {
    status: String,
    snapshot: String,
}

crate::lite_row!(OrderRow { status, snapshot });

#[derive(sqlx::FromRow)]
struct Needs {
    ships: i64,
    partner: i64,
}

crate::lite_row!(Needs { ships, partner });

pub async fn fulfil(
    db: &Db,
    machine: &OrderMachine,
    order_id: i64,
    now: i64,
) -> Result<(), JobError> {
    let mut tx = db.begin().await?;
    // Write first: it locks the order (and takes SQLite's write lock).
    tx.execute(
        "UPDATE orders SET updated_at = updated_at WHERE id = $1",
        vals![order_id],
    )
    .await?;
    let order: OrderRow = tx
        .rows(
            "SELECT status, snapshot FROM orders WHERE id = $1",
            vals![order_id],
        )
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| JobError::Permanent(format!("order {order_id} does not exist")))?;
    let status = OrderState::parse(&order.status)
        .ok_or_else(|| JobError::Permanent(format!("order {order_id}: status {}", order.status)))?;
    if !status.delivers_downloads() {
        // Refunded (or never paid) before delivery: nothing to deliver.
        tx.rollback().await?;
        return Ok(());
    }
    let snapshot: OrderSnapshot = serde_json::from_str(&order.snapshot)
        .map_err(|e| JobError::Permanent(format!("order {order_id} snapshot: {e}")))?;
    let names: Vec<String> = snapshot
        .summary
        .lines
        .iter()
        .map(|l| l.full_name())
        .collect();
    let links = issue(&mut tx, order_id, &names, now)
        .await
        .map_err(|e| match e {
            // The merchant can attach the file; the job tries again.
            IssueError::NoFile(_) => JobError::Transient(e.to_string()),
            IssueError::Db(e) => e.into(),
        })?;
    if links > 0 {
        enqueue(
            &mut tx,
            &NewJob::email(order_id, EmailKind::DownloadsReady, None, now),
            now,
        )
        .await?;
    }
    let needs: Needs = tx
        .rows(
            "SELECT \
             COALESCE(SUM(CASE WHEN p.shippable AND NOT p.external_fulfilment THEN 1 ELSE 0 END), 0) AS ships, \
             COALESCE(SUM(CASE WHEN p.external_fulfilment THEN 1 ELSE 0 END), 0) AS partner \
             FROM order_lines ol JOIN variants v ON v.id = ol.variant_id JOIN products p ON p.id = v.product_id \
             WHERE ol.order_id = $1",
            vals![order_id],
        )
        .await?
        .into_iter()
        .next()
        .unwrap_or(Needs { ships: 0, partner: 0 });
    if needs.partner > 0 {
        enqueue(
            &mut tx,
            &NewJob::now(
                Task::Handoff { order_id },
                format!("handoff:{order_id}"),
                now,
            ),
            now,
        )
        .await?;
    }
    // Nothing for the merchant to ship: delivery is done (a partner's
    // lines are shipped by the partner).
    let fulfilled = if needs.ships == 0 && needs.partner == 0 && status == OrderState::Paid {
        Some(
            machine
                .apply_in(
                    &mut tx,
                    order_id,
                    Transition::Fulfil,
                    "system",
                    "delivered",
                    now,
                )
                .await
                .map_err(|e| JobError::Transient(e.to_string()))?,
        )
    } else {
        None
    };
    tx.commit().await?;
    if let Some(change) = fulfilled {
        machine.announce(&change);
    }
    Ok(())
}
