//! The store's payment endpoints: processors' notifications, and the
//! shopper's return from a processor's page.
//!
//! A notification that verifies but names no payment this store knows is
//! answered 200 and ignored (it is logged), so a processor stops retrying
//! and the answer reveals nothing about which payments exist. One that
//! fails verification is answered 400.

use super::store::{PaymentError, PaymentStore};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

pub fn routes<S>(payments: PaymentStore) -> Router<S> {
    Router::new()
        .route("/payments/{provider}/notify", post(notify))
        .route("/payments/{provider}/return/{attempt}", get(returned))
        .with_state(payments)
}

fn answer(error: PaymentError) -> Response {
    use super::provider::ProviderError;
    match error {
        PaymentError::UnknownProvider => {
            (StatusCode::NOT_FOUND, "No such payment provider.").into_response()
        }
        PaymentError::Provider(ProviderError::Signature(e)) => {
            tracing::warn!(error = %e, "a payment notification failed verification");
            (StatusCode::BAD_REQUEST, "The signature does not verify.").into_response()
        }
        PaymentError::Provider(ProviderError::Unreadable(e)) => {
            tracing::warn!(error = %e, "a payment notification cannot be read");
            (StatusCode::BAD_REQUEST, "The notification cannot be read.").into_response()
        }
        PaymentError::NotPayable => (StatusCode::NOT_FOUND, "No such payment.").into_response(),
        other => {
            tracing::error!(error = %other, "payment processing failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "Please try again later.").into_response()
        }
    }
}

async fn notify(
    State(payments): State<PaymentStore>,
    Path(provider): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match payments
        .notify(&provider, &headers, &body, crate::basket::now())
        .await
    {
        Ok(_) => (StatusCode::OK, "ok").into_response(),
        Err(error) => answer(error),
    }
}

async fn returned(
    State(payments): State<PaymentStore>,
    Path((provider, attempt)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Response {
    let query = query.unwrap_or_default();
    match payments
        .returned(&provider, &attempt, &query, crate::basket::now())
        .await
    {
        Ok(url) => Redirect::to(&url).into_response(),
        Err(error) => answer(error),
    }
}
