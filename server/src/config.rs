//! Configuration, from flags or (more usually) the environment.

use app::domain::Currency;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Clone, clap::Args)]
pub struct Config {
    /// Database: `sqlite:<path>` (created on first start) or `postgres://…`.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite:data/store.db")]
    pub database_url: String,

    /// Address to listen on. cargo-leptos sets LEPTOS_SITE_ADDR.
    #[arg(long, env = "STORE_BIND", default_value = "127.0.0.1:3000")]
    pub bind: SocketAddr,

    /// Mark the session cookie Secure (set when served over HTTPS).
    #[arg(long, env = "STORE_SECURE_COOKIES", default_value_t = false)]
    pub secure_cookies: bool,

    /// Log filter in tracing's EnvFilter syntax.
    #[arg(
        long,
        env = "RUST_LOG",
        default_value = "info,sqlx=warn,tower_sessions=warn"
    )]
    pub log: String,

    /// Log format: `text` for people, `json` for log shippers.
    #[arg(long, env = "STORE_LOG_FORMAT", default_value = "text")]
    pub log_format: LogFormat,

    /// Where the compiled site (pkg/, assets) lives. cargo-leptos sets it.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,

    /// The store's currency: new baskets use it.
    #[arg(long, env = "STORE_CURRENCY", default_value = "USD", value_parser = parse_currency)]
    pub currency: Currency,

    /// How long adding to the basket holds stock, in minutes. Using the
    /// basket renews it.
    #[arg(long, env = "STORE_RESERVATION_MINUTES", default_value_t = 60)]
    pub reservation_minutes: u32,

    /// How often lapsed reservations are released, in seconds.
    #[arg(long, env = "STORE_SWEEP_SECONDS", default_value_t = 30)]
    pub sweep_seconds: u32,

    /// A catalog CSV to import on start when the catalog is empty.
    #[arg(long, env = "STORE_SEED_CATALOG")]
    pub seed_catalog: Option<PathBuf>,

    /// A setup file (TOML or JSON) applied with the seed catalog.
    #[arg(long, env = "STORE_SEED_PRODUCTS")]
    pub seed_products: Option<PathBuf>,

    /// The bearer token a Prometheus scrape of `/metrics` must send; unset,
    /// only scrapes from this machine are answered.
    #[arg(long, env = "STORE_METRICS_TOKEN")]
    pub metrics_token: Option<String>,

    /// How long the catalog pages anonymous visitors see are served from
    /// memory, in milliseconds; 0 renders every request.
    #[arg(long, env = "STORE_PAGE_CACHE_MS", default_value_t = 2000)]
    pub page_cache_ms: u64,

    /// The memory the page cache may use, in MiB.
    #[arg(long, env = "STORE_PAGE_CACHE_MIB", default_value_t = 4)]
    pub page_cache_mib: usize,

    /// How long a page render may take before it counts as stalled and is
    /// started again, in milliseconds (see `http::render_retry`).
    #[arg(long, env = "STORE_RENDER_BUDGET_MS", default_value_t = 3000)]
    pub render_budget_ms: u64,

    /// `email:password` of an admin account created (or reset) on start,
    /// for the demo store. Leave unset in production and use
    /// `server admin create`.
    #[arg(long, env = "STORE_DEMO_ADMIN")]
    pub demo_admin: Option<String>,

    /// Where generated product pictures are kept (served under /media).
    #[arg(long, env = "STORE_MEDIA_DIR", default_value = "data/media")]
    pub media_dir: PathBuf,

    /// The static assets folder; setup files may name images in it.
    #[arg(long, env = "STORE_PUBLIC_DIR", default_value = "public")]
    pub public_dir: PathBuf,

    /// Extra origins (scheme://host[:port]) allowed to post forms, e.g. the
    /// public address when behind a reverse proxy. Comma-separated.
    #[arg(long, env = "STORE_ALLOWED_ORIGINS", value_delimiter = ',')]
    pub allowed_origins: Vec<String>,

    /// Whether catalogue prices include VAT (gross, as for consumers in
    /// the EU) or VAT is added at checkout. Applies to the default tax
    /// rates a new store starts with.
    #[arg(long, env = "STORE_PRICES_INCLUDE_TAX", default_value_t = false)]
    pub prices_include_tax: bool,

    /// How long an order may stay unpaid before it expires and its stock
    /// is released, in hours.
    #[arg(long, env = "STORE_UNPAID_ORDER_HOURS", default_value_t = 72)]
    pub unpaid_order_hours: u32,

    /// Failed sign-ins allowed per account in 15 minutes.
    #[arg(long, env = "STORE_LOGIN_ACCOUNT_LIMIT", default_value_t = 5)]
    pub login_account_limit: u32,

    /// Failed sign-ins allowed per client address in 15 minutes.
    #[arg(long, env = "STORE_LOGIN_CLIENT_LIMIT", default_value_t = 30)]
    pub login_client_limit: u32,

    /// Accounts that may be created per client address in an hour.
    #[arg(long, env = "STORE_REGISTRATION_LIMIT", default_value_t = 50)]
    pub registration_limit: u32,

    /// Unknown voucher codes allowed per client address in 15 minutes.
    #[arg(long, env = "STORE_VOUCHER_ATTEMPT_LIMIT", default_value_t = 20)]
    pub voucher_attempt_limit: u32,

    /// Take the client address from the last `X-Forwarded-For` entry (set
    /// this only behind a reverse proxy that writes that header).
    #[arg(long, env = "STORE_TRUST_FORWARDED", default_value_t = false)]
    pub trust_forwarded: bool,

    /// The address shoppers and payment processors reach the store at
    /// (e.g. `https://shop.example.com`); defaults to `http://` plus the
    /// address the store listens on.
    #[arg(long, env = "STORE_PUBLIC_URL")]
    pub public_url: Option<String>,

    #[command(flatten)]
    pub payments: crate::payments::config::PaymentConfig,

    #[command(flatten)]
    pub fulfilment: crate::fulfilment::config::FulfilmentConfig,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

fn parse_currency(text: &str) -> Result<Currency, String> {
    Currency::parse(text).map_err(|e| e.to_string())
}

impl Config {
    /// Defaults suitable for tests: the given database, an ephemeral port.
    pub fn for_database(database_url: impl Into<String>) -> Self {
        Config {
            database_url: database_url.into(),
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            secure_cookies: false,
            log: "warn".into(),
            log_format: LogFormat::Text,
            site_root: "target/site".into(),
            currency: Currency::USD,
            reservation_minutes: 60,
            sweep_seconds: 30,
            seed_catalog: None,
            seed_products: None,
            demo_admin: None,
            metrics_token: None,
            // Tests look at stock and prices right after changing them.
            page_cache_ms: 0,
            page_cache_mib: 4,
            render_budget_ms: 3000,
            media_dir: std::env::temp_dir().join("ferrostore-test-media"),
            public_dir: "public".into(),
            allowed_origins: Vec::new(),
            prices_include_tax: false,
            unpaid_order_hours: 72,
            public_url: None,
            payments: crate::payments::config::PaymentConfig::for_tests(),
            fulfilment: crate::fulfilment::config::FulfilmentConfig::for_tests(
                &std::env::temp_dir().join(format!("ferrostore-test-{}", crate::orders::token())),
            ),
            login_account_limit: 5,
            login_client_limit: 30,
            voucher_attempt_limit: 20,
            registration_limit: 50,
            trust_forwarded: false,
        }
    }
}
