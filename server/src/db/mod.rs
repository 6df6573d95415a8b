//! The database handle. The store runs on SQLite (default, zero
//! configuration) or PostgreSQL. SQL is written once in the portable subset
//! both accept, with `$n` placeholders, and `with_db!` compiles each query
//! for both drivers.

mod connect;
mod dynamic;
mod error;

pub use connect::connect;
pub use dynamic::{AnyRow, Tx, Val};
pub use error::StoreError;

use sqlx::{PgPool, SqlitePool};

#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs the same code against whichever pool is active. The body is
/// type-checked once per driver, so a query that only one database accepts
/// still fails its tests on the other.
#[macro_export]
macro_rules! with_db {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}

impl Db {
    pub fn kind(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    pub async fn migrate(&self) -> Result<(), StoreError> {
        match self {
            Db::Sqlite(pool) => sqlx::migrate!("../migrations/sqlite").run(pool).await?,
            Db::Postgres(pool) => sqlx::migrate!("../migrations/postgres").run(pool).await?,
        }
        Ok(())
    }

    pub async fn ping(&self) -> Result<(), StoreError> {
        with_db!(self, |pool| sqlx::query("SELECT 1")
            .execute(pool)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    pub async fn close(&self) {
        with_db!(self, |pool| pool.close().await)
    }
}
