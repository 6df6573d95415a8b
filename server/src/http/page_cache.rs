//! A short-lived cache of the catalog pages anonymous shoppers see: the
//! listing, category, product and search pages of a visitor without a
//! session. Those pages are the same for every such visitor in one
//! language, so one render serves them all for a moment.
//!
//! - **Freshness:** an entry is served for `ttl` at most (two seconds by
//!   default), so stock levels and prices a shopper sees are at most that
//!   old; every decision that matters (adding, placing) is taken against
//!   the database. Catalog, stock and offer edits in this process drop
//!   every entry at once (the catalog and offer generations); other
//!   processes follow within `ttl`.
//! - **Nonces:** each answer gets a fresh CSP nonce: the cached page's
//!   nonce is replaced in the body, and the header layer reads the new one
//!   from the request's slot, as for a fresh render.
//! - **Who:** only GET requests without cookies other than the language
//!   choice. A visitor with a session (a basket, a sign-in, a notice) is
//!   always rendered for, and an answer that sets a cookie is never kept.
//! - **Memory:** entries are kept up to a byte budget; past it, expired
//!   entries go first, then everything.

use super::headers::NonceSlot;
use app::domain::Locale;
use app::server_context::LOCALE_COOKIE;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The largest page kept; anything bigger is rendered every time.
const MAX_PAGE_BYTES: usize = 512 * 1024;
/// No page comes near this; a body that does is a broken render.
const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

#[derive(Clone)]
pub struct PageCache {
    inner: Option<Arc<Inner>>,
}

struct Inner {
    ttl: Duration,
    budget: usize,
    entries: Mutex<Entries>,
}

#[derive(Default)]
struct Entries {
    map: HashMap<(String, &'static str), Entry>,
    bytes: usize,
}

struct Entry {
    at: Instant,
    generation: u64,
    nonce: String,
    headers: HeaderMap,
    body: Bytes,
}

impl PageCache {
    /// A cache keeping pages for `ttl` within `budget` bytes; a zero `ttl`
    /// turns it off.
    pub fn new(ttl: Duration, budget: usize) -> PageCache {
        PageCache {
            inner: (!ttl.is_zero()).then(|| {
                Arc::new(Inner {
                    ttl,
                    budget,
                    entries: Mutex::default(),
                })
            }),
        }
    }
}

/// The catalog pages: the listing, categories, products and search.
fn cacheable_path(path: &str) -> bool {
    path == "/"
        || path == "/search"
        || path.starts_with("/category/")
        || path.starts_with("/product/")
}

/// The visitor's language when the request may be answered from the cache:
/// a GET of a catalog page with no cookie but the language choice.
fn anonymous_locale(request: &Request) -> Option<&'static str> {
    if request.method() != Method::GET || !cacheable_path(request.uri().path()) {
        return None;
    }
    let headers = request.headers();
    let mut choice = None;
    for value in headers.get_all(header::COOKIE) {
        for pair in value.to_str().ok()?.split(';') {
            let (name, value) = pair.trim().split_once('=')?;
            if name != LOCALE_COOKIE {
                return None;
            }
            choice = Some(value);
        }
    }
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    Some(Locale::negotiate(choice, accept).code())
}

/// What invalidates every entry: catalog, stock, category and offer edits.
fn generation() -> u64 {
    crate::offers::generation()
}

fn fresh_nonce() -> String {
    leptos::nonce::Nonce::new().to_string()
}

pub async fn serve_cached(
    State(cache): State<PageCache>,
    request: Request,
    next: Next,
) -> Response {
    let (Some(inner), Some(locale)) = (cache.inner.as_ref(), anonymous_locale(&request)) else {
        return next.run(request).await;
    };
    let key = (
        request
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default(),
        locale,
    );
    let Some(slot) = request.extensions().get::<NonceSlot>().cloned() else {
        return next.run(request).await;
    };
    let generation = generation();
    if let Some(response) = inner.hit(&key, generation, &slot) {
        return response;
    }
    let response = next.run(request).await;
    inner.keep(key, generation, &slot, response).await
}

