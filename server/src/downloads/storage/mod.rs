//! Where downloadable files live, behind one interface: the store's own
//! folder (the default) or an S3-compatible bucket. Either way a shopper
//! only ever gets a URL that works for a few minutes.

mod local;
mod s3;

pub use local::{LocalFiles, local_routes};
pub use s3::{S3Files, S3Settings};

use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("file storage refused the file: {0}")]
    Refused(String),
    #[error("file storage is unreachable: {0}")]
    Unreachable(String),
    #[error("file storage: {0}")]
    Io(#[from] std::io::Error),
    #[error("invalid file name {0:?}")]
    BadKey(String),
}

#[derive(Clone, Debug)]
pub enum FileStore {
    Local(LocalFiles),
    S3(S3Files),
}

impl FileStore {
    pub async fn put(
        &self,
        key: &str,
        bytes: Vec<u8>,
        content_type: &str,
    ) -> Result<(), FileError> {
        check_key(key)?;
        match self {
            FileStore::Local(files) => files.put(key, &bytes).await,
            FileStore::S3(files) => files.put(key, bytes, content_type).await,
        }
    }

    /// Makes sure the files have somewhere to go (an S3 bucket is
    /// created if the server lacks it).
    pub async fn ensure_ready(&self) -> Result<(), FileError> {
        match self {
            FileStore::Local(_) => Ok(()),
            FileStore::S3(files) => files.ensure_bucket().await,
        }
    }

    /// A URL that fetches the file, as `filename`, until `ttl` has passed.
    pub fn signed_url(&self, key: &str, filename: &str, ttl: Duration, now: i64) -> String {
        match self {
            FileStore::Local(files) => files.signed_url(key, filename, ttl, now),
            FileStore::S3(files) => files.signed_url(key, filename, ttl),
        }
    }
}

/// Keys are made by the store (`products/<key>/<file name>`); anything
/// that could climb out of a folder or confuse a URL is refused.
pub fn check_key(key: &str) -> Result<(), FileError> {
    let fine = !key.is_empty()
        && key.len() <= 300
        && key.split('/').all(|part| {
            !part.is_empty()
                && part != "."
                && part != ".."
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
        });
    if fine {
        Ok(())
    } else {
        Err(FileError::BadKey(key.to_owned()))
    }
}

/// A file name as it may appear in a Content-Disposition header.
pub fn safe_filename(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ' | '(' | ')'))
        .take(120)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_owned();
    if cleaned.is_empty() {
        "download".to_owned()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_stay_inside_their_folder() {
        assert!(check_key("products/EBOOK-1/book.pdf").is_ok());
        for bad in [
            "",
            "../etc/passwd",
            "a//b",
            "a/./b",
            "/abs",
            "a b",
            "a\\b",
            "x?y",
        ] {
            assert!(check_key(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn file_names_are_made_safe_for_headers() {
        assert_eq!(
            safe_filename("The Book (sample).pdf"),
            "The Book (sample).pdf"
        );
        assert_eq!(safe_filename("evil\"; x=\r\n.pdf"), "evil x.pdf");
        assert_eq!(safe_filename("../.."), "download");
    }
}
