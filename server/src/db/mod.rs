//! The database handle. The store runs on SQLite (default, zero
//! configuration) or PostgreSQL. SQL is written once in the portable subset
//! both accept, with `$n` placeholders, and `with_db!` compiles each query
//! for both drivers.

mod backup;
mod connect;
#[macro_use]
mod dynamic;
mod batch;
mod error;
mod lite;
mod lite_tx;
mod sqlite_tx;

pub use backup::backup;
pub use connect::connect;
pub use dynamic::{AnyRow, Tx, TxRow, Val};
pub use error::StoreError;
pub use lite::{Lite, LiteRow};

use sqlx::{PgPool, SqlitePool};
use std::sync::Arc;
use tokio::sync::{Mutex, OwnedMutexGuard};

#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool, WriteGate),
    Postgres(PgPool),
}

/// SQLite allows one writer at a time, and a writer that finds the lock
/// taken sleeps in growing steps before trying again. Write transactions
/// queue here instead, in order and without sleeping; one process owns a
/// SQLite database, so a gate in memory covers every writer that matters.
///
/// Behind the gate, write transactions run on one connection that the
/// gate owns, driven by whoever holds it (see `lite`). SQLite drops a
/// connection's page cache whenever another connection has committed since
/// it last looked, so writers taking turns on pooled connections would each
/// start cold; the one writer keeps its cache. The session store writes
/// through sqlx on a second connection, also only while holding the gate.
#[derive(Clone, Debug)]
pub struct WriteGate {
    /// The writer; `None` once the database is closed.
    lock: Arc<Mutex<Option<Lite>>>,
    writer: SqlitePool,
}

/// A turn at the write gate, with the writer (unless closed).
pub type Entered = OwnedMutexGuard<Option<Lite>>;

impl WriteGate {
    fn new(lite: Lite, writer: SqlitePool) -> Self {
        WriteGate {
            lock: Arc::new(Mutex::new(Some(lite))),
            writer,
        }
    }

    pub async fn enter(&self) -> Entered {
        self.lock.clone().lock_owned().await
    }

    /// Waits for the writer's turn to end, then closes it: later writes
    /// fail as they do on a closed pool.
    async fn close(&self) {
        self.lock.lock().await.take();
    }

    /// sqlx's connection for writers: use it only while holding the gate.
    pub fn writer(&self) -> &SqlitePool {
        &self.writer
    }
}

/// Runs the same code against whichever pool is active. The body is
/// type-checked once per driver, so a query that only one database accepts
/// still fails its tests on the other.
#[macro_export]
macro_rules! with_db {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($pool, _) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}

impl Db {
    pub fn kind(&self) -> &'static str {
        match self {
            Db::Sqlite(..) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// Waits for the write gate on SQLite (none on PostgreSQL, whose row
    /// locks let writers proceed side by side). Hold it for the whole write
    /// transaction, and never take it twice.
    pub async fn write_gate(&self) -> Option<Entered> {
        match self {
            Db::Sqlite(_, gate) => Some(gate.enter().await),
            Db::Postgres(_) => None,
        }
    }

    pub async fn migrate(&self) -> Result<(), StoreError> {
        match self {
            Db::Sqlite(pool, _) => sqlx::migrate!("../migrations/sqlite").run(pool).await?,
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
        if let Db::Sqlite(_, gate) = self {
            gate.close().await;
            gate.writer().close().await;
        }
        with_db!(self, |pool| pool.close().await)
    }
}
