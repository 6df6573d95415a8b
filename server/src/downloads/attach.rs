//! Giving a digital product the file its download links deliver: the file
//! goes to storage under a key of the store's making, then the product
//! records it (and, if given, how often and how long links work).

use super::storage::{FileError, FileStore, safe_filename};
use crate::db::{Db, StoreError};
use crate::vals;

#[derive(Debug, thiserror::Error)]
pub enum AttachError {
    #[error("there is no product {0}")]
    NoProduct(String),
    #[error("{0} is not a digital product")]
    NotDigital(String),
    #[error("downloads per link must be 1 to 1000, and days 1 to 3650")]
    Limits,
    #[error(transparent)]
    Storage(#[from] FileError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for AttachError {
    fn from(e: sqlx::Error) -> Self {
        AttachError::Store(e.into())
    }
}

pub struct Attachment<'a> {
    pub product: &'a str,
    /// The name shoppers save the file as.
    pub filename: &'a str,
    pub bytes: Vec<u8>,
    pub attempts: Option<i64>,
    pub days: Option<i64>,
}

/// Stores the file and points the product at it; returns its storage key.
pub async fn attach_file(
    db: &Db,
    files: &FileStore,
    file: Attachment<'_>,
) -> Result<String, AttachError> {
    if file.attempts.is_some_and(|a| !(1..=1000).contains(&a))
        || file.days.is_some_and(|d| !(1..=3650).contains(&d))
    {
        return Err(AttachError::Limits);
    }
    let found: Option<(i64, String)> = db
        .rows(
            "SELECT id, product_type FROM products WHERE sku = $1",
            vals![file.product],
        )
        .await?
        .into_iter()
        .next();
    let Some((id, kind)) = found else {
        return Err(AttachError::NoProduct(file.product.to_owned()));
    };
    if kind != "digital" {
        return Err(AttachError::NotDigital(file.product.to_owned()));
    }
    let filename = safe_filename(file.filename);
    let stored_as: String = filename
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect();
    // A new key per upload: links already sent keep the file they were
    // sent for until they run out.
    let key = format!(
        "products/{id}/{}/{stored_as}",
        &crate::orders::token()[..16]
    );
    files.ensure_ready().await?;
    files
        .put(&key, file.bytes, "application/octet-stream")
        .await?;
    db.execute(
        "UPDATE products SET download_key = $2, download_filename = $3, \
         download_attempts = COALESCE($4, download_attempts), download_days = COALESCE($5, download_days) \
         WHERE id = $1",
        vals![id, key.clone(), filename, file.attempts, file.days],
    )
    .await?;
    Ok(key)
}
