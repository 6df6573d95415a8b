//! Handing lines an external partner makes and ships (printing, pressing)
//! to that partner: a signed POST of the lines and the shipping address,
//! retried through the queue until the partner accepts it. Every answer is
//! recorded.

use crate::db::Db;
use crate::jobs::JobError;
use crate::payments::signature::sign_timestamped;
use crate::vals;
use app::orders::types::OrderSnapshot;
use serde::Serialize;

/// The header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`.
pub const SIGNATURE_HEADER: &str = "X-Ferrostore-Signature";

#[derive(Clone, Debug)]
pub struct Partner {
    pub url: Option<String>,
    pub secret: String,
    pub client: reqwest::Client,
}

#[derive(Serialize)]
struct HandoffBody {
    order: String,
    placed_at: i64,
    email: String,
    ship_to: Option<app::domain::Address>,
    lines: Vec<HandoffLine>,
}

#[derive(Serialize, sqlx::FromRow)]
struct HandoffLine {
    sku: String,
    quantity: i64,
    #[sqlx(skip)]
    name: String,
    #[serde(skip)]
    position: i64,
}

impl Partner {
    pub async fn hand_off(&self, db: &Db, order_id: i64, now: i64) -> Result<(), JobError> {
        let Some(url) = self.url.as_deref() else {
            return Err(JobError::Permanent(
                "no fulfilment partner is configured (STORE_FULFILMENT_URL)".into(),
            ));
        };
        let accepted = db
            .scalar(
                "SELECT COUNT(*) FROM fulfilment_handoffs WHERE order_id = $1 AND accepted",
                vals![order_id],
            )
            .await?;
        if accepted > 0 {
            return Ok(());
        }
        let (snapshot,): (String,) = db
            .rows("SELECT snapshot FROM orders WHERE id = $1", vals![order_id])
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| JobError::Permanent(format!("order {order_id} does not exist")))?;
        let snapshot: OrderSnapshot = serde_json::from_str(&snapshot)
            .map_err(|e| JobError::Permanent(format!("order {order_id} snapshot: {e}")))?;
        let mut lines: Vec<HandoffLine> = db
            .rows(
                "SELECT v.sku, ol.quantity, ol.position FROM order_lines ol \
                 JOIN variants v ON v.id = ol.variant_id JOIN products p ON p.id = v.product_id \
                 WHERE ol.order_id = $1 AND p.external_fulfilment ORDER BY ol.position",
                vals![order_id],
            )
            .await?;
        for line in &mut lines {
            if let Some(l) = snapshot.summary.lines.get(line.position as usize) {
                line.name = l.full_name();
            }
        }
        let body = serde_json::to_vec(&HandoffBody {
            order: snapshot.number.clone(),
            placed_at: snapshot.placed_at,
            email: snapshot.email.clone(),
            ship_to: snapshot.shipping_address.clone(),
            lines,
        })
        .map_err(|e| JobError::Permanent(e.to_string()))?;
        let signature = sign_timestamped(self.secret.as_bytes(), now, &body);
        let sent = self
            .client
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(SIGNATURE_HEADER, signature)
            .header("Idempotency-Key", format!("handoff-{}", snapshot.number))
            .body(body)
            .send()
            .await;
        let (status, response, accepted) = match sent {
            Ok(response) => {
                let status = response.status();
                let text: String = response
                    .text()
                    .await
                    .unwrap_or_default()
                    .chars()
                    .take(4000)
                    .collect();
                (Some(i64::from(status.as_u16())), text, status.is_success())
            }
            Err(err) => (None, format!("no answer: {err}"), false),
        };
        db.execute(
            "INSERT INTO fulfilment_handoffs (order_id, status_code, response, accepted, at) VALUES ($1, $2, $3, $4, $5)",
            vals![order_id, status, response.clone(), accepted, now],
        )
        .await?;
        if accepted {
            Ok(())
        } else {
            Err(JobError::Transient(format!(
                "the fulfilment partner did not accept the order ({}): {response}",
                status.map_or("no answer".to_owned(), |s| s.to_string())
            )))
        }
    }
}
