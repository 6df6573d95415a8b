//! `/metrics` in the Prometheus text format: request latency per route,
//! orders and payments by outcome (counted where they happen), and, read
//! from the database when scraped, the job queue and active reservations.
//!
//! Business numbers are not for everyone: with `STORE_METRICS_TOKEN` set,
//! a scrape must send it as a bearer token; without it, only requests from
//! this machine that no proxy forwarded are answered.

use super::AppState;
use crate::db::{Db, StoreError};
use crate::vals;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::net::SocketAddr;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Seconds; the budget is 25 ms at the 99th percentile.
const LATENCY_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// How often histogram samples are folded into their buckets. The
/// recorder keeps every sample (one per request) until then, so without
/// this the server's memory grows with its traffic whenever nobody scrapes.
const UPKEEP_EVERY: Duration = Duration::from_secs(1);

/// The process's recorder, installed once (several stores may run in one
/// test process; they share it).
fn handle() -> Option<&'static PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Full("http_request_duration_seconds".into()),
                    LATENCY_BUCKETS,
                )
                .ok()?
                .build_recorder();
            let handle = recorder.handle();
            metrics::set_global_recorder(recorder).ok()?;
            if let Err(error) = keep_up(handle.clone(), UPKEEP_EVERY) {
                tracing::error!(%error, "metrics upkeep is off: request timings will pile up");
            }
            Some(handle)
        })
        .as_ref()
}

/// Folds `handle`'s pending histogram samples into their buckets every
/// `every`, on a thread of its own so that it runs whichever runtime
/// serves requests.
fn keep_up(handle: PrometheusHandle, every: Duration) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("metrics-upkeep".into())
        .spawn(move || {
            loop {
                std::thread::sleep(every);
                handle.run_upkeep();
            }
        })
        .map(|_| ())
}

/// Installs the recorder, so counts start with the process.
pub fn install() {
    let _ = handle();
}

/// What the recorder holds, in the Prometheus text format (the metrics
/// page adds the gauges it reads from the database first).
pub fn render() -> Option<String> {
    handle().map(PrometheusHandle::render)
}

/// Times every request under its route pattern (server functions under
/// their own path), so the label set stays bounded.
pub async fn track(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().to_string();
    let path = request.uri().path().to_owned();
    let matched = request
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned());
    let response = next.run(request).await;
    let status = response.status();
    let route = match matched {
        _ if status == StatusCode::NOT_FOUND => "unmatched".to_owned(),
        _ if path.starts_with("/api/") => path,
        Some(pattern) => pattern,
        None if path.starts_with("/pkg/") => "/pkg".to_owned(),
        None => "other".to_owned(),
    };
    metrics::histogram!(
        "http_request_duration_seconds",
        "method" => method,
        "route" => route,
        "status" => status.as_u16().to_string()
    )
    .record(started.elapsed().as_secs_f64());
    response
}

fn allowed(token: Option<&str>, request: &Request) -> bool {
    let headers = request.headers();
    match token {
        Some(token) => headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|given| {
                crate::payments::signature::same_secret(given.as_bytes(), token.as_bytes())
            }),
        None => {
            !headers.contains_key("x-forwarded-for")
                && request
                    .extensions()
                    .get::<ConnectInfo<SocketAddr>>()
                    .is_some_and(|c| c.0.ip().is_loopback())
        }
    }
}

/// Reads what is only known to the database as gauges.
async fn gauges(db: &Db) -> Result<(), StoreError> {
    let jobs: Vec<(String, i64)> = db
        .rows("SELECT status, COUNT(*) FROM jobs GROUP BY status", vals![])
        .await?;
    for status in ["queued", "running", "done", "dead"] {
        let count = jobs
            .iter()
            .find(|(s, _)| s == status)
            .map_or(0, |(_, n)| *n);
        metrics::gauge!("store_jobs", "status" => status).set(count as f64);
    }
    let failing: i64 = db
        .rows::<(i64,)>(
            "SELECT COUNT(*) FROM jobs WHERE status = 'queued' AND attempts > 0",
            vals![],
        )
        .await?
        .pop()
        .map_or(0, |(n,)| n);
    metrics::gauge!("store_jobs_retrying").set(failing as f64);
    let reserved: i64 = db
        .rows::<(i64,)>(
            "SELECT CAST(COALESCE(SUM(reserved_quantity), 0) AS BIGINT) FROM basket_lines",
            vals![],
        )
        .await?
        .pop()
        .map_or(0, |(n,)| n);
    metrics::gauge!("store_reservations_active").set(reserved as f64);
    Ok(())
}

pub async fn metrics_page(State(state): State<AppState>, request: Request) -> Response {
    if !allowed(state.metrics_token.as_deref(), &request) {
        return (StatusCode::FORBIDDEN, "Metrics need the metrics token.").into_response();
    }
    if handle().is_none() {
        return (StatusCode::SERVICE_UNAVAILABLE, "Metrics are not recorded.").into_response();
    }
    if let Err(error) = gauges(&state.db).await {
        tracing::error!(%error, "metrics gauges could not be read");
    }
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        render().unwrap_or_default(),
    )
        .into_response()
}
