//! Test harness: a real store on an ephemeral port, on SQLite or PostgreSQL.
#![allow(dead_code)]

pub mod checkout;
pub mod fake_btcpay;
pub mod fake_stripe;
pub mod fulfilment;
pub mod merchant;
pub mod payments;
pub mod servers;

use reqwest::redirect::Policy;
use server::catalog::{import_catalog, parse_catalog_csv};
use server::config::Config;
use server::{Running, start};
use std::path::PathBuf;

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestStore {
    /// The store runs on a runtime of its own, as in production, so the
    /// test's client and the server never compete for the same workers.
    runtime: Option<tokio::runtime::Runtime>,
    pub running: Option<Running>,
    pub base: String,
    pub database_url: String,
    _dir: tempfile::TempDir,
    tweak: std::sync::Arc<dyn Fn(&mut Config) + Send + Sync>,
    /// The database of a store running in another process.
    external: Option<server::db::Db>,
}

/// The fixture catalog: two categories, known prices and stock levels.
pub fn fixture_csv() -> String {
    let mut csv = String::from("sku,title,description,category,price_usd,stock,weight_kg\n");
    for i in 1..=30 {
        let category = if i % 2 == 0 {
            "Garden"
        } else {
            "Office Supplies"
        };
        let stock = match i {
            1 => 0, // "Item 01" is sold out
            2 => 3, // "Item 02" has 3 left
            _ => 100,
        };
        csv.push_str(&format!(
            "TEST-{i:04},Item {i:02},Description of item {i}.,{category},{}.{:02},{stock},0.500\n",
            i,
            i % 100
        ));
    }
    csv
}

pub async fn database_url(backend: Backend, dir: &tempfile::TempDir) -> String {
    match backend {
        Backend::Sqlite => format!("sqlite:{}", dir.path().join("store.db").display()),
        Backend::Postgres => {
            let admin = std::env::var("TEST_DATABASE_URL").expect(
                "TEST_DATABASE_URL is not set: PostgreSQL tests need a server. \
                 Run scripts/test, which starts a throwaway cluster.",
            );
            let name = format!("store_test_{}", rand_suffix());
            let pool = sqlx::PgPool::connect(&admin)
                .await
                .expect("connect to TEST_DATABASE_URL");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&pool)
                .await
                .expect("create test database");
            pool.close().await;
            let (prefix, _) = admin
                .rsplit_once('/')
                .expect("TEST_DATABASE_URL has a database path");
            format!("{prefix}/{name}")
        }
    }
}

fn rand_suffix() -> String {
    use std::time::{SystemTime, UNIX_EPOCH};
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{:x}{:x}", nanos, std::process::id())
}

impl Drop for TestStore {
    fn drop(&mut self) {
        drop(self.running.take());
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

impl TestStore {
    pub async fn start(backend: Backend) -> TestStore {
        Self::start_configured(backend, |_| {}).await
    }

    /// A store whose configuration `tweak` adjusts (e.g. to point a
    /// payment provider at a local stand-in); kept across restarts.
    pub async fn start_configured(
        backend: Backend,
        tweak: impl Fn(&mut Config) + Send + Sync + 'static,
    ) -> TestStore {
        // Internal errors are logged, never shown to shoppers: print them.
        let _ = tracing_subscriber::fmt()
            .with_env_filter("error")
            .with_test_writer()
            .try_init();
        let dir = tempfile::tempdir().unwrap();
        let database_url = database_url(backend, &dir).await;
        let mut store = TestStore {
            tweak: std::sync::Arc::new(tweak),
            runtime: None,
            running: None,
            base: String::new(),
            database_url,
            _dir: dir,
            external: None,
        };
        store.boot().await;
        let db = &store.running.as_ref().unwrap().db;
        let rows = parse_catalog_csv(&fixture_csv()).unwrap();
        import_catalog(db, &rows, 1).await.unwrap();
        store
    }

    pub fn config(&self) -> Config {
        let mut config = Config::for_database(self.database_url.clone());
        config.site_root = site_root();
        config.fulfilment =
            server::fulfilment::config::FulfilmentConfig::for_tests(self._dir.path());
        (self.tweak)(&mut config);
        config
    }

    async fn boot(&mut self) {
        let config = self.config();
        let (runtime, running) = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            let running = runtime.block_on(start(&config)).expect("store starts");
            (runtime, running)
        })
        .join()
        .unwrap();
        if let Some(old) = self.runtime.replace(runtime) {
            old.shutdown_background();
        }
        self.base = format!("http://{}", running.addr);
        self.running = Some(running);
    }

