//! Cross-site request forgery defence: state-changing requests must come
//! from this store's own pages.

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

#[derive(Clone, Default)]
pub struct AllowedOrigins(pub Arc<Vec<String>>);

/// `scheme://host:port` of a full address.
fn origin_of(url: &str) -> &str {
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            &url[..scheme.len() + 3 + end]
        }
        None => url,
    }
}

fn authority(origin: &str) -> Option<&str> {
    origin
        .split_once("://")
        .map(|(_, rest)| rest.trim_end_matches('/'))
}

/// Browsers send `Origin` on every POST. A request whose origin is neither
/// this host nor an allowed origin is refused. Without `Origin`, the
/// `Referer` decides the same way; requests with neither (webhooks and
/// other non-browser clients, which are signed) are refused only if
/// `Sec-Fetch-Site` says cross-site.
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
    let referer = headers.get(header::REFERER).and_then(|h| h.to_str().ok());
    let fetch_site = headers.get("sec-fetch-site").and_then(|h| h.to_str().ok());
    let ours = |origin: &str| {
        allowed
            .0
            .iter()
            .any(|a| a.trim_end_matches('/') == origin.trim_end_matches('/'))
            || (host.is_some() && authority(origin) == host)
    };
    let same_origin = match (origin, referer) {
        (Some(origin), _) => ours(origin),
        (None, Some(referer)) => ours(origin_of(referer)),
        (None, None) => !matches!(fetch_site, Some("cross-site") | Some("same-site")),
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

#[cfg(test)]
mod tests {
    use super::origin_of;

    #[test]
    fn the_origin_of_a_referer_is_its_scheme_host_and_port() {
        assert_eq!(
            origin_of("https://shop.example:8443/checkout?x=1"),
            "https://shop.example:8443"
        );
        assert_eq!(origin_of("http://127.0.0.1:3000"), "http://127.0.0.1:3000");
        assert_eq!(
            origin_of("https://evil.example#/shop.example"),
            "https://evil.example"
        );
        assert_eq!(origin_of("not a url"), "not a url");
    }
}
