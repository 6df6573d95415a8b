use super::{Db, StoreError};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

/// Page cache per reading connection, in KiB (negative: SQLite's unit).
const READER_CACHE_KIB: &str = "-256";

/// Opens the database named by `url`: `postgres://…` or `sqlite:…`.
/// A SQLite file and its directory are created on first start.
pub async fn connect(url: &str) -> Result<Db, StoreError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        // No request may wait forever: bounded lock waits and statements,
        // and transactions left idle by a dropped request are ended.
        let options = PgConnectOptions::from_str(url)?.options([
            ("lock_timeout", "10s"),
            ("statement_timeout", "30s"),
            ("idle_in_transaction_session_timeout", "60s"),
        ]);
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        return Ok(Db::Postgres(pool));
    }
    if !url.starts_with("sqlite:") {
        return Err(StoreError::Config(format!(
            "DATABASE_URL must start with sqlite: or postgres:// (got “{}”)",
            url.split(':').next().unwrap_or_default()
        )));
    }
    // The writer is a connection of its own (see `lite`), and a private
    // in-memory database would be a different one for each connection.
    if url.contains(":memory:") || url.contains("mode=memory") {
        return Err(StoreError::Config(
            "DATABASE_URL must name a SQLite file; an in-memory database cannot be shared by the store's connections".into(),
        ));
    }
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(5))
        .foreign_keys(true);
    if let Some(dir) = options
        .get_filename()
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir)
            .map_err(|e| StoreError::Config(format!("cannot create {}: {e}", dir.display())))?;
    }
    // A connection to a local file cannot go stale, and checking one costs
    // a trip to its worker thread on every acquire.
    //
    // Readers get a small page cache of their own (256 KiB instead of
    // SQLite's 2 MB each): the operating system's file cache already holds
    // the database, and eight full private caches filled by search scans
    // were a sixth of the server's memory without making reads faster.
    //
    // Two readers per core keep the cores busy (a read is short, and the
    // pages most read come from the page cache); each more holds its own
    // working memory without serving pages faster.
    let readers = std::thread::available_parallelism()
        .map_or(4, |cores| cores.get() as u32 * 2)
        .clamp(4, 16);
    let pool = SqlitePoolOptions::new()
        .max_connections(readers)
        .test_before_acquire(false)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options.clone().pragma("cache_size", READER_CACHE_KIB))
        .await?;
    let writer = SqlitePoolOptions::new()
        .max_connections(1)
        .min_connections(1)
        .test_before_acquire(false)
        .idle_timeout(None)
        .max_lifetime(None)
        .acquire_timeout(Duration::from_secs(30))
        .connect_with(options.clone())
        .await?;
    let path = options.get_filename().to_owned();
    let lite = tokio::task::spawn_blocking(move || super::Lite::open(&path))
        .await
        .map_err(|e| StoreError::Config(format!("cannot open the database writer: {e}")))?
        .map_err(|e| StoreError::Database(super::lite::to_sqlx(e)))?;
    Ok(Db::Sqlite(pool, super::WriteGate::new(lite, writer)))
}

#[cfg(test)]
mod tests {
    use super::connect;
    use crate::db::StoreError;

    #[tokio::test]
    async fn an_in_memory_database_is_refused_with_a_reason() {
        for url in ["sqlite::memory:", "sqlite://file:x?mode=memory"] {
            match connect(url).await {
                Err(StoreError::Config(reason)) => assert!(reason.contains("file"), "{reason}"),
                Err(other) => panic!("{url}: {other}"),
                Ok(_) => panic!("{url} was accepted"),
            }
        }
    }
}
