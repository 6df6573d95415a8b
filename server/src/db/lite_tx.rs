//! A write transaction on the SQLite writer, run on the calling thread
//! while it holds the write gate (see `lite`).

use super::lite::{Lite, LiteRow, to_sqlx};
use super::{Entered, Val};

pub struct LiteTx {
    /// The gate, and with it the writer.
    writer: Entered,
    /// `BEGIN` has run and the transaction has not ended.
    open: bool,
}

/// The writer behind the gate, unless the database was closed.
pub fn lite(entered: &Entered) -> Result<&Lite, sqlx::Error> {
    entered.as_ref().ok_or(sqlx::Error::PoolClosed)
}

impl LiteTx {
    pub fn begin(writer: Entered) -> Result<Self, sqlx::Error> {
        let lite = lite(&writer)?;
        // A transaction a panic left open would otherwise join this one.
        if lite.in_transaction() {
            lite.batch("ROLLBACK").map_err(to_sqlx)?;
        }
        lite.batch("BEGIN").map_err(to_sqlx)?;
        Ok(LiteTx { writer, open: true })
    }

    pub fn run<R: LiteRow>(
        &mut self,
        sql: &str,
        vals: &[Val],
    ) -> Result<(u64, Vec<R>), sqlx::Error> {
        lite(&self.writer)?.run(sql, vals).map_err(to_sqlx)
    }

    pub fn execute(&mut self, sql: &str, vals: &[Val]) -> Result<u64, sqlx::Error> {
        lite(&self.writer)?.execute(sql, vals).map_err(to_sqlx)
    }

    pub fn commit(mut self) -> Result<(), sqlx::Error> {
        match lite(&self.writer)?.batch("COMMIT") {
            Ok(()) => {
                self.open = false;
                Ok(())
            }
            // Drop rolls back what the failed commit left open.
            Err(e) => Err(to_sqlx(e)),
        }
    }

    pub fn rollback(mut self) -> Result<(), sqlx::Error> {
        self.open = false;
        lite(&self.writer)?.batch("ROLLBACK").map_err(to_sqlx)
    }
}

impl Drop for LiteTx {
    /// A transaction dropped unfinished (an error returned early) is rolled
    /// back before the gate lets the next writer in: the guard is released
    /// only after this runs.
    fn drop(&mut self) {
        if self.open
            && let Some(lite) = self.writer.as_ref()
            && lite.in_transaction()
            && let Err(error) = lite.batch("ROLLBACK")
        {
            tracing::error!(%error, "rolling back a dropped transaction failed");
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

    fn database_error(error: sqlx::Error) -> Box<dyn sqlx::error::DatabaseError> {
        match error {
            sqlx::Error::Database(e) => e,
            other => panic!("not a database error: {other}"),
        }
    }

    async fn count(db: &Db) -> i64 {
        db.scalar("SELECT COUNT(*) FROM t", &[]).await.unwrap()
    }

    #[tokio::test]
    async fn writes_are_seen_by_the_transaction_and_committed_together() {
        let (_dir, db) = store().await;
        let mut tx = db.begin().await.unwrap();
        tx.defer(INSERT, vals![1, 5]).await.unwrap();
        // The transaction sees its own write.
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
    async fn a_failing_write_fails_the_transaction_and_writes_nothing() {
        let (_dir, db) = store().await;
        let mut tx = db.begin().await.unwrap();
        tx.execute(INSERT, vals![1, 1]).await.unwrap();
        let refused = tx.defer(INSERT, vals![2, -1]).await;
        let error = database_error(refused.expect_err("the CHECK constraint refuses it"));
        assert!(error.is_check_violation(), "{error}");
        drop(tx);
        assert_eq!(count(&db).await, 0);
        // The writer is free again.
        let mut next = db.begin().await.unwrap();
        next.execute(INSERT, vals![3, 3]).await.unwrap();
        next.commit().await.unwrap();
        assert_eq!(count(&db).await, 1);
    }

    #[tokio::test]
    async fn broken_constraints_are_reported_as_the_pools_report_them() {
        let (_dir, db) = store().await;
        db.execute(INSERT, vals![1, 1]).await.unwrap();
        let twice = database_error(db.execute(INSERT, vals![1, 2]).await.unwrap_err());
        assert!(twice.is_unique_violation(), "{twice}");
        let id = db
            .write_scalar("INSERT INTO t (n) VALUES ($1) RETURNING id", vals![7])
            .await
            .unwrap();
        assert_eq!(id, Some(2));
    }

    #[tokio::test]
    async fn a_closed_database_refuses_writes() {
        let (_dir, db) = store().await;
        db.close().await;
        assert!(matches!(db.begin().await, Err(sqlx::Error::PoolClosed)));
        assert!(matches!(
            db.execute(INSERT, vals![1, 1]).await,
            Err(sqlx::Error::PoolClosed)
        ));
    }

    #[tokio::test]
    async fn placeholders_bind_by_their_number_not_their_order() {
        let (_dir, db) = store().await;
        let mut tx = db.begin().await.unwrap();
        tx.execute("INSERT INTO t (n, id) VALUES ($2, $1)", vals![4, 40])
            .await
            .unwrap();
        let rows: Vec<(i64, i64)> = tx
            .rows("SELECT id, n FROM t WHERE n = $2 AND id = $1", vals![4, 40])
            .await
            .unwrap();
        assert_eq!(rows, vec![(4, 40)]);
        let short = tx
            .execute("UPDATE t SET n = $3 WHERE id = $1", vals![4])
            .await;
        assert!(short.is_err(), "a missing value is an error, not NULL");
        tx.commit().await.unwrap();
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
