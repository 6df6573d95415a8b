//! The dashboard's figures, the audit log, and discarding jobs.

use super::orders::{LIST_COLUMNS, ListRow, order_row};
use super::products::AdminCatalog;
use crate::db::{Db, StoreError};
use crate::vals;
use app::admin::insights::types::{AuditEntry, AuditPage, Dashboard, StoreDetails};
use app::admin::svg::chart::DayTotal;
use app::domain::Currency;
use app::domain::dates::day_of;
use app::domain::order_state::OrderState;
use app::services::ServiceError;

pub const DAYS: i64 = 30;
pub const AUDIT_PAGE: u32 = 50;

#[derive(Clone)]
pub struct AdminInsights {
    pub db: Db,
    pub currency: Currency,
    pub catalog: AdminCatalog,
}

impl AdminInsights {
    pub async fn dashboard(&self, now: i64) -> Result<Dashboard, ServiceError> {
        let today = now.div_euclid(86_400) * 86_400;
        let start = today - (DAYS - 1) * 86_400;
        // Revenue is what was paid and not given back, in the store's
        // currency; orders count every order placed that day.
        let per_day: Vec<(i64, i64, i64)> = self
            .db
            .rows(
                "SELECT (created_at - $1) / 86400 AS day, COUNT(*) AS orders, \
                 CAST(COALESCE(SUM(paid_minor - refunded_minor), 0) AS BIGINT) AS revenue \
                 FROM orders WHERE created_at >= $1 AND currency = $2 GROUP BY 1 ORDER BY 1",
                vals![start, self.currency.code()],
            )
            .await
            .map_err(StoreError::from)?;
        let days = (0..DAYS)
            .map(|offset| {
                let found = per_day.iter().find(|(day, _, _)| *day == offset);
                DayTotal {
                    day: day_of(start + offset * 86_400),
                    orders: found.map_or(0, |f| f.1 as u32),
                    revenue_minor: found.map_or(0, |f| f.2),
                }
            })
            .collect();
        let counts: Vec<(String, i64)> = self
            .db
            .rows(
                "SELECT status, COUNT(*) FROM orders GROUP BY status",
                vals![],
            )
            .await
            .map_err(StoreError::from)?;
        let by_status = OrderState::ALL
            .into_iter()
            .map(|state| {
                let count = counts
                    .iter()
                    .find(|(code, _)| code == state.code())
                    .map_or(0, |(_, n)| *n as u64);
                (state.code().to_owned(), state.label(), count)
            })
            .collect();
        let latest: Vec<ListRow> = self
            .db
            .rows(
                &format!("SELECT {LIST_COLUMNS} ORDER BY o.id DESC LIMIT 10"),
                vals![],
            )
            .await
            .map_err(StoreError::from)?;
        Ok(Dashboard {
            currency: self.currency,
            days,
            by_status,
            low_stock: self.catalog.low_stock(10).await?,
            latest: latest
                .into_iter()
                .map(order_row)
                .collect::<Result<_, _>>()?,
        })
    }

    pub async fn record(
        &self,
        user: i64,
        action: &str,
        subject: &str,
        detail: &str,
    ) -> Result<(), ServiceError> {
        let clip = |text: &str, max: usize| text.chars().take(max).collect::<String>();
        self.db
            .execute(
                "INSERT INTO audit_log (at, user_id, actor, action, subject, detail) \
                 SELECT $1, id, email, $3, $4, $5 FROM users WHERE id = $2",
                vals![
                    crate::startup::now(),
                    user,
                    clip(action, 60),
                    clip(subject, 200),
                    clip(detail, 2000)
                ],
            )
            .await
            .map_err(StoreError::from)?;
        Ok(())
    }

    pub async fn audit(&self, page: u32) -> Result<AuditPage, ServiceError> {
        let total = self
            .db
            .scalar("SELECT COUNT(*) FROM audit_log", vals![])
            .await
            .map_err(StoreError::from)? as u64;
        let pages = total.div_ceil(u64::from(AUDIT_PAGE)).max(1) as u32;
        let page = page.clamp(1, pages);
        let offset = (page - 1) * AUDIT_PAGE;
        let rows: Vec<(i64, String, String, String, String)> = self
            .db
            .rows(
                &format!(
                    "SELECT at, actor, action, subject, detail FROM audit_log \
                     ORDER BY id DESC LIMIT {AUDIT_PAGE} OFFSET {offset}"
                ),
                vals![],
            )
            .await
            .map_err(StoreError::from)?;
        Ok(AuditPage {
            entries: rows
                .into_iter()
                .map(|(at, actor, action, subject, detail)| AuditEntry {
                    at,
                    actor,
                    action,
                    subject,
                    detail,
                })
                .collect(),
            page,
            pages,
        })
    }

    pub async fn discard_job(&self, id: i64) -> Result<(), ServiceError> {
        // A discarded job is kept (its key still stops a second enqueue of
        // the same work), marked done with a note of why.
        let changed = self
            .db
            .execute(
                "UPDATE jobs SET status = 'done', last_error = 'discarded by staff', updated_at = $2 \
                 WHERE id = $1 AND status IN ('dead', 'queued')",
                vals![id, crate::startup::now()],
            )
            .await
            .map_err(StoreError::from)?;
        if changed == 0 {
            return Err(ServiceError::Conflict(
                "Only waiting or dead jobs can be discarded.".into(),
            ));
        }
        Ok(())
    }

    pub async fn store_details(&self) -> Result<StoreDetails, ServiceError> {
        let rows: Vec<(String, String)> = self
            .db
            .rows("SELECT key, value FROM store_settings", vals![])
            .await
            .map_err(StoreError::from)?;
        let mut details = StoreDetails {
            store_name: "Ferrostore".into(),
            ..StoreDetails::default()
        };
        for (key, value) in rows {
            details.set(&key, value);
        }
        Ok(details)
    }

    pub async fn save_store_details(&self, details: &StoreDetails) -> Result<(), ServiceError> {
        let mut tx = self.db.begin().await.map_err(StoreError::from)?;
        for key in StoreDetails::KEYS {
            tx.execute(
                "INSERT INTO store_settings (key, value) VALUES ($1, $2) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                vals![key, details.get(key).trim()],
            )
            .await
            .map_err(StoreError::from)?;
        }
        tx.commit().await.map_err(StoreError::from)?;
        Ok(())
    }
}