    /// Stops the server completely and starts a new one on the same database.
    pub async fn restart(&mut self) {
        if let Some(running) = self.running.take() {
            running.shutdown().await.unwrap();
        }
        self.boot().await;
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn db(&self) -> &server::db::Db {
        match &self.external {
            Some(db) => db,
            None => &self.running.as_ref().unwrap().db,
        }
    }

    /// Drives a store that runs in another process, at `base`, on the
    /// database at `database_url`.
    pub async fn external(base: String, database_url: String) -> TestStore {
        let db = server::db::connect(&database_url).await.unwrap();
        TestStore {
            tweak: std::sync::Arc::new(|_| {}),
            runtime: None,
            running: None,
            base,
            database_url,
            _dir: tempfile::tempdir().unwrap(),
            external: Some(db),
        }
    }

    /// A browser-like client: keeps cookies, does not follow redirects.
    pub fn shopper(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .unwrap()
    }
}

pub fn site_root() -> String {
    let root: PathBuf = [env!("CARGO_MANIFEST_DIR"), "..", "target", "site"]
        .iter()
        .collect();
    root.display().to_string()
}

/// Declares one async test per backend; `configured(|config| …)` adjusts
/// the store's configuration first.
#[macro_export]
macro_rules! both_backends {
    ($name:ident, |$store:ident| $body:block) => {
        $crate::both_backends!($name, configured(|_| {}), |$store| $body);
    };
    ($name:ident, configured($tweak:expr), |$store:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            async fn run(backend: $crate::support::Backend) {
                // A stuck test fails with its name instead of stalling the suite.
                let scenario = async {
                    #[allow(unused_mut)]
                    let mut $store =
                        $crate::support::TestStore::start_configured(backend, $tweak).await;
                    $body
                };
                tokio::time::timeout(std::time::Duration::from_secs(120), scenario)
                    .await
                    .expect("the test did not finish within two minutes");
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                run($crate::support::Backend::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                run($crate::support::Backend::Postgres).await
            }
        }
    };
}

/// One test per backend for a scenario written as `async fn(Backend)`,
/// for scenarios that start their own store or processes.
#[macro_export]
macro_rules! each_backend {
    ($name:ident, $scenario:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$scenario($crate::support::Backend::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$scenario($crate::support::Backend::Postgres).await
            }
        }
    };
}

pub struct ApiReply {
    pub status: u16,
    pub json: serde_json::Value,
}

impl ApiReply {
    /// The user-facing message of an `AppError` reply.
    pub fn error_message(&self) -> String {
        self.json
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_owned()
    }
}

impl TestStore {
    /// Calls a server function as the hydrated storefront does.
    pub async fn api(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> ApiReply {
        let response = client
            .post(self.url(&format!("/api/{endpoint}")))
            .header("origin", &self.base)
            .header("accept", "application/json")
            .form(form)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let text = response.text().await.unwrap();
        let json = serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text));
        ApiReply { status, json }
    }

    pub async fn add(&self, client: &reqwest::Client, variant: &str, quantity: &str) -> ApiReply {
        self.api(
            client,
            "basket/add",
            &[("variant_id", variant), ("quantity", quantity)],
        )
        .await
    }

    /// A raw add-to-basket post with the given extra header, for origin checks
    /// and concurrency, returning only the status.
    pub async fn raw_add(
        client: &reqwest::Client,
        url: &str,
        header: (&str, &str),
        variant: &str,
    ) -> u16 {
        client
            .post(url)
            .header(header.0, header.1)
            .form(&[("variant_id", variant), ("quantity", "1")])
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }

    /// Posts a form as a browser without JavaScript does.
    pub async fn form_post(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        referer: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        client
            .post(self.url(&format!("/api/{endpoint}")))
            .header("origin", &self.base)
            .header("accept", "text/html,application/xhtml+xml")
            .header("referer", self.url(referer))
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// GETs a page. (A render that stalls is started again by the server
    /// itself: `http::render_retry`.)
    pub async fn get(&self, client: &reqwest::Client, path: &str) -> reqwest::Response {
        client
            .get(self.url(path))
            .header("accept", "text/html")
            .send()
            .await
            .unwrap()
    }

    /// Loads a page: its status and its HTML.
    pub async fn page(&self, client: &reqwest::Client, path: &str) -> (u16, String) {
        let response = self.get(client, path).await;
        let status = response.status().as_u16();
        // Debug builds mark hydration boundaries with empty comments; the
        // assertions are about content, so they are dropped.
        (status, response.text().await.unwrap().replace("<!>", ""))
    }

    pub async fn variant_id(&self, sku: &str) -> i64 {
        server::with_db!(self.db(), |pool| sqlx::query_scalar::<_, i64>(
            "SELECT id FROM variants WHERE sku = $1"
        )
        .bind(sku)
        .fetch_one(pool)
        .await)
        .unwrap()
    }

    pub async fn basket_lines(&self) -> Vec<(i64, i64)> {
        server::with_db!(self.db(), |pool| sqlx::query_as::<_, (i64, i64)>(
            "SELECT variant_id, quantity FROM basket_lines ORDER BY variant_id"
        )
        .fetch_all(pool)
        .await)
        .unwrap()
    }

    pub async fn item_count(&self, client: &reqwest::Client) -> u64 {
        let reply = self.api(client, "basket/view", &[]).await;
        assert_eq!(reply.status, 200, "{:?}", reply.json);
        reply.json["totals"]["item_count"].as_u64().unwrap()
    }
}