impl Inner {
    fn hit(
        &self,
        key: &(String, &'static str),
        generation: u64,
        slot: &NonceSlot,
    ) -> Option<Response> {
        let (headers, body, old) = {
            let entries = self.entries.lock().ok()?;
            let entry = entries.map.get(key)?;
            if entry.generation != generation || entry.at.elapsed() >= self.ttl {
                return None;
            }
            (
                entry.headers.clone(),
                entry.body.clone(),
                entry.nonce.clone(),
            )
        };
        let nonce = fresh_nonce();
        let page = std::str::from_utf8(&body).ok()?.replace(&old, &nonce);
        slot.0.set(nonce).ok()?;
        let mut response = Response::new(Body::from(page));
        *response.headers_mut() = headers;
        response
            .headers_mut()
            .insert("x-cache", axum::http::HeaderValue::from_static("hit"));
        Some(response)
    }

    /// Keeps a fresh render if it may be shared, and answers with it.
    async fn keep(
        &self,
        key: (String, &'static str),
        generation: u64,
        slot: &NonceSlot,
        response: Response,
    ) -> Response {
        let shareable = response.status() == StatusCode::OK
            && !response.headers().contains_key(header::SET_COOKIE)
            && response
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.starts_with("text/html"));
        let Some(nonce) = slot.0.get().filter(|_| shareable).cloned() else {
            return response;
        };
        let (parts, body) = response.into_parts();
        let body = match axum::body::to_bytes(body, MAX_BODY_BYTES).await {
            Ok(body) => body,
            Err(err) => {
                // The render failed mid-way: the visitor gets an error
                // rather than half a page.
                tracing::warn!(%err, "page not cached");
                return Response::builder()
                    .status(StatusCode::INTERNAL_SERVER_ERROR)
                    .body(Body::empty())
                    .unwrap_or_default();
            }
        };
        let mut headers = parts.headers.clone();
        headers.remove(header::CONTENT_LENGTH);
        if body.len() > MAX_PAGE_BYTES {
            return Response::from_parts(parts, Body::from(body));
        }
        if let Ok(mut entries) = self.entries.lock() {
            entries.insert(
                key,
                Entry {
                    at: Instant::now(),
                    generation,
                    nonce,
                    headers,
                    body: body.clone(),
                },
                self.budget,
                self.ttl,
            );
        }
        Response::from_parts(parts, Body::from(body))
    }
}

impl Entries {
    fn insert(&mut self, key: (String, &'static str), entry: Entry, budget: usize, ttl: Duration) {
        let size = key.0.len() + entry.body.len();
        if size > budget {
            return;
        }
        if self.bytes + size > budget {
            self.map.retain(|_, e| e.at.elapsed() < ttl);
            self.bytes = self.map.iter().map(|(k, e)| k.0.len() + e.body.len()).sum();
            if self.bytes + size > budget {
                self.map.clear();
                self.bytes = 0;
            }
        }
        if let Some(old) = self.map.insert(key.clone(), entry) {
            self.bytes -= key.0.len() + old.body.len();
        }
        self.bytes += size;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(path: &str, cookie: Option<&str>) -> Request {
        let mut builder = Request::builder().uri(path);
        if let Some(cookie) = cookie {
            builder = builder.header(header::COOKIE, cookie);
        }
        builder.body(Body::empty()).unwrap()
    }

    #[test]
    fn only_anonymous_catalog_pages_are_shared() {
        assert!(anonymous_locale(&get("/", None)).is_some());
        assert!(anonymous_locale(&get("/product/oak-chair?x=1", None)).is_some());
        assert!(anonymous_locale(&get("/search?q=oak", None)).is_some());
        assert!(anonymous_locale(&get("/category/garden", Some("store_locale=de"))).is_some());
        assert!(anonymous_locale(&get("/", Some("id=abc"))).is_none());
        assert!(anonymous_locale(&get("/", Some("store_locale=de; id=abc"))).is_none());
        assert!(anonymous_locale(&get("/basket", None)).is_none());
        assert!(anonymous_locale(&get("/admin", None)).is_none());
        let post = Request::builder()
            .method(Method::POST)
            .uri("/")
            .body(Body::empty())
            .unwrap();
        assert!(anonymous_locale(&post).is_none());
    }

    #[test]
    fn the_language_choice_is_part_of_the_key() {
        let de = anonymous_locale(&get("/", Some("store_locale=de"))).unwrap();
        let en = anonymous_locale(&get("/", None)).unwrap();
        assert_ne!(de, en);
    }

    #[test]
    fn the_budget_is_kept() {
        let mut entries = Entries::default();
        let entry = |n: usize| Entry {
            at: Instant::now(),
            generation: 0,
            nonce: String::new(),
            headers: HeaderMap::new(),
            body: Bytes::from(vec![b'x'; n]),
        };
        let ttl = Duration::from_secs(60);
        entries.insert(("/a".into(), "en"), entry(40), 100, ttl);
        entries.insert(("/b".into(), "en"), entry(40), 100, ttl);
        assert_eq!(entries.map.len(), 2);
        entries.insert(("/c".into(), "en"), entry(40), 100, ttl);
        assert_eq!(entries.map.len(), 1, "over budget, the older entries went");
        assert!(entries.bytes <= 100);
        entries.insert(("/c".into(), "en"), entry(10), 100, ttl);
        assert_eq!(entries.bytes, 12, "a replaced entry's bytes are given back");
        entries.insert(("/huge".into(), "en"), entry(500), 100, ttl);
        assert!(!entries.map.contains_key(&("/huge".to_owned(), "en")));
    }
}
