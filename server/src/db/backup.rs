//! Online backups of a SQLite store: `VACUUM INTO` writes a consistent
//! copy from one read transaction while the store keeps serving. A
//! PostgreSQL store is backed up with `pg_dump` instead.

use super::{Db, StoreError};
use std::path::Path;

pub async fn backup(db: &Db, path: &Path) -> Result<(), StoreError> {
    let Db::Sqlite(pool, _) = db else {
        return Err(StoreError::Config(
            "backups of a PostgreSQL store are made with pg_dump (see the README)".into(),
        ));
    };
    if path.exists() {
        return Err(StoreError::Config(format!(
            "{} already exists",
            path.display()
        )));
    }
    let target = path
        .to_str()
        .ok_or_else(|| StoreError::Config("the backup path must be valid UTF-8".into()))?;
    sqlx::query("VACUUM INTO $1")
        .bind(target)
        .execute(pool)
        .await?;
    Ok(())
}
