//! Statements whose text or parameters are only known at run time (search
//! filters, the product writer), bound from a list of values and run on
//! whichever database is active. Static queries use `with_db!` directly.

use super::Db;
use super::lite::LiteRow;
use super::lite_tx::{LiteTx, lite};
use super::sqlite_tx::SqliteTx;
use sqlx::Row;
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{FromRow, Postgres, Transaction};

/// One bound parameter.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    I64(i64),
    Text(String),
    Bool(bool),
    OptI64(Option<i64>),
    OptText(Option<String>),
}

impl From<i64> for Val {
    fn from(v: i64) -> Self {
        Val::I64(v)
    }
}
impl From<&str> for Val {
    fn from(v: &str) -> Self {
        Val::Text(v.to_owned())
    }
}
impl From<String> for Val {
    fn from(v: String) -> Self {
        Val::Text(v)
    }
}
impl From<&String> for Val {
    fn from(v: &String) -> Self {
        Val::Text(v.clone())
    }
}
impl From<bool> for Val {
    fn from(v: bool) -> Self {
        Val::Bool(v)
    }
}
impl From<Option<i64>> for Val {
    fn from(v: Option<i64>) -> Self {
        Val::OptI64(v)
    }
}
impl From<Option<String>> for Val {
    fn from(v: Option<String>) -> Self {
        Val::OptText(v)
    }
}

/// `vals![a, b, c]` builds a parameter list.
#[macro_export]
macro_rules! vals {
    ($($v:expr),* $(,)?) => { &[$($crate::db::Val::from($v)),*][..] };
}

macro_rules! bind_all {
    ($query:expr, $vals:expr) => {{
        let mut query = $query;
        for val in $vals {
            query = match val {
                Val::I64(v) => query.bind(*v),
                Val::Text(v) => query.bind(v.clone()),
                Val::Bool(v) => query.bind(*v),
                Val::OptI64(v) => query.bind(*v),
                Val::OptText(v) => query.bind(v.clone()),
            };
        }
        query
    }};
}

/// A row type both drivers can decode.
pub trait AnyRow:
    for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{
}
impl<T> AnyRow for T where
    T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{
}

/// A row type a transaction can decode: on SQLite's writer as well.
pub trait TxRow: AnyRow + LiteRow {}
impl<T: AnyRow + LiteRow> TxRow for T {}

impl Db {
    pub async fn rows<R: AnyRow>(&self, sql: &str, vals: &[Val]) -> Result<Vec<R>, sqlx::Error> {
        match self {
            Db::Sqlite(pool, _) => {
                bind_all!(sqlx::query_as::<_, R>(sql), vals)
                    .fetch_all(pool)
                    .await
            }
            Db::Postgres(pool) => {
                bind_all!(sqlx::query_as::<_, R>(sql), vals)
                    .fetch_all(pool)
                    .await
            }
        }
    }

    pub async fn scalar(&self, sql: &str, vals: &[Val]) -> Result<i64, sqlx::Error> {
        match self {
            Db::Sqlite(pool, _) => {
                bind_all!(sqlx::query_scalar(sql), vals)
                    .fetch_one(pool)
                    .await
            }
            Db::Postgres(pool) => {
                bind_all!(sqlx::query_scalar(sql), vals)
                    .fetch_one(pool)
                    .await
            }
        }
    }

    /// Runs a statement on its own (behind the write gate on SQLite);
    /// returns the rows it changed.
    pub async fn execute(&self, sql: &str, vals: &[Val]) -> Result<u64, sqlx::Error> {
        Ok(match self {
            Db::Sqlite(_, gate) => {
                let entered = gate.enter().await;
                lite(&entered)?
                    .execute(sql, vals)
                    .map_err(super::lite::to_sqlx)?
            }
            Db::Postgres(pool) => bind_all!(sqlx::query(sql), vals)
                .execute(pool)
                .await?
                .rows_affected(),
        })
    }

    /// Runs a write that returns one number (an `INSERT … RETURNING id`),
    /// on its own: on SQLite behind the write gate.
    pub async fn write_scalar(&self, sql: &str, vals: &[Val]) -> Result<Option<i64>, sqlx::Error> {
        match self {
            Db::Sqlite(_, gate) => {
                let entered = gate.enter().await;
                let (_, rows) = lite(&entered)?
                    .run::<(i64,)>(sql, vals)
                    .map_err(super::lite::to_sqlx)?;
                Ok(rows.into_iter().next().map(|(value,)| value))
            }
            Db::Postgres(pool) => {
                bind_all!(sqlx::query_scalar(sql), vals)
                    .fetch_optional(pool)
                    .await
            }
        }
    }

