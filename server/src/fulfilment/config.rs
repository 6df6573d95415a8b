//! Settings of everything after payment: the worker, file storage,
//! email and the external fulfilment partner.

use std::path::PathBuf;

#[derive(Clone, clap::Args)]
pub struct FulfilmentConfig {
    /// Run the job worker inside `serve`. Turn it off when separate
    /// `server worker` processes do the work.
    #[arg(long, env = "STORE_IN_PROCESS_WORKER", default_value_t = true, action = clap::ArgAction::Set)]
    pub in_process_worker: bool,

    /// Jobs one worker runs at the same time.
    #[arg(long, env = "STORE_WORKER_CONCURRENCY", default_value_t = 4)]
    pub worker_concurrency: usize,

    /// Seconds a running job stays its worker's without a renewal; a job
    /// whose worker died runs again after this.
    #[arg(long, env = "STORE_JOB_LEASE_SECONDS", default_value_t = 60)]
    pub job_lease_seconds: i64,

    /// The delay before the first retry of a failed job, in seconds; each
    /// further retry waits about twice as long (at most an hour).
    #[arg(long, env = "STORE_JOB_RETRY_SECONDS", default_value_t = 10)]
    pub job_retry_seconds: i64,

    /// How often an idle worker looks for due jobs, in milliseconds.
    #[arg(long, env = "STORE_JOB_POLL_MS", default_value_t = 1000)]
    pub job_poll_ms: u64,

    /// Where downloadable files are kept when no S3 bucket is configured.
    #[arg(long, env = "STORE_FILES_DIR", default_value = "data/files")]
    pub files_dir: PathBuf,

    /// The key that signs URLs of files in `STORE_FILES_DIR`. Without one,
    /// each start picks a random key (URLs only live for minutes anyway).
    #[arg(long, env = "STORE_FILES_SECRET")]
    pub files_secret: Option<String>,

    /// An S3-compatible endpoint (e.g. `https://s3.eu-central-1.amazonaws.com`
    /// or `http://127.0.0.1:9000`); with it, files live in `STORE_S3_BUCKET`.
    #[arg(long, env = "STORE_S3_ENDPOINT")]
    pub s3_endpoint: Option<String>,

    #[arg(long, env = "STORE_S3_BUCKET", default_value = "downloads")]
    pub s3_bucket: String,

    #[arg(long, env = "STORE_S3_REGION", default_value = "us-east-1")]
    pub s3_region: String,

    #[arg(long, env = "STORE_S3_ACCESS_KEY", default_value = "")]
    pub s3_access_key: String,

    #[arg(long, env = "STORE_S3_SECRET_KEY", default_value = "")]
    pub s3_secret_key: String,

    /// Address buckets as `endpoint/bucket` (self-hosted servers) rather
    /// than `bucket.endpoint`.
    #[arg(long, env = "STORE_S3_PATH_STYLE", default_value_t = true, action = clap::ArgAction::Set)]
    pub s3_path_style: bool,

    /// How long the file URL a download link sends the shopper to works, in seconds.
    #[arg(long, env = "STORE_DOWNLOAD_URL_SECONDS", default_value_t = 300)]
    pub download_url_seconds: u64,

    /// The mail server: `smtp://[user:password@]host[:port][?tls=required]`
    /// or `smtps://…`. Without it, emails are written to `STORE_OUTBOX_DIR`.
    #[arg(long, env = "STORE_SMTP_URL")]
    pub smtp_url: Option<String>,

    #[arg(long, env = "STORE_OUTBOX_DIR", default_value = "data/outbox")]
    pub outbox_dir: PathBuf,

    /// The sender of order emails.
    #[arg(
        long,
        env = "STORE_MAIL_FROM",
        default_value = "Ferrostore <orders@ferrostore.localhost>"
    )]
    pub mail_from: String,

    /// Where orders with partner-made lines are posted.
    #[arg(long, env = "STORE_FULFILMENT_URL")]
    pub fulfilment_url: Option<String>,

    /// The key that signs those posts (`X-Ferrostore-Signature`).
    #[arg(long, env = "STORE_FULFILMENT_SECRET", default_value = "")]
    pub fulfilment_secret: String,
}

impl std::fmt::Debug for FulfilmentConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FulfilmentConfig")
            .field("in_process_worker", &self.in_process_worker)
            .field("files_dir", &self.files_dir)
            .field("s3_endpoint", &self.s3_endpoint)
            .field("s3_bucket", &self.s3_bucket)
            .field("outbox_dir", &self.outbox_dir)
            .field("mail_from", &self.mail_from)
            .field("fulfilment_url", &self.fulfilment_url)
            .finish_non_exhaustive()
    }
}

impl FulfilmentConfig {
    /// Everything local, under a folder of the test's own.
    pub fn for_tests(dir: &std::path::Path) -> Self {
        FulfilmentConfig {
            in_process_worker: true,
            worker_concurrency: 4,
            job_lease_seconds: 60,
            job_retry_seconds: 1,
            job_poll_ms: 200,
            files_dir: dir.join("files"),
            files_secret: None,
            s3_endpoint: None,
            s3_bucket: "downloads".into(),
            s3_region: "us-east-1".into(),
            s3_access_key: String::new(),
            s3_secret_key: String::new(),
            s3_path_style: true,
            download_url_seconds: 300,
            smtp_url: None,
            outbox_dir: dir.join("outbox"),
            mail_from: "Ferrostore <orders@ferrostore.localhost>".into(),
            fulfilment_url: None,
            fulfilment_secret: String::new(),
        }
    }
}
