//! Failed sign-ins are counted per account and per client address in a
//! fixed window. Once either count reaches its limit, sign-in is refused
//! (without checking the password) until the window ends.

use crate::db::{Db, StoreError};
use crate::vals;

#[derive(Debug, Clone, Copy)]
pub struct LoginLimits {
    pub per_account: i64,
    pub per_client: i64,
    pub window_seconds: i64,
}

impl Default for LoginLimits {
    fn default() -> Self {
        LoginLimits {
            per_account: 5,
            per_client: 30,
            window_seconds: 15 * 60,
        }
    }
}

pub fn account_key(email: &str) -> String {
    format!("account:{email}")
}

pub fn client_key(client: &str) -> String {
    format!("client:{client}")
}

impl LoginLimits {
    /// Whether either key has used up its failures in the current window.
    pub async fn exhausted(
        &self,
        db: &Db,
        account: &str,
        client: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        let since = now - self.window_seconds;
        let counts: Vec<(String, i64)> = db
            .rows(
                "SELECT key, failures FROM login_failures WHERE key IN ($1, $2) AND window_start > $3",
                vals![account, client, since],
            )
            .await?;
        Ok(counts.iter().any(|(key, failures)| {
            let limit = if key == account {
                self.per_account
            } else {
                self.per_client
            };
            *failures >= limit
        }))
    }

    /// Counts a failure against both keys, starting a new window where the
    /// old one has ended. One statement per key, so concurrent failures are
    /// all counted.
    pub async fn record_failure(
        &self,
        db: &Db,
        account: &str,
        client: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        let since = now - self.window_seconds;
        for key in [account, client] {
            db.execute(
                "INSERT INTO login_failures (key, failures, window_start) VALUES ($1, 1, $2) \
                 ON CONFLICT (key) DO UPDATE SET \
                 failures = CASE WHEN login_failures.window_start <= $3 THEN 1 ELSE login_failures.failures + 1 END, \
                 window_start = CASE WHEN login_failures.window_start <= $3 THEN $2 ELSE login_failures.window_start END",
                vals![key, now, since],
            )
            .await?;
        }
        Ok(())
    }

    /// A successful sign-in clears the account's count (not the client's).
    pub async fn clear(&self, db: &Db, account: &str) -> Result<(), StoreError> {
        db.execute("DELETE FROM login_failures WHERE key = $1", vals![account])
            .await?;
        Ok(())
    }
}
