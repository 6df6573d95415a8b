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
