//! Staff accounts and the admin's payment actions, over HTTP.

use super::{ApiReply, TestStore};

impl TestStore {
    /// A signed-in client of a new account with the given staff role
    /// ("admin" or "staff"); `None` leaves it a customer.
    pub async fn staff(&self, role: Option<&str>) -> reqwest::Client {
        let client = self.shopper();
        let email = format!(
            "{}-{}@example.com",
            role.unwrap_or("customer"),
            &server::orders::token()[..8]
        );
        assert_eq!(self.register(&client, &email).await.status, 200);
        if let Some(role) = role {
            self.execute(&format!(
                "INSERT INTO staff_members (user_id, role, created_at) \
                 SELECT id, '{role}', 0 FROM users WHERE email = '{email}'"
            ))
            .await;
        }
        client
    }

    pub async fn admin_api(
        &self,
        client: &reqwest::Client,
        action: &str,
        form: &[(&str, &str)],
    ) -> ApiReply {
        self.admin_call(client, &format!("payments/{action}"), form)
            .await
    }

    /// (status, paid, refunded) of the order, in minor units.
    pub async fn order_money(&self, number: &str) -> (String, i64, i64) {
        let status = server::with_db!(self.db(), |pool| sqlx::query_scalar::<_, String>(
            "SELECT status FROM orders WHERE number = $1"
        )
        .bind(number)
        .fetch_one(pool)
        .await)
        .unwrap();
        let paid = self
            .number(&format!(
                "SELECT paid_minor FROM orders WHERE number = '{number}'"
            ))
            .await;
        let refunded = self
            .number(&format!(
                "SELECT refunded_minor FROM orders WHERE number = '{number}'"
            ))
            .await;
        (status, paid, refunded)
    }

    pub async fn order_total(&self, number: &str) -> i64 {
        self.number(&format!(
            "SELECT total_minor FROM orders WHERE number = '{number}'"
        ))
        .await
    }
}

/// Minor units as the admin types them: "12.34".
pub fn amount(minor: i64) -> String {
    format!("{}.{:02}", minor / 100, minor % 100)
}
