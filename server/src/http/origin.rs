//! Cross-site request forgery defence: state-changing requests must come
//! from this store's own pages.

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

#[derive(Clone, Default)]
pub struct AllowedOrigins(pub Arc<Vec<String>>);

fn authority(origin: &str) -> Option<&str> {
    origin
        .split_once("://")
        .map(|(_, rest)| rest.trim_end_matches('/'))
}

/// Browsers send `Origin` on every POST. A request whose origin is neither
/// this host nor an allowed origin is refused. Requests without `Origin`
/// (non-browser clients) are refused only if `Sec-Fetch-Site` says cross-site.
pub async fn check_origin(
    State(allowed): State<AllowedOrigins>,
    request: Request,
    next: Next,
) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|h| h.to_str().ok());
    let fetch_site = headers.get("sec-fetch-site").and_then(|h| h.to_str().ok());
    let same_origin = match origin {
        Some(origin) => {
            allowed
                .0
                .iter()
                .any(|a| a.trim_end_matches('/') == origin.trim_end_matches('/'))
                || (host.is_some() && authority(origin) == host)
        }
        None => !matches!(fetch_site, Some("cross-site") | Some("same-site")),
    };
    if same_origin {
        next.run(request).await
    } else {
        tracing::warn!(?origin, ?host, "refused cross-origin request");
        (
            StatusCode::FORBIDDEN,
            "Cross-origin requests are not allowed.",
        )
            .into_response()
    }
}
