//! Files kept under the store's own folder (`data/files` by default). They
//! are served only through URLs the store signed itself with HMAC-SHA256
//! over the file, the name it is saved as and an expiry, compared in
//! constant time.

use super::{FileError, check_key, safe_filename};
use crate::payments::signature::{sign_hex, verify_hex};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

#[derive(Clone)]
pub struct LocalFiles {
    root: PathBuf,
    secret: Arc<Vec<u8>>,
}

impl std::fmt::Debug for LocalFiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalFiles")
            .field("root", &self.root)
            .finish_non_exhaustive()
    }
}

#[derive(serde::Deserialize)]
pub struct Signed {
    expires: i64,
    name: String,
    sig: String,
}

impl LocalFiles {
    pub fn new(root: PathBuf, secret: &[u8]) -> Self {
        LocalFiles {
            root,
            secret: Arc::new(secret.to_vec()),
        }
    }

    pub async fn put(&self, key: &str, bytes: &[u8]) -> Result<(), FileError> {
        let path = self.root.join(key);
        if let Some(parent) = path.parent() {
            tokio::fs::create_dir_all(parent).await?;
        }
        // Written aside and renamed, so a reader never sees half a file.
        let partial = path.with_extension("partial");
        tokio::fs::write(&partial, bytes).await?;
        tokio::fs::rename(&partial, &path).await?;
        Ok(())
    }

    pub fn signed_url(&self, key: &str, filename: &str, ttl: Duration, now: i64) -> String {
        let expires = now + ttl.as_secs() as i64;
        let name = safe_filename(filename);
        let sig = sign_hex(&self.secret, &[signed_text(key, expires, &name).as_bytes()]);
        let query = serde_urlencoded::to_string([
            ("expires", expires.to_string()),
            ("name", name),
            ("sig", sig),
        ])
        .unwrap_or_default();
        format!("/files/{key}?{query}")
    }

    fn verify(&self, key: &str, signed: &Signed, now: i64) -> bool {
        let text = signed_text(key, signed.expires, &signed.name);
        signed.expires > now && verify_hex(&self.secret, &[text.as_bytes()], &signed.sig)
    }
}

/// What a file URL's signature covers.
fn signed_text(key: &str, expires: i64, name: &str) -> String {
    format!("{key}\n{expires}\n{name}")
}

pub fn local_routes(files: LocalFiles) -> Router {
    Router::new()
        .route("/files/{*key}", axum::routing::get(serve))
        .with_state(files)
}

async fn serve(
    State(files): State<LocalFiles>,
    Path(key): Path<String>,
    Query(signed): Query<Signed>,
) -> Response {
    let now = crate::startup::now();
    if check_key(&key).is_err() || !files.verify(&key, &signed, now) {
        return (
            StatusCode::FORBIDDEN,
            "This file link is not valid or has expired.",
        )
            .into_response();
    }
    match tokio::fs::read(files.root.join(&key)).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "application/octet-stream".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{}\"", signed.name),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_owned()),
            ],
            bytes,
        )
            .into_response(),
        Err(err) => {
            tracing::error!(%err, key, "a signed file is missing");
            (StatusCode::NOT_FOUND, "The file is missing.").into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> LocalFiles {
        LocalFiles::new(PathBuf::from("/nowhere"), b"secret")
    }

    fn signed_of(url: &str) -> (String, Signed) {
        let (path, query) = url.split_once('?').unwrap();
        let key = path.strip_prefix("/files/").unwrap().to_owned();
        (key, serde_urlencoded::from_str(query).unwrap())
    }

    #[test]
    fn a_signed_url_verifies_until_it_expires() {
        let url = files().signed_url("products/A/a.pdf", "a.pdf", Duration::from_secs(300), 1000);
        let (key, signed) = signed_of(&url);
        assert!(files().verify(&key, &signed, 1299));
        assert!(!files().verify(&key, &signed, 1300));
    }

    #[test]
    fn any_change_breaks_the_signature() {
        let url = files().signed_url("products/A/a.pdf", "a.pdf", Duration::from_secs(300), 1000);
        let (key, signed) = signed_of(&url);
        assert!(!files().verify("products/A/b.pdf", &signed, 1000));
        let longer = Signed {
            expires: signed.expires + 1000,
            ..signed_of(&url).1
        };
        assert!(!files().verify(&key, &longer, 1000));
        let renamed = Signed {
            name: "other.pdf".into(),
            ..signed_of(&url).1
        };
        assert!(!files().verify(&key, &renamed, 1000));
        let other_secret = LocalFiles::new(PathBuf::from("/nowhere"), b"another");
        assert!(!other_secret.verify(&key, &signed, 1000));
    }
}
