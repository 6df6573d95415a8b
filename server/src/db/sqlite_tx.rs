//! A SQLite transaction whose `BEGIN` and `COMMIT` travel with its
//! statements.
//!
//! Each message to a SQLite connection is a hand-off to the connection's
//! own thread and back, and while a write transaction is open every other
//! writer waits at the gate for all of its hand-offs. sqlx's own
//! transactions send `BEGIN` and `COMMIT` as messages of their own; here
//! `BEGIN` goes in front of the first statement, and `COMMIT` behind the
//! statements still held back (see `Tx::defer`), each as one multi-
//! statement query (see `batch`).

use super::Val;
use super::batch::{self, Answers, Pending};
use sqlx::pool::PoolConnection;
use sqlx::{Pool, Sqlite};
use tokio::sync::OwnedMutexGuard;

pub struct SqliteTx {
    conn: Option<PoolConnection<Sqlite>>,
    pending: Vec<Pending>,
    /// `BEGIN` has gone to the database and the transaction has not ended.
    open: bool,
    /// Dropped after the connection has gone (fields drop in order), so
    /// the next writer finds the transaction ended.
    _gate: Option<OwnedMutexGuard<()>>,
}

impl SqliteTx {
    pub async fn begin(
        pool: &Pool<Sqlite>,
        gate: Option<OwnedMutexGuard<()>>,
    ) -> Result<Self, sqlx::Error> {
        Ok(SqliteTx {
            conn: Some(pool.acquire().await?),
            pending: vec![Pending::new("BEGIN", &[])],
            open: false,
            _gate: gate,
        })
    }

    pub fn defer(&mut self, sql: &str, vals: &[Val]) {
        self.pending.push(Pending::new(sql, vals));
    }

    /// Sends what is held back, then `asked`, as one query; answers for
    /// `asked`.
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
        self.commit_with(&[]).await.map(|_| ())
    }

    /// Runs `statements` and commits, in one message; returns the rows
    /// each statement changed.
    pub async fn commit_with(
        mut self,
        statements: &[(&str, &[Val])],
    ) -> Result<Vec<u64>, sqlx::Error> {
        let mut asked = statements.to_vec();
        asked.push(("COMMIT", &[]));
        match self.send(&asked).await {
            Ok(answers) => {
                self.open = false;
                Ok(answers
                    .results
                    .iter()
                    .take(statements.len())
                    .map(|r| r.rows_affected())
                    .collect())
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

    /// Rolls back what reached the database, and waits for it, so a
    /// write lock is gone before the gate lets the next writer in. A
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

#[cfg(test)]
mod tests {
    use crate::db::{Db, connect};

    async fn store() -> (tempfile::TempDir, Db) {
        let dir = tempfile::tempdir().unwrap();
        let db = connect(&format!("sqlite:{}/t.db", dir.path().display()))
            .await
            .unwrap();
        db.execute(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL CHECK (n >= 0))",
            &[],
        )
        .await
        .unwrap();
        (dir, db)
    }

    const INSERT: &str = "INSERT INTO t (id, n) VALUES ($1, $2)";

    async fn count(db: &Db) -> i64 {
        db.scalar("SELECT COUNT(*) FROM t", &[]).await.unwrap()
    }

    #[tokio::test]
    async fn held_back_writes_go_before_the_next_statement_and_the_commit() {
        let (_dir, db) = store().await;
        let mut tx = db.begin().await.unwrap();
        tx.defer(INSERT, vals![1, 5]).await.unwrap();
        // The transaction sees its own held-back write.
        let seen = tx
            .scalar("SELECT n FROM t WHERE id = $1", vals![1])
            .await
            .unwrap();
        assert_eq!(seen, Some(5));
        tx.defer(INSERT, vals![2, 6]).await.unwrap();
        let changed = tx
            .execute_all(&[
                ("UPDATE t SET n = n + $1 WHERE id = 1", vals![1]),
                ("UPDATE t SET n = n + $1 WHERE id = 99", vals![1]),
            ])
            .await
            .unwrap();
        assert_eq!(changed, vec![1, 0], "each statement's own count");
        tx.defer(INSERT, vals![3, 7]).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(count(&db).await, 3);
    }

    #[tokio::test]
    async fn a_write_and_the_query_after_it_answer_together() {
        let (_dir, db) = store().await;
        let mut tx = db.begin().await.unwrap();
        tx.execute("INSERT INTO t (id, n) VALUES (1, 1), (2, 2)", &[])
            .await
            .unwrap();
        let (changed, rows): (u64, Vec<(i64,)>) = tx
            .rows_after(
                ("UPDATE t SET n = n * 10 WHERE id = $1", vals![2]),
                ("SELECT n FROM t ORDER BY id", &[]),
            )
            .await
            .unwrap();
        assert_eq!(changed, 1);
        assert_eq!(rows, vec![(1,), (20,)], "the query sees the write");
        let (changed, _): (u64, Vec<(i64,)>) = tx
            .rows_after(
                ("UPDATE t SET n = 0 WHERE id = $1", vals![99]),
                ("SELECT n FROM t", &[]),
            )
            .await
            .unwrap();
        assert_eq!(changed, 0);
        tx.commit().await.unwrap();
    }

    #[tokio::test]
    async fn a_failing_held_back_write_fails_the_commit_and_writes_nothing() {
        let (_dir, db) = store().await;
        let mut tx = db.begin().await.unwrap();
        tx.execute(INSERT, vals![1, 1]).await.unwrap();
        tx.defer(INSERT, vals![2, -1]).await.unwrap();
        assert!(tx.commit().await.is_err());
        assert_eq!(count(&db).await, 0);
        // The writer is free again.
        let mut next = db.begin().await.unwrap();
        next.execute(INSERT, vals![3, 3]).await.unwrap();
        next.commit().await.unwrap();
        assert_eq!(count(&db).await, 1);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_dropped_transaction_is_rolled_back_before_the_next_writer() {
        let (_dir, db) = store().await;
        for round in 0..20 {
            let mut tx = db.begin().await.unwrap();
            tx.execute(INSERT, vals![round, 1]).await.unwrap();
            drop(tx);
            let mut next = db.begin().await.unwrap();
            let seen = next.scalar("SELECT COUNT(*) FROM t", &[]).await.unwrap();
            assert_eq!(seen, Some(0), "round {round}");
            next.rollback().await.unwrap();
        }
        let mut tx = db.begin().await.unwrap();
        tx.defer(INSERT, vals![1, 1]).await.unwrap();
        tx.rollback().await.unwrap();
        assert_eq!(count(&db).await, 0, "a rollback drops what was held back");
    }
}
