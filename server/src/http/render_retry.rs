//! A page render that stalls is abandoned and run again.
//!
//! Leptos sends a page (`SsrMode::Async`) only when every `<Suspense>` and
//! `<Transition>` on it has resolved. Occasionally a boundary misses the
//! wake-up from a resource that has already finished loading: the data is
//! there, nothing is busy, and the render waits until the request timeout.
//! It has been seen with several stores rendering in one process (the
//! integration tests start many); one store under load has not shown it.
//! A page render only reads, so a render that has not finished within its
//! budget is dropped and started over, at most `ATTEMPTS` times in all. A
//! healthy render pays nothing; a stalled one costs the shopper a few
//! seconds instead of a hung page. Every retry is logged and counted in
//! `page_render_retries_total`.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use std::time::Duration;

/// How long a render may take before it counts as stalled
/// (`STORE_RENDER_BUDGET_MS`). A healthy page renders in milliseconds; the
/// default of 3 s leaves room for a loaded machine.
#[derive(Clone, Copy, Debug)]
pub struct RenderBudget(pub Duration);

/// Renders of one request, the first included. Bounded, so an overloaded
/// server whose renders are merely slow does at most this much extra work.
const ATTEMPTS: u32 = 3;

pub async fn retry_stalled_render(
    State(budget): State<RenderBudget>,
    request: Request,
    next: Next,
) -> Response {
    // Only reads are safe to run twice; server functions and form posts
    // change things and run exactly once.
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let mut body = Some(body);
    for attempt in 1..ATTEMPTS {
        // A GET's body carries nothing; only the first attempt has it.
        let body = body.take().unwrap_or_else(Body::empty);
        let render = next.clone().run(Request::from_parts(parts.clone(), body));
        match tokio::time::timeout(budget.0, render).await {
            Ok(response) => return response,
            Err(_) => {
                tracing::warn!(
                    path = parts.uri.path(),
                    attempt,
                    budget_ms = budget.0.as_millis() as u64,
                    "page render stalled; rendering it again"
                );
                metrics::counter!("page_render_retries_total").increment(1);
            }
        }
    }
    // The last attempt is left to the request timeout.
    next.run(Request::from_parts(parts, body.unwrap_or_else(Body::empty)))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::Router;
    use axum::http::StatusCode;
    use axum::middleware::from_fn_with_state;
    use axum::routing::get;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tower::ServiceExt;

    /// A route whose first `stalls` calls never finish, as a stalled
    /// render does.
    fn stalls_first(stalls: usize, calls: Arc<AtomicUsize>) -> Router {
        let handler = move || {
            let calls = calls.clone();
            async move {
                if calls.fetch_add(1, Ordering::SeqCst) < stalls {
                    std::future::pending::<()>().await;
                }
                "rendered"
            }
        };
        Router::new()
            .route("/page", get(handler.clone()).post(handler))
            .layer(from_fn_with_state(
                RenderBudget(Duration::from_millis(200)),
                retry_stalled_render,
            ))
    }

    /// GETs the page from a route that stalls `stalls` times: the body
    /// and how many renders were started.
    async fn get_page(stalls: usize) -> (String, usize) {
        let calls = Arc::new(AtomicUsize::new(0));
        let response = stalls_first(stalls, calls.clone())
            .oneshot(Request::get("/page").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let body = axum::body::to_bytes(response.into_body(), 1024)
            .await
            .unwrap();
        (
            String::from_utf8_lossy(&body).into_owned(),
            calls.load(Ordering::SeqCst),
        )
    }

    #[tokio::test]
    async fn a_stalled_page_render_is_run_again() {
        assert_eq!(get_page(2).await, ("rendered".to_owned(), 3));
    }

    #[tokio::test]
    async fn a_healthy_render_runs_once() {
        assert_eq!(get_page(0).await, ("rendered".to_owned(), 1));
    }

    #[tokio::test]
    async fn a_change_is_never_run_twice() {
        let calls = Arc::new(AtomicUsize::new(0));
        let answer = tokio::time::timeout(
            Duration::from_secs(1),
            stalls_first(1, calls.clone())
                .oneshot(Request::post("/page").body(Body::empty()).unwrap()),
        )
        .await;
        assert!(answer.is_err(), "the post is left to the request timeout");
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }
}
