use crate::accounts::{AccountStore, LoginLimits};
use crate::basket::BasketStore;
use crate::catalog::{CatalogStore, CsvError, catalog_is_empty, import_catalog, parse_catalog_csv};
use crate::checkout::CheckoutStore;
use crate::config::Config;
use crate::db::{self, Db, StoreError};
use crate::http::{AllowedOrigins, AppState, router};
use crate::jobs::{Backoff, Handlers, JobQueue, OrderFollowUps, Worker};
use crate::media::MediaStore;
use crate::orders::{OrderMachine, OrderStore};
use crate::session::SessionBackend;
use crate::session::TrustForwarded;
use app::admin::services::AdminServices;
use app::services::Services;
use axum::Router;
use leptos::config::LeptosOptions;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use tokio::task::JoinHandle;
use tower_sessions::ExpiredDeletion;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("catalog file is invalid: {0}")]
    Catalog(#[from] CsvError),
    #[error("setup file is invalid: {0}")]
    Setup(#[from] crate::catalog::setup::SpecError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("server error: {0}")]
    Serve(std::io::Error),
    #[error("{0}")]
    Fulfilment(String),
}

/// A ready-to-serve store: migrated database and the full router.
pub struct Prepared {
    pub db: Db,
    pub baskets: Arc<BasketStore>,
    pub accounts: AccountStore,
    pub machine: OrderMachine,
    pub router: Router,
    pub sessions: SessionBackend,
    pub payments: crate::payments::PaymentStore,
    pub public: crate::payments::PublicBase,
    pub queue: JobQueue,
    pub handlers: Arc<Handlers>,
    pub files: crate::downloads::storage::FileStore,
    pub settings: crate::settings::LiveSettings,
}

pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Imports a catalog file; used by the CLI and the demo seed.
pub async fn import_file(db: &Db, path: &Path) -> Result<crate::catalog::ImportReport, StartError> {
    let text = std::fs::read_to_string(path).map_err(|source| StartError::Read {
        path: path.display().to_string(),
        source,
    })?;
    let rows = parse_catalog_csv(&text)?;
    Ok(import_catalog(db, &rows, now()).await?)
}

/// Applies a setup file; image paths are looked up next to it and under
/// the public folder.
pub async fn setup_file(
    db: &Db,
    config: &Config,
    path: &Path,
) -> Result<crate::catalog::setup::SetupReport, StartError> {
    use crate::catalog::setup::{Assets, apply_setup, parse};
    let text = std::fs::read_to_string(path).map_err(|source| StartError::Read {
        path: path.display().to_string(),
        source,
    })?;
    let json = path.extension().is_some_and(|e| e == "json");
    let file = parse(&text, json)?;
    let assets = Assets {
        base_dir: path.parent().map(Path::to_path_buf).unwrap_or_default(),
        public_dir: config.public_dir.clone(),
        media: MediaStore::new(&config.media_dir),
    };
    let report = apply_setup(db, &file, Some(&assets), now()).await?;
    let files = file_store(&config.fulfilment)?;
    for product in &file.products {
        let Some(download) = &product.download else {
            continue;
        };
        let path = assets.base_dir.join(&download.file);
        let bytes = std::fs::read(&path).map_err(|source| StartError::Read {
            path: path.display().to_string(),
            source,
        })?;
        let own_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        crate::downloads::attach::attach_file(
            db,
            &files,
            crate::downloads::attach::Attachment {
                product: &product.key,
                filename: download.filename.as_deref().unwrap_or(&own_name),
                bytes,
                attempts: download.attempts,
                days: download.days,
            },
        )
        .await
        .map_err(|e| StartError::Fulfilment(format!("{}: {e}", product.key)))?;
    }
    Ok(report)
}

pub async fn prepare(config: &Config) -> Result<Prepared, StartError> {
    let db = db::connect(&config.database_url).await?;
    db.migrate().await?;
    if catalog_is_empty(&db).await? {
        if let Some(seed) = &config.seed_catalog {
            let report = import_file(&db, seed).await?;
            tracing::info!(
                created = report.created,
                categories = report.categories,
                "seeded the demo catalog"
            );
        }
        if let Some(seed) = &config.seed_products {
            let report = setup_file(&db, config, seed).await?;
            tracing::info!(
                created = report.created,
                images = report.images,
                "seeded the featured products"
            );
        }
    }
    let sessions = SessionBackend::new(&db).await?;
    let settings = crate::settings::LiveSettings::new(crate::settings::Current {
        currency: config.currency,
        prices_include_tax: config.prices_include_tax,
        mail_from: config.fulfilment.mail_from.clone(),
        reservation_seconds: i64::from(config.reservation_minutes.max(1)) * 60,
        unpaid_seconds: i64::from(config.unpaid_order_hours.max(1)) * 3600,
        payments_disabled: Vec::new(),
    });
    settings.refresh(&db).await?;
    // The admin's currency wins over the configured one; it is fixed for
    // the life of the process.
    let currency = settings.get().currency;
    let offers = crate::offers::LiveOffers::new(db.clone(), currency);
    let baskets = Arc::new(BasketStore::new(
        db.clone(),
        currency,
        settings.clone(),
        offers.clone(),
    ));
    crate::checkout::config::seed_defaults(&db, currency, settings.get().prices_include_tax)
        .await?;
    let accounts = AccountStore::new(
        db.clone(),
        LoginLimits {
            per_account: config.login_account_limit.into(),
            per_client: config.login_client_limit.into(),
            registrations_per_client: config.registration_limit.into(),
            ..LoginLimits::default()
        },
    );
    let delivery = &config.fulfilment;
    let queue = JobQueue::new(
        db.clone(),
        delivery.job_lease_seconds,
        Backoff {
            base_seconds: delivery.job_retry_seconds,
            ..Backoff::default()
        },
    );
    let mut machine = OrderMachine::default();
    machine.subscribe(Arc::new(OrderFollowUps {
        queue: queue.clone(),
    }));
    let public = crate::payments::PublicBase::default();
    if let Some(url) = &config.public_url {
        public.set(url);
    }
    let files = file_store(delivery)?;
    if let Some(credentials) = &config.demo_admin {
        let (email, password) = crate::admin::staff_accounts::parse_credentials(credentials)
            .ok_or_else(|| StartError::Fulfilment("STORE_DEMO_ADMIN is email:password".into()))?;
        crate::admin::staff_accounts::create_staff(
            &db,
            &accounts,
            email,
            password,
            app::domain::staff::StaffRole::Admin,
        )
        .await
        .map_err(|e| StartError::Fulfilment(format!("demo admin: {e}")))?;
    }
    let (payments, testpay) = payment_providers(&db, &machine, &public, config);
    let payments = payments.with_settings(settings.clone());
    let orders: Arc<dyn app::services::OrderService> = Arc::new(OrderStore::new(
        db.clone(),
        machine.clone(),
        baskets.clone(),
        payments.clone(),
    ));
    let merchant_payments: Arc<dyn app::services::MerchantPaymentService> =
        Arc::new(payments.clone());
    let fulfilment: Arc<dyn app::services::FulfilmentService> =
        Arc::new(crate::fulfilment::MerchantFulfilment {
            db: db.clone(),
            machine: machine.clone(),
            queue: queue.clone(),
        });
    let admin_catalog = crate::admin::AdminCatalog {
        db: db.clone(),
        currency: currency,
        baskets: baskets.clone(),
    };
    let services = Services {
        catalog: Arc::new(CatalogStore::new(db.clone(), currency, offers.clone())),
        secure_cookies: config.secure_cookies,
        baskets: baskets.clone(),
        accounts: Arc::new(accounts.clone()),
        checkout: Arc::new(
            CheckoutStore::new(
                db.clone(),
                currency,
                settings.clone(),
                accounts.clone(),
                baskets.clone(),
                machine.clone(),
                payments.clone(),
                offers,
            )
            .with_voucher_limit(config.voucher_attempt_limit),
        ),
        fulfilment: fulfilment.clone(),
        admin: AdminServices {
            catalog: Arc::new(admin_catalog.clone()),
            orders: Arc::new(crate::admin::AdminOrders {
                db: db.clone(),
                currency: currency,
                orders: orders.clone(),
                payments: merchant_payments.clone(),
                fulfilment,
            }),
            insights: Arc::new(crate::admin::AdminInsights {
                db: db.clone(),
                currency: currency,
                catalog: admin_catalog.clone(),
            }),
            settings: Arc::new(crate::settings::AdminSettings {
                db: db.clone(),
                live: settings.clone(),
                currency,
                payments: payments.clone(),
                payment_config: config.payments.clone(),
            }),
            offers: Arc::new(crate::offers::AdminOfferStore {
                db: db.clone(),
                currency,
            }),
        },
        orders,
        merchant_payments,
    };
    let leptos_options = LeptosOptions::builder()
        .output_name(std::env::var("LEPTOS_OUTPUT_NAME").unwrap_or_else(|_| "store".into()))
        .site_root(config.site_root.clone())
        .site_pkg_dir(std::env::var("LEPTOS_SITE_PKG_DIR").unwrap_or_else(|_| "pkg".into()))
        .site_addr(config.bind)
        .build();
    let state = AppState {
        leptos_options,
        services,
        db: db.clone(),
        media: MediaStore::new(&config.media_dir),
        files: files.clone(),
        catalog: admin_catalog,
        metrics_token: config.metrics_token.clone(),
        page_cache: crate::http::PageCache::new(
            std::time::Duration::from_millis(config.page_cache_ms),
            config.page_cache_mib * 1024 * 1024,
        ),
        render_budget: crate::http::RenderBudget(std::time::Duration::from_millis(
            config.render_budget_ms,
        )),
    };
    crate::http::metrics::install();
    let allowed = AllowedOrigins(Arc::new(config.allowed_origins.clone()));
    let trust = TrustForwarded(config.trust_forwarded);
    let router = router(
        state,
        sessions.clone(),
        config.secure_cookies,
        allowed,
        trust,
    )
    .nest_service(
        "/media",
        crate::http::media_service(config.media_dir.clone()),
    )
    .merge(crate::payments::routes::routes(payments.clone()))
    .merge(crate::downloads::routes(crate::downloads::Downloads {
        db: db.clone(),
        files: files.clone(),
        url_ttl: std::time::Duration::from_secs(delivery.download_url_seconds.max(1)),
    }));
    let router = match &files {
        crate::downloads::storage::FileStore::Local(local) => {
            router.merge(crate::downloads::storage::local_routes(local.clone()))
        }
        crate::downloads::storage::FileStore::S3(_) => router,
    };
    let router = match testpay {
        Some(testpay) => router.merge(crate::payments::testpay::routes(testpay)),
        None => router,
    };
    if delivery.fulfilment_url.is_some() && delivery.fulfilment_secret.is_empty() {
        // The partner could not tell our hand-offs from anyone's.
        return Err(StartError::Fulfilment(
            "STORE_FULFILMENT_URL needs STORE_FULFILMENT_SECRET to sign hand-offs".into(),
        ));
    }
    let handlers = Arc::new(Handlers {
        db: db.clone(),
        machine: machine.clone(),
        baskets: baskets.clone(),
        mailer: crate::email::Mailer {
            db: db.clone(),
            transport: crate::email::Transport::new(
                delivery.smtp_url.as_deref(),
                delivery.outbox_dir.clone(),
            )
            .map_err(|e| StartError::Fulfilment(e.to_string()))?,
            from: delivery.mail_from.parse().map_err(|e| {
                StartError::Fulfilment(format!("STORE_MAIL_FROM is not an address: {e}"))
            })?,
            public: public.clone(),
            settings: settings.clone(),
        },
        partner: crate::fulfilment::Partner {
            url: delivery.fulfilment_url.clone(),
            secret: delivery.fulfilment_secret.clone(),
            client: crate::payments::http::client(),
        },
        settings: settings.clone(),
    });
    Ok(Prepared {
        db,
        baskets,
        accounts,
        machine,
        router,
        sessions,
        payments,
        public,
        queue,
        handlers,
        files,
        settings,
    })
}

/// Where downloadable files live: an S3 bucket when an endpoint is set,
/// otherwise the store's own folder.
pub fn file_store(
    config: &crate::fulfilment::config::FulfilmentConfig,
) -> Result<crate::downloads::storage::FileStore, StartError> {
    use crate::downloads::storage::{FileStore, LocalFiles, S3Files, S3Settings};
    Ok(match &config.s3_endpoint {
        Some(endpoint) => FileStore::S3(
            S3Files::new(&S3Settings {
                endpoint: endpoint.clone(),
                bucket: config.s3_bucket.clone(),
                region: config.s3_region.clone(),
                access_key: config.s3_access_key.clone(),
                secret_key: config.s3_secret_key.clone(),
                path_style: config.s3_path_style,
            })
            .map_err(|e| StartError::Fulfilment(e.to_string()))?,
        ),
        None => {
            let secret = config
                .files_secret
                .clone()
                .unwrap_or_else(crate::orders::token);
            FileStore::Local(LocalFiles::new(config.files_dir.clone(), secret.as_bytes()))
        }
    })
}

/// The background side of a store: periodic work is enqueued, and (unless
/// `in_process_worker` is off) a worker runs the queue.
pub struct Background {
    periodic: JoinHandle<()>,
    settings: JoinHandle<()>,
    worker: Option<crate::jobs::WorkerHandle>,
}

impl Background {
    pub fn start(prepared: &Prepared, config: &Config, with_worker: bool) -> Self {
        let periodic = tokio::spawn(crate::jobs::enqueue_periodic(
            prepared.queue.clone(),
            std::time::Duration::from_secs(config.sweep_seconds.max(1).into()),
        ));
        let settings = tokio::spawn(prepared.settings.clone().follow(
            prepared.db.clone(),
            std::time::Duration::from_secs(config.sweep_seconds.max(1).into()),
        ));
        let worker = with_worker.then(|| {
            Worker {
                queue: prepared.queue.clone(),
                handlers: prepared.handlers.clone(),
                concurrency: config.fulfilment.worker_concurrency,
                poll: std::time::Duration::from_millis(config.fulfilment.job_poll_ms.max(10)),
            }
            .spawn()
        });
        Background {
            periodic,
            settings,
            worker,
        }
    }

    /// Stops at once (a dropped store): running jobs are left to their
    /// leases.
    pub fn stop(&self) {
        self.periodic.abort();
        self.settings.abort();
        if let Some(worker) = &self.worker {
            worker.abort();
        }
    }

    /// Stops enqueueing, and lets running jobs finish for up to ten
    /// seconds before the database closes under them.
    pub async fn finish(&mut self) {
        self.periodic.abort();
        self.settings.abort();
        if let Some(worker) = self.worker.take() {
            worker.finish(std::time::Duration::from_secs(10)).await;
        }
    }
}

/// `server worker`: runs the queue without serving pages, until a signal.
pub async fn work(config: &Config) -> Result<(), StartError> {
    let prepared = prepare(config).await?;
    if let Some(url) = &config.public_url {
        prepared.public.set(url);
    } else {
        prepared.public.set(&format!("http://{}", config.bind));
    }
    let mut background = Background::start(&prepared, config, true);
    tracing::info!(database = prepared.db.kind(), "the worker is running");
    shutdown_signal().await;
    background.finish().await;
    prepared.db.close().await;
    Ok(())
}

/// The enabled payment providers, in the order the checkout offers them
/// (testpay first, so the demo store pays with it by default), and
/// testpay's own pages when it is enabled.
fn payment_providers(
    db: &Db,
    machine: &OrderMachine,
    public: &crate::payments::PublicBase,
    config: &Config,
) -> (
    crate::payments::PaymentStore,
    Option<crate::payments::testpay::Testpay>,
) {
    use crate::payments::bank_transfer::{BankAccount, BankTransfer};
    use crate::payments::provider::PaymentProvider;
    use crate::payments::testpay::{Delivery, Testpay};
    let config = &config.payments;
    let mut providers: Vec<Arc<dyn PaymentProvider>> = Vec::new();
    let testpay = config.testpay.then(|| {
        let secret = config
            .testpay_secret
            .clone()
            .unwrap_or_else(crate::orders::token);
        Testpay::new(
            &secret,
            public.clone(),
            Delivery {
                delay: std::time::Duration::from_millis(config.testpay_delay_ms),
                late: std::time::Duration::from_millis(config.testpay_late_ms),
                copies: config.testpay_copies,
                stale_pending: config.testpay_stale_pending,
            },
        )
    });
    if let Some(testpay) = &testpay {
        providers.push(Arc::new(testpay.clone()));
    }
    if let Some(key) = &config.stripe_secret_key {
        let secret = config.stripe_webhook_secret.clone().unwrap_or_else(|| {
            tracing::warn!("Stripe is enabled without STORE_STRIPE_WEBHOOK_SECRET: its webhooks will be refused");
            crate::orders::token()
        });
        providers.push(Arc::new(crate::payments::stripe::Stripe::new(
            &config.stripe_api_base,
            key,
            &secret,
        )));
    }
    if let (Some(url), Some(api_key), Some(store_id)) = (
        &config.btcpay_url,
        &config.btcpay_api_key,
        &config.btcpay_store_id,
    ) {
        let webhook_secret = config.btcpay_webhook_secret.clone().unwrap_or_else(|| {
            tracing::warn!("BTCPay is enabled without STORE_BTCPAY_WEBHOOK_SECRET: its webhooks will be refused");
            crate::orders::token()
        });
        providers.push(Arc::new(crate::payments::btcpay::BtcPay::new(
            crate::payments::btcpay::BtcPaySettings {
                url: url.clone(),
                api_key: api_key.clone(),
                store_id: store_id.clone(),
                webhook_secret,
            },
        )));
    }
    if config.bank_transfer {
        providers.push(Arc::new(BankTransfer::new(BankAccount {
            holder: config.bank_holder.clone(),
            iban: config.bank_iban.clone(),
            bic: config.bank_bic.clone(),
        })));
    }
    let store =
        crate::payments::PaymentStore::new(db.clone(), machine.clone(), providers, public.clone());
    (store, testpay)
}

/// A store serving on a bound address until dropped or shut down.
pub struct Running {
    pub addr: SocketAddr,
    pub db: Db,
    pub payments: crate::payments::PaymentStore,
    pub baskets: Arc<BasketStore>,
    pub accounts: AccountStore,
    pub machine: OrderMachine,
    server: JoinHandle<Result<(), std::io::Error>>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    pub queue: JobQueue,
    pub files: crate::downloads::storage::FileStore,
    sweeper: JoinHandle<()>,
    background: Background,
}

impl Running {
    /// Stops accepting connections, finishes in-flight requests, closes the pool.
    pub async fn shutdown(mut self) -> Result<(), StartError> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let result = (&mut self.server).await;
        self.sweeper.abort();
        self.background.finish().await;
        self.db.close().await;
        match result {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(StartError::Serve(e)),
            Err(e) => Err(StartError::Serve(std::io::Error::other(e))),
        }
    }

    /// Serves until SIGINT or SIGTERM, then shuts down gracefully.
    pub async fn until_signal(self) -> Result<(), StartError> {
        shutdown_signal().await;
        tracing::info!("shutting down");
        self.shutdown().await
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        self.sweeper.abort();
        self.background.stop();
    }
}

