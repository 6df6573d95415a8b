//! A read transaction on sqlx's SQLite pool, whose `BEGIN` and `COMMIT`
//! travel with its statements.
//!
//! Each message to a pooled SQLite connection is a hand-off to the
//! connection's own thread and back. sqlx's own transactions send `BEGIN`
//! and `COMMIT` as messages of their own; here `BEGIN` goes in front of the
//! first statement, and `COMMIT` behind the last, each as one multi-
//! statement query (see `batch`). Writes do not come here: they run on the
//! gate's writer (see `lite_tx`).

use super::Val;
use super::batch::{self, Answers, Pending};
use sqlx::pool::PoolConnection;
use sqlx::{Pool, Sqlite};

pub struct SqliteTx {
    conn: Option<PoolConnection<Sqlite>>,
    pending: Vec<Pending>,
    /// `BEGIN` has gone to the database and the transaction has not ended.
    open: bool,
}

impl SqliteTx {
    pub async fn begin(pool: &Pool<Sqlite>) -> Result<Self, sqlx::Error> {
        Ok(SqliteTx {
            conn: Some(pool.acquire().await?),
            pending: vec![Pending::new("BEGIN", &[])],
            open: false,
        })
    }

    /// Sends `BEGIN` (with the first statement), then `asked`, as one
    /// query; answers for `asked`.
    pub async fn send(&mut self, asked: &[(&str, &[Val])]) -> Result<Answers, sqlx::Error> {
        let conn = self.conn.as_mut().ok_or(sqlx::Error::PoolClosed)?;
        // From here on the database may have begun, whatever the outcome.
        self.open |= !self.pending.is_empty() || !asked.is_empty();
        batch::run(conn, &mut self.pending, asked).await
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        if !self.open && self.pending.len() == 1 {
            // Nothing was ever sent: there is nothing to commit.
            return Ok(());
        }
        self.finish().await
    }

    async fn finish(mut self) -> Result<(), sqlx::Error> {
        match self.send(&[("COMMIT", &[])]).await {
            Ok(_) => {
                self.open = false;
                Ok(())
            }
            Err(e) => {
                self.pending.clear();
                if let Err(error) = self.end().await {
                    tracing::warn!(%error, "rolling back after a failed commit failed");
                }
                Err(e)
            }
        }
    }

    pub async fn rollback(mut self) -> Result<(), sqlx::Error> {
        self.pending.clear();
        self.end().await
    }

    /// Rolls back what reached the database, and waits for it. A
    /// connection that cannot roll back is closed, which ends its
    /// transaction, rather than handed to anyone else.
    async fn end(&mut self) -> Result<(), sqlx::Error> {
        if !self.open {
            return Ok(());
        }
        self.open = false;
        let Some(conn) = self.conn.as_mut() else {
            return Ok(());
        };
        let result = sqlx::query("ROLLBACK").execute(&mut **conn).await;
        if result.is_err() {
            if let Some(mut conn) = self.conn.take() {
                conn.close_on_drop();
            }
        }
        result.map(|_| ())
    }
}

impl Drop for SqliteTx {
    /// A transaction dropped unfinished (an error returned early) is
    /// rolled back before its connection serves anyone else: the pool
    /// cannot hand the connection out while the rollback holds it.
    fn drop(&mut self) {
        if !self.open {
            return;
        }
        let Some(mut conn) = self.conn.take() else {
            return;
        };
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                runtime.spawn(async move {
                    if let Err(error) = sqlx::query("ROLLBACK").execute(&mut *conn).await {
                        tracing::warn!(%error, "rolling back a dropped transaction failed");
                        conn.close_on_drop();
                    }
                });
            }
            // Closing a connection rolls back its transaction.
            Err(_) => conn.close_on_drop(),
        }
    }
}
