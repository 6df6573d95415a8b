//! Sending an order's email again. Only emails the customer was already
//! sent can be repeated, so a shipping notice never goes out for an order
//! that has not shipped.

use super::orders::AdminOrders;
use crate::db::{Db, StoreError};
use crate::jobs::{EmailKind, NewJob, Task, enqueue};
use crate::vals;
use app::services::ServiceError;

const SENT: &str =
    "SELECT payload FROM jobs WHERE order_id = $1 AND kind = 'email' AND status = 'done'";

/// The kinds among the finished email jobs' payloads, in the order of
/// `EmailKind::ALL`.
fn kinds(payloads: &[(String,)]) -> Vec<EmailKind> {
    let sent: Vec<EmailKind> = payloads
        .iter()
        .filter_map(|(payload,)| match serde_json::from_str(payload) {
            Ok(Task::Email { message, .. }) => Some(message),
            _ => None,
        })
        .collect();
    EmailKind::ALL
        .into_iter()
        .filter(|kind| sent.contains(kind))
        .collect()
}

/// The kinds of email sent for the order.
pub async fn sent_emails(db: &Db, order: i64) -> Result<Vec<EmailKind>, StoreError> {
    Ok(kinds(&db.rows(SENT, vals![order]).await?))
}

fn not_found() -> ServiceError {
    ServiceError::NotFound("We could not find that order.".into())
}

impl AdminOrders {
    pub async fn resend_email(
        &self,
        number: &str,
        kind: &str,
        actor: &str,
    ) -> Result<String, ServiceError> {
        let kind = EmailKind::parse(kind)
            .ok_or_else(|| ServiceError::Invalid("Choose an email to send again.".into()))?;
        let now = crate::startup::now();
        let mut tx = self.db.begin().await.map_err(StoreError::from)?;
        // The note comes first: it is the resend's record on the order,
        // and its id tells this send apart from every other.
        let noted: Vec<(i64, i64)> = tx
            .rows(
                "INSERT INTO order_notes (order_id, author, body, at) \
                 SELECT id, $2, $3, $4 FROM orders WHERE number = $1 RETURNING id, order_id",
                vals![
                    number,
                    actor,
                    format!("Sent the {} email again.", kind.label()),
                    now
                ],
            )
            .await
            .map_err(StoreError::from)?;
        let Some((note, order)) = noted.into_iter().next() else {
            tx.rollback().await.map_err(StoreError::from)?;
            return Err(not_found());
        };
        let payloads: Vec<(String,)> = tx
            .rows(SENT, vals![order])
            .await
            .map_err(StoreError::from)?;
        if !kinds(&payloads).contains(&kind) {
            tx.rollback().await.map_err(StoreError::from)?;
            return Err(ServiceError::Conflict(format!(
                "The {} email has not been sent for this order, so it cannot be sent again.",
                kind.label()
            )));
        }
        // A resend's cause is minus its note's id: refunds use their
        // events' (positive) ids, so the two never share a name.
        let job = NewJob::now(
            Task::Email {
                order_id: order,
                message: kind,
                cause: Some(-note),
            },
            format!("resend:{}:{order}:{note}", kind.code()),
            now,
        );
        enqueue(&mut tx, &job, now)
            .await
            .map_err(StoreError::from)?;
        tx.commit().await.map_err(StoreError::from)?;
        Ok(kind.label().to_owned())
    }
}
