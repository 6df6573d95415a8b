//! Download links: one per digital line of a paid order, named by a token
//! of 192 random bits. Using one is a single conditional update that
//! checks the link is still good and counts the attempt, so no number of
//! simultaneous requests gets more downloads than the link allows.

use crate::db::{Db, StoreError, Tx};
use crate::vals;
use app::domain::order_state::OrderState;
use app::orders::types::DownloadView;

/// The order statuses whose links work, as an SQL list.
fn deliverable() -> String {
    let codes: Vec<String> = OrderState::ALL
        .into_iter()
        .filter(|s| s.delivers_downloads())
        .map(|s| format!("'{}'", s.code()))
        .collect();
    format!("({})", codes.join(", "))
}

fn delivers(status: &str) -> bool {
    OrderState::parse(status).is_some_and(OrderState::delivers_downloads)
}

/// What a request for `/download/{token}` gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Redeemed {
    /// Counted; here is where the file is.
    File {
        key: String,
        filename: String,
    },
    /// The link exists but may not be used (any more).
    Refused(Refusal),
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Exhausted,
    Expired,
    /// The order was refunded or is not paid.
    Withdrawn,
}

impl Refusal {
    pub fn message(self) -> &'static str {
        match self {
            Refusal::Exhausted => "This download link has been used as often as it allows.",
            Refusal::Expired => "This download link has expired.",
            Refusal::Withdrawn => "This download is no longer available for this order.",
        }
    }
}

#[derive(sqlx::FromRow)]
struct FileRow {
    file_key: String,
    filename: String,
}

crate::lite_row!(FileRow { file_key, filename });

#[derive(sqlx::FromRow)]
struct StateRow {
    attempts_used: i64,
    max_attempts: i64,
    expires_at: i64,
    status: String,
}

/// Counts one use of the link, if it may be used.
pub async fn redeem(db: &Db, token: &str, now: i64) -> Result<Redeemed, StoreError> {
    if !crate::orders::plausible_token(token) {
        return Ok(Redeemed::Unknown);
    }
    let mut tx = db.begin().await?;
    let counted: Option<FileRow> = tx
        .rows(
            &format!(
                "UPDATE download_links SET attempts_used = attempts_used + 1 \
                 WHERE token = $1 AND attempts_used < max_attempts AND expires_at > $2 \
                 AND EXISTS (SELECT 1 FROM orders o WHERE o.id = download_links.order_id AND o.status IN {}) \
                 RETURNING file_key, filename",
                deliverable()
            ),
            vals![token, now],
        )
        .await?
        .into_iter()
        .next();
    tx.commit().await?;
    if let Some(file) = counted {
        return Ok(Redeemed::File {
            key: file.file_key,
            filename: file.filename,
        });
    }
    let state: Option<StateRow> = db
        .rows(
            "SELECT l.attempts_used, l.max_attempts, l.expires_at, o.status \
             FROM download_links l JOIN orders o ON o.id = l.order_id WHERE l.token = $1",
            vals![token],
        )
        .await?
        .into_iter()
        .next();
    Ok(match state {
        None => Redeemed::Unknown,
        Some(s) if !delivers(&s.status) => Redeemed::Refused(Refusal::Withdrawn),
        Some(s) if s.expires_at <= now => Redeemed::Refused(Refusal::Expired),
        Some(s) if s.attempts_used >= s.max_attempts => Redeemed::Refused(Refusal::Exhausted),
        // It became usable again meanwhile (a merchant reset it): refuse this
        // one request rather than count it twice.
        Some(_) => Redeemed::Refused(Refusal::Exhausted),
    })
}

#[derive(sqlx::FromRow)]
struct DigitalLine {
    position: i64,
    file_key: Option<String>,
    filename: Option<String>,
    attempts: i64,
    days: i64,
    sku: String,
}

crate::lite_row!(DigitalLine {
    position,
    file_key,
    filename,
    attempts,
    days,
    sku
});

/// Gives each digital line of the order its link, inside the fulfilment's
/// transaction. Lines that have one keep it, so running this twice is
/// harmless. Returns how many links the order has.
pub async fn issue(
    tx: &mut Tx,
    order_id: i64,
    names: &[String],
    now: i64,
) -> Result<usize, IssueError> {
    let lines: Vec<DigitalLine> = tx
        .rows(
            "SELECT ol.position, p.download_key AS file_key, p.download_filename AS filename, \
             p.download_attempts AS attempts, p.download_days AS days, v.sku \
             FROM order_lines ol JOIN variants v ON v.id = ol.variant_id JOIN products p ON p.id = v.product_id \
             WHERE ol.order_id = $1 AND p.product_type = 'digital' ORDER BY ol.position",
            vals![order_id],
        )
        .await?;
    for line in &lines {
        let (Some(key), Some(filename)) = (&line.file_key, &line.filename) else {
            return Err(IssueError::NoFile(line.sku.clone()));
        };
        let name = names
            .get(line.position as usize)
            .cloned()
            .unwrap_or_else(|| line.sku.clone());
        tx.execute(
            "INSERT INTO download_links (token, order_id, line_position, name, file_key, filename, max_attempts, expires_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (order_id, line_position) DO NOTHING",
            vals![
                crate::orders::token(),
                order_id,
                line.position,
                name,
                key,
                filename,
                line.attempts,
                now + line.days * 86_400,
                now
            ],
        )
        .await?;
    }
    Ok(lines.len())
}

#[derive(Debug, thiserror::Error)]
pub enum IssueError {
    #[error("the digital product {0} has no file to download yet")]
    NoFile(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

#[derive(sqlx::FromRow)]
struct LinkRow {
    id: i64,
    token: String,
    name: String,
    max_attempts: i64,
    attempts_used: i64,
    expires_at: i64,
    status: String,
}

/// The order's links as its page (and its merchant) shows them.
pub async fn for_order(db: &Db, order_id: i64, now: i64) -> Result<Vec<DownloadView>, StoreError> {
    let rows: Vec<LinkRow> = db
        .rows(
            "SELECT l.id, l.token, l.name, l.max_attempts, l.attempts_used, l.expires_at, o.status \
             FROM download_links l JOIN orders o ON o.id = l.order_id \
             WHERE l.order_id = $1 ORDER BY l.line_position",
            vals![order_id],
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let withdrawn = !delivers(&row.status);
            let remaining = (row.max_attempts - row.attempts_used).max(0);
            DownloadView {
                id: row.id,
                name: row.name,
                url: link_path(&row.token),
                remaining: remaining as u32,
                max_attempts: row.max_attempts as u32,
                expires_at: row.expires_at,
                usable: !withdrawn && remaining > 0 && row.expires_at > now,
            }
        })
        .collect())
}

/// The masked address of a link; the only one a shopper sees.
pub fn link_path(token: &str) -> String {
    format!("/download/{token}")
}

/// Gives a link its attempts back and/or more days, for a merchant.
/// Returns false when the order has no such link.
pub async fn renew(
    db: &Db,
    order_id: i64,
    link_id: i64,
    reset_attempts: bool,
    extend_days: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let changed = db
        .execute(
            "UPDATE download_links SET \
             attempts_used = CASE WHEN $3 THEN 0 ELSE attempts_used END, \
             expires_at = CASE WHEN $4 > 0 THEN (CASE WHEN expires_at > $5 THEN expires_at ELSE $5 END) + $4 * 86400 ELSE expires_at END \
             WHERE id = $1 AND order_id = $2",
            vals![link_id, order_id, reset_attempts, extend_days, now],
        )
        .await?;
    Ok(changed == 1)
}
