//! Failed sign-ins are counted per account and per client address in a
//! fixed window. Once either count is over its limit, sign-in is refused
//! (without checking the password) until the window ends. Unknown voucher
//! codes are counted per client address the same way.

use crate::db::{Db, StoreError, Tx};
use crate::vals;

#[derive(Debug, Clone, Copy)]
pub struct LoginLimits {
    pub per_account: i64,
    pub per_client: i64,
    pub window_seconds: i64,
    /// Registrations per client address in an hour.
    pub registrations_per_client: i64,
}

impl Default for LoginLimits {
    fn default() -> Self {
        LoginLimits {
            per_account: 5,
            per_client: 30,
            window_seconds: 15 * 60,
            registrations_per_client: 50,
        }
    }
}

pub fn account_key(email: &str) -> String {
    format!("account:{email}")
}

pub fn client_key(client: &str) -> String {
    format!("client:{client}")
}

/// Counts one failure against `key` in the window that started after
/// `since`; returns the count. One upsert, so concurrent failures cannot
/// slip past a limit together.
pub async fn hit(tx: &mut Tx, key: &str, now: i64, since: i64) -> Result<i64, StoreError> {
    Ok(tx
        .scalar(
            "INSERT INTO login_failures (key, failures, window_start) VALUES ($1, 1, $2) \
             ON CONFLICT (key) DO UPDATE SET \
             failures = CASE WHEN login_failures.window_start <= $3 THEN 1 ELSE login_failures.failures + 1 END, \
             window_start = CASE WHEN login_failures.window_start <= $3 THEN $2 ELSE login_failures.window_start END \
             RETURNING failures",
            vals![key, now, since],
        )
        .await?
        .unwrap_or(0))
}

/// `hit` in a transaction of its own.
pub async fn hit_once(db: &Db, key: &str, now: i64, since: i64) -> Result<i64, StoreError> {
    let mut tx = db.begin().await?;
    let count = hit(&mut tx, key, now, since).await?;
    tx.commit().await?;
    Ok(count)
}

/// The failures counted against `key` in the window that started after `since`.
pub async fn failures(db: &Db, key: &str, since: i64) -> Result<i64, StoreError> {
    Ok(db
        .rows::<(i64,)>(
            "SELECT failures FROM login_failures WHERE key = $1 AND window_start > $2",
            vals![key, since],
        )
        .await?
        .pop()
        .map_or(0, |(n,)| n))
}

impl LoginLimits {
    /// Counts this attempt against both keys before the password is
    /// checked, and says whether either key is now over its limit. Each
    /// count is one upsert that returns the new value, so concurrent
    /// attempts cannot slip past the limit together.
    pub async fn attempt(
        &self,
        db: &Db,
        account: &str,
        client: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        let since = now - self.window_seconds;
        let mut over = false;
        let mut tx = db.begin().await?;
        for (key, limit) in [(account, self.per_account), (client, self.per_client)] {
            over |= hit(&mut tx, key, now, since).await? > limit;
        }
        tx.commit().await?;
        Ok(over)
    }

    /// Counts a registration from `client`; whether it is within the limit.
    pub async fn registration(&self, db: &Db, client: &str, now: i64) -> Result<bool, StoreError> {
        let count = hit_once(db, &format!("register:{client}"), now, now - 3600).await?;
        Ok(count <= self.registrations_per_client)
    }

    /// A successful sign-in: the account's count is cleared and the
    /// attempt no longer counts against the client.
    pub async fn succeeded(&self, db: &Db, account: &str, client: &str) -> Result<(), StoreError> {
        db.execute("DELETE FROM login_failures WHERE key = $1", vals![account])
            .await?;
        db.execute(
            "UPDATE login_failures SET failures = failures - 1 WHERE key = $1 AND failures > 0",
            vals![client],
        )
        .await?;
        Ok(())
    }
}