    /// A write transaction; on SQLite it holds the write gate until it ends.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Db::Sqlite(_, gate) => Tx::Lite(LiteTx::begin(gate.enter().await)?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// A transaction that only reads: a consistent view without the gate.
    pub async fn begin_read(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Db::Sqlite(pool, _) => Tx::Sqlite(SqliteTx::begin(pool).await?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }
}

/// An open transaction on either database.
pub enum Tx {
    /// A write transaction on SQLite's writer.
    Lite(LiteTx),
    /// A read transaction on SQLite's pool.
    Sqlite(SqliteTx),
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    pub fn is_sqlite(&self) -> bool {
        matches!(self, Tx::Sqlite(..) | Tx::Lite(..))
    }

    /// Runs a statement whose row count nobody needs.
    pub async fn defer(&mut self, sql: &str, vals: &[Val]) -> Result<(), sqlx::Error> {
        self.execute(sql, vals).await.map(|_| ())
    }

    /// Runs statements in order and returns the rows each changed.
    pub async fn execute_all(
        &mut self,
        statements: &[(&str, &[Val])],
    ) -> Result<Vec<u64>, sqlx::Error> {
        let mut changed = Vec::with_capacity(statements.len());
        for (sql, vals) in statements {
            changed.push(self.execute(sql, vals).await?);
        }
        Ok(changed)
    }

    /// Runs `first` (a write), then the query `then`: the rows `first`
    /// changed and the rows `then` returned.
    pub async fn rows_after<R: TxRow>(
        &mut self,
        first: (&str, &[Val]),
        then: (&str, &[Val]),
    ) -> Result<(u64, Vec<R>), sqlx::Error> {
        let changed = self.execute(first.0, first.1).await?;
        Ok((changed, self.rows(then.0, then.1).await?))
    }

    /// Runs a statement; returns the rows it changed.
    pub async fn execute(&mut self, sql: &str, vals: &[Val]) -> Result<u64, sqlx::Error> {
        Ok(match self {
            Tx::Sqlite(tx) => {
                let answers = tx.send(&[(sql, vals)]).await?;
                answers.results.first().map_or(0, |r| r.rows_affected())
            }
            Tx::Lite(tx) => tx.execute(sql, vals)?,
            Tx::Postgres(tx) => bind_all!(sqlx::query(sql), vals)
                .execute(&mut **tx)
                .await?
                .rows_affected(),
        })
    }

    /// The first column of the first row, if there is a row.
    pub async fn scalar(&mut self, sql: &str, vals: &[Val]) -> Result<Option<i64>, sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => {
                let answers = tx.send(&[(sql, vals)]).await?;
                answers.rows.first().map(|row| row.try_get(0)).transpose()
            }
            Tx::Lite(tx) => {
                let (_, rows) = tx.run::<(i64,)>(sql, vals)?;
                Ok(rows.into_iter().next().map(|(value,)| value))
            }
            Tx::Postgres(tx) => {
                bind_all!(sqlx::query_scalar(sql), vals)
                    .fetch_optional(&mut **tx)
                    .await
            }
        }
    }

    pub async fn rows<R: TxRow>(&mut self, sql: &str, vals: &[Val]) -> Result<Vec<R>, sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => {
                let answers = tx.send(&[(sql, vals)]).await?;
                answers.rows.iter().map(R::from_row).collect()
            }
            Tx::Lite(tx) => Ok(tx.run(sql, vals)?.1),
            Tx::Postgres(tx) => {
                bind_all!(sqlx::query_as::<_, R>(sql), vals)
                    .fetch_all(&mut **tx)
                    .await
            }
        }
    }

    /// Rolls back and waits for it, so a SQLite write lock is gone before
    /// the write gate lets the next writer in.
    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Lite(tx) => tx.rollback(),
            Tx::Sqlite(tx) => tx.rollback().await,
            Tx::Postgres(tx) => tx.rollback().await,
        }
    }

    /// Runs `statements` and commits; returns the rows each changed.
    pub async fn commit_with(
        mut self,
        statements: &[(&str, &[Val])],
    ) -> Result<Vec<u64>, sqlx::Error> {
        let changed = self.execute_all(statements).await?;
        self.commit().await?;
        Ok(changed)
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Lite(tx) => tx.commit(),
            Tx::Sqlite(tx) => tx.commit().await,
            Tx::Postgres(tx) => tx.commit().await,
        }
    }
}
