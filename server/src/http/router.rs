use super::headers::{Secure, security_headers};
use super::health::healthz;
use super::origin::{AllowedOrigins, check_origin};
use super::render_retry::{RenderBudget, retry_stalled_render};
use crate::db::Db;
use crate::session::{SessionBackend, TrustForwarded, attach_shopper, session_layer};
use app::error::AppError;
use app::services::Services;
use app::{App, shell};
use axum::extract::{FromRef, Request};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::get;
use axum::{Router, middleware};
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, file_and_error_handler_with_context, generate_route_list};
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

/// The largest form or server function call (the product editor with many
/// variants and translations is the biggest).
pub const MAX_FORM_BYTES: usize = 256 * 1024;

/// A request that takes longer than this is answered 408 and dropped.
const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);
const UPLOAD_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(600);
use tower_http::trace::TraceLayer;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub services: Services,
    pub db: Db,
    /// Uploads from the admin: pictures, digital files, and the catalog
    /// writes they end in.
    pub media: crate::media::MediaStore,
    pub files: crate::downloads::storage::FileStore,
    pub catalog: crate::admin::AdminCatalog,
    /// The bearer token `/metrics` asks for; without one, only local
    /// scrapes are answered.
    pub metrics_token: Option<String>,
    /// Catalog pages for visitors without a session.
    pub page_cache: super::PageCache,
    /// How long a page render may take before it is started again.
    pub render_budget: RenderBudget,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

pub fn router(
    state: AppState,
    sessions: SessionBackend,
    secure_cookies: bool,
    allowed: AllowedOrigins,
    trust: TrustForwarded,
) -> Router {
    let services = state.services.clone();
    let context = move || {
        provide_context(services.clone());
        super::headers::share_nonce();
    };
    let options = state.leptos_options.clone();
    // Pages and server functions take small bodies; only the upload routes,
    // merged after this limit, take files.
    let pages = Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(super::metrics::metrics_page))
        .merge(crate::offers::export::routes())
        .leptos_routes_with_context(
            &state,
            generate_route_list(App),
            context.clone(),
            move || shell(options.clone()),
        )
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            context, shell,
        ))
        .layer(middleware::from_fn_with_state(
            state.render_budget,
            retry_stalled_render,
        ))
        .layer(RequestBodyLimitLayer::new(MAX_FORM_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ));
    // Large files on slow connections take longer.
    let uploads = crate::admin::uploads::routes().layer(TimeoutLayer::with_status_code(
        StatusCode::REQUEST_TIMEOUT,
        UPLOAD_TIMEOUT,
    ));
    pages
        .merge(uploads)
        .layer(middleware::from_fn_with_state(
            state.services.clone(),
            super::staff_gate::staff_gate,
        ))
        .layer(middleware::from_fn(api_error_status))
        .layer(middleware::from_fn_with_state(trust, attach_shopper))
        .layer(session_layer(sessions, secure_cookies))
        .layer(middleware::from_fn_with_state(allowed, check_origin))
        // Outside the session: a cached page needs no session lookup.
        .layer(middleware::from_fn_with_state(
            state.page_cache.clone(),
            super::page_cache::serve_cached,
        ))
        .layer(middleware::from_fn(super::metrics::track))
        .layer(middleware::from_fn_with_state(
            Secure(secure_cookies),
            security_headers,
        ))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Gives a failed server function call the status its error deserves
/// (400, 404, 409…) instead of the blanket 500 that server functions answer
/// with. Form posts without JavaScript are redirects and pass untouched.
async fn api_error_status(request: Request, next: Next) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if !is_api || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}
