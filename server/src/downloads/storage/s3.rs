//! Files in an S3-compatible bucket (AWS, MinIO, Garage, s3s-fs…). The
//! store uploads with presigned PUTs and hands shoppers presigned GETs
//! that name the file to save as.

use super::{FileError, safe_filename};
use rusty_s3::{Bucket, Credentials, S3Action, UrlStyle};
use std::time::Duration;

#[derive(Clone, Debug)]
pub struct S3Settings {
    pub endpoint: String,
    pub bucket: String,
    pub region: String,
    pub access_key: String,
    pub secret_key: String,
    /// `endpoint/bucket/key` rather than `bucket.endpoint/key`; self-hosted
    /// servers usually want this.
    pub path_style: bool,
}

#[derive(Clone)]
pub struct S3Files {
    bucket: Bucket,
    credentials: Credentials,
    client: reqwest::Client,
}

impl std::fmt::Debug for S3Files {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Files")
            .field("bucket", &self.bucket.name())
            .finish_non_exhaustive()
    }
}

/// Long enough for an upload to start; presigned requests are checked when
/// they arrive.
const UPLOAD_WINDOW: Duration = Duration::from_secs(120);

impl S3Files {
    pub fn new(settings: &S3Settings) -> Result<Self, FileError> {
        let endpoint = settings
            .endpoint
            .parse()
            .map_err(|e| FileError::Refused(format!("the S3 endpoint is not a URL: {e}")))?;
        let style = if settings.path_style {
            UrlStyle::Path
        } else {
            UrlStyle::VirtualHost
        };
        let bucket = Bucket::new(
            endpoint,
            style,
            settings.bucket.clone(),
            settings.region.clone(),
        )
        .map_err(|e| FileError::Refused(e.to_string()))?;
        Ok(S3Files {
            bucket,
            credentials: Credentials::new(settings.access_key.clone(), settings.secret_key.clone()),
            client: crate::payments::http::client(),
        })
    }

    /// Creates the bucket if the server does not have it yet.
    pub async fn ensure_bucket(&self) -> Result<(), FileError> {
        let create = self.bucket.create_bucket(&self.credentials);
        let url = create.sign(UPLOAD_WINDOW);
        let body = create.body();
        let response = self
            .client
            .put(url)
            .header(reqwest::header::CONTENT_LENGTH, body.len())
            .body(body)
            .send()
            .await
            .map_err(|e| FileError::Unreachable(e.to_string()))?;
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        if status.is_success()
            || text.contains("BucketAlreadyOwnedByYou")
            || text.contains("BucketAlreadyExists")
        {
            Ok(())
        } else {
            Err(FileError::Refused(format!(
                "creating the bucket: {status} {text}"
            )))
        }
    }

    pub async fn put(
        &self,
        key: &str,
        bytes: Vec<u8>,
        content_type: &str,
    ) -> Result<(), FileError> {
        let url = self
            .bucket
            .put_object(Some(&self.credentials), key)
            .sign(UPLOAD_WINDOW);
        let response = self
            .client
            .put(url)
            .header(reqwest::header::CONTENT_LENGTH, bytes.len())
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .body(bytes)
            .send()
            .await
            .map_err(|e| FileError::Unreachable(e.to_string()))?;
        if response.status().is_success() {
            Ok(())
        } else {
            let status = response.status();
            let text = response.text().await.unwrap_or_default();
            Err(FileError::Refused(format!("{status} {text}")))
        }
    }

    pub fn signed_url(&self, key: &str, filename: &str, ttl: Duration) -> String {
        let mut get = self.bucket.get_object(Some(&self.credentials), key);
        get.query_mut().insert(
            "response-content-disposition",
            format!("attachment; filename=\"{}\"", safe_filename(filename)),
        );
        get.sign(ttl).to_string()
    }
}
