//! Customer accounts for the admin: the searchable list and an account's
//! orders. Billing records and organisations come from the account
//! service, as the customer's own account page shows them.

use super::orders::{AdminOrders, LIST_COLUMNS, ListRow, order_row};
use super::products::contains_pattern;
use crate::db::StoreError;
use crate::vals;
use app::admin::customers::types::{CustomerPage, CustomerRow};
use app::admin::orders::types::OrderRow;
use app::domain::Money;
use app::services::ServiceError;

pub const PAGE_SIZE: u32 = 30;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    email: String,
    created_at: i64,
    orders: i64,
    spent: i64,
}

impl AdminOrders {
    pub async fn customers(&self, query: &str, page: u32) -> Result<CustomerPage, ServiceError> {
        let pattern = contains_pattern(query);
        // Staff accounts are not customers.
        let condition = "LOWER(u.email) LIKE $1 ESCAPE '\\' \
                         AND NOT EXISTS (SELECT 1 FROM staff_members s WHERE s.user_id = u.id)";
        let total = self
            .db
            .scalar(
                &format!("SELECT COUNT(*) FROM users u WHERE {condition}"),
                vals![&pattern],
            )
            .await
            .map_err(StoreError::from)? as u64;
        let pages = total.div_ceil(u64::from(PAGE_SIZE)).max(1) as u32;
        let page = page.clamp(1, pages);
        let offset = (page - 1) * PAGE_SIZE;
        let rows: Vec<Row> = self
            .db
            .rows(
                &format!(
                    "SELECT u.id, u.email, u.created_at, \
                     (SELECT COUNT(*) FROM orders o WHERE o.user_id = u.id) AS orders, \
                     (SELECT CAST(COALESCE(SUM(o.paid_minor - o.refunded_minor), 0) AS BIGINT) \
                        FROM orders o WHERE o.user_id = u.id AND o.currency = $2) AS spent \
                     FROM users u WHERE {condition} ORDER BY u.id DESC LIMIT {PAGE_SIZE} OFFSET {offset}"
                ),
                vals![&pattern, self.currency.code()],
            )
            .await
            .map_err(StoreError::from)?;
        Ok(CustomerPage {
            rows: rows
                .into_iter()
                .map(|r| CustomerRow {
                    id: r.id,
                    email: r.email,
                    joined: r.created_at,
                    orders: r.orders as u32,
                    spent: Money::from_minor(r.spent, self.currency),
                })
                .collect(),
            total,
            page,
            pages,
        })
    }

    pub async fn customer_orders(&self, user: i64) -> Result<(i64, Vec<OrderRow>), ServiceError> {
        let joined: Vec<(i64,)> = self
            .db
            .rows("SELECT created_at FROM users WHERE id = $1", vals![user])
            .await
            .map_err(StoreError::from)?;
        let (joined,) = joined
            .into_iter()
            .next()
            .ok_or_else(|| ServiceError::NotFound("There is no such customer.".into()))?;
        let rows: Vec<ListRow> = self
            .db
            .rows(
                &format!("SELECT {LIST_COLUMNS} WHERE o.user_id = $1 ORDER BY o.id DESC LIMIT 200"),
                vals![user],
            )
            .await
            .map_err(StoreError::from)?;
        Ok((
            joined,
            rows.into_iter().map(order_row).collect::<Result<_, _>>()?,
        ))
    }
}
