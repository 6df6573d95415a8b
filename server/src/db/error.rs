use app::services::ServiceError;

/// Errors of the persistence layer. They never reach a shopper verbatim.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("configuration: {0}")]
    Config(String),
    #[error("{0}")]
    Rejected(String),
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
}

impl From<StoreError> for ServiceError {
    fn from(value: StoreError) -> Self {
        ServiceError::Internal(value.to_string())
    }
}

/// True when the database refused a write because of a CHECK, UNIQUE or
/// foreign-key constraint, i.e. the request conflicts with current state.
pub fn is_constraint_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.is_check_violation()
        || db.is_unique_violation()
        || db.is_foreign_key_violation())
}