pub async fn start(config: &Config) -> Result<Running, StartError> {
    let prepared = prepare(config).await?;
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .map_err(|source| StartError::Bind {
            addr: config.bind,
            source,
        })?;
    let addr = listener.local_addr().map_err(StartError::Serve)?;
    prepared.public.set(&format!("http://{addr}"));
    let background = Background::start(&prepared, config, config.fulfilment.in_process_worker);
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        axum::serve(
            listener,
            prepared
                .router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            let _ = rx.await;
        })
        .await
    });
    // Expired sessions are purged in the background.
    let sweeper = tokio::spawn(async move {
        if let Err(err) = prepared
            .sessions
            .continuously_delete_expired(tokio::time::Duration::from_secs(600))
            .await
        {
            tracing::error!(%err, "session sweeper stopped");
        }
    });
    tracing::info!(%addr, database = prepared.db.kind(), "store is listening on http://{addr}");
    Ok(Running {
        addr,
        payments: prepared.payments.clone(),
        db: prepared.db,
        baskets: prepared.baskets.clone(),
        accounts: prepared.accounts.clone(),
        machine: prepared.machine.clone(),
        queue: prepared.queue.clone(),
        files: prepared.files.clone(),
        server,
        shutdown: Some(tx),
        sweeper,
        background,
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