/// Number of non-overlapping occurrences of `needle`.
pub fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

impl TestStore {
    pub fn baskets(&self) -> &server::basket::BasketStore {
        &self.running.as_ref().unwrap().baskets
    }

    /// (on hand, reserved) for a variant, straight from the database.
    pub async fn stock(&self, variant: i64) -> (i64, i64) {
        server::with_db!(self.db(), |pool| sqlx::query_as::<_, (i64, i64)>(
            "SELECT stock_on_hand, reserved FROM variants WHERE id = $1"
        )
        .bind(variant)
        .fetch_one(pool)
        .await)
        .unwrap()
    }

    /// Sum of what basket lines hold reserved for a variant.
    pub async fn held_by_lines(&self, variant: i64) -> i64 {
        server::with_db!(self.db(), |pool| sqlx::query_scalar::<_, i64>(
            "SELECT CAST(COALESCE(SUM(reserved_quantity), 0) AS BIGINT) FROM basket_lines WHERE variant_id = $1"
        )
        .bind(variant)
        .fetch_one(pool)
        .await)
        .unwrap()
    }

    pub async fn execute(&self, sql: &str) {
        server::with_db!(self.db(), |pool| sqlx::query(sql)
            .execute(pool)
            .await
            .map(|_| ()))
        .unwrap();
    }
}

impl TestStore {
    /// Applies the demo store's featured products (server/seed/featured.toml).
    pub async fn featured(&self) -> server::catalog::setup::SetupReport {
        let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "seed", "featured.toml"]
            .iter()
            .collect();
        server::startup::setup_file(self.db(), &self.config(), &path)
            .await
            .expect("the featured products apply")
    }

    /// The first column of the first row of a query returning one integer.
    pub async fn number(&self, sql: &str) -> i64 {
        server::with_db!(self.db(), |pool| sqlx::query_scalar::<_, i64>(sql)
            .fetch_one(pool)
            .await)
        .unwrap()
    }

    pub async fn unit_id(&self, serial: &str) -> i64 {
        self.number(&format!(
            "SELECT id FROM serial_units WHERE serial_number = '{serial}'"
        ))
        .await
    }
}

impl TestStore {
    /// Posts one add-to-basket form from `shoppers` new shoppers at once, as
    /// hydrated storefronts do; returns each answer's status and body.
    pub async fn concurrent_adds(
        &self,
        shoppers: usize,
        form: &[(&str, &str)],
    ) -> Vec<(u16, String)> {
        let form: Vec<(String, String)> = form
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let tasks: Vec<_> = (0..shoppers)
            .map(|_| {
                let (client, url, origin, form) = (
                    self.shopper(),
                    self.url("/api/basket/add"),
                    self.base.clone(),
                    form.clone(),
                );
                tokio::spawn(async move {
                    let response = client
                        .post(url)
                        .header("origin", origin)
                        .form(&form)
                        .send()
                        .await
                        .unwrap();
                    (response.status().as_u16(), response.text().await.unwrap())
                })
            })
            .collect();
        let mut answers = Vec::with_capacity(shoppers);
        for task in tasks {
            answers.push(task.await.unwrap());
        }
        answers
    }
}
