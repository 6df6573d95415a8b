//! Security headers on every response. Rendered pages get a
//! Content-Security-Policy naming the render's nonce: every inline script a
//! page needs (the hydration loader and the data of resolved resources)
//! carries it, nothing else inline may run, scripts and the admin page chunks
//! of the WASM bundle load only from the store, styles come only from the
//! store, and no other site may frame the page. Everything else (server function answers, files, redirects, the small
//! pages the server writes by hand) gets a policy that allows no scripts
//! at all, only the store's own styles and pictures.

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::{Arc, OnceLock};

const NOT_A_PAGE: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'";

/// The policy for a page rendered with `nonce`.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; \
         frame-ancestors 'none'"
    )
}

/// Whether the store runs behind HTTPS, so browsers must keep to it.
#[derive(Clone, Copy)]
pub struct Secure(pub bool);

/// Where a page render leaves its nonce for this layer, which sets the
/// page's policy from it on the way out.
#[derive(Clone, Default)]
pub struct NonceSlot(pub Arc<OnceLock<String>>);

/// Called in every render's context: hands the render's nonce to the
/// layer through the request the render was given.
pub fn share_nonce() {
    use leptos::prelude::use_context;
    let parts = use_context::<axum::http::request::Parts>();
    if let (Some(nonce), Some(slot)) = (
        leptos::nonce::use_nonce(),
        parts.as_ref().and_then(|p| p.extensions.get::<NonceSlot>()),
    ) {
        let _ = slot.0.set(nonce.to_string());
    }
}

pub async fn security_headers(
    State(secure): State<Secure>,
    mut request: Request,
    next: Next,
) -> Response {
    let slot = NonceSlot::default();
    request.extensions_mut().insert(slot.clone());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let is_page = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if let (true, false, Some(nonce)) = (
        is_page,
        headers.contains_key(header::CONTENT_SECURITY_POLICY),
        slot.0.get(),
    ) {
        if let Ok(value) = HeaderValue::from_str(&page_policy(nonce)) {
            headers.insert(header::CONTENT_SECURITY_POLICY, value);
        }
    }
    let mut set = |name: HeaderName, value: &'static str| {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    };
    set(header::CONTENT_SECURITY_POLICY, NOT_A_PAGE);
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::REFERRER_POLICY, "strict-origin-when-cross-origin");
    set(header::X_FRAME_OPTIONS, "DENY");
    if secure.0 {
        set(
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_nonce_runs_inline_and_nothing_frames_the_page() {
        let policy = page_policy("abc123");
        assert!(policy.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval'"));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(!policy.contains("unsafe-inline"));
        assert!(!NOT_A_PAGE.contains("script"));
    }
}
