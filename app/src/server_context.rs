//! Helpers for server functions: reach the services and report errors with
//! the right HTTP status.

use crate::error::AppError;
use crate::services::{Services, Shopper};
use leptos::prelude::*;

pub fn services() -> Result<Services, AppError> {
    use_context::<Services>().ok_or_else(|| {
        tracing::error!("services missing from the request context");
        AppError::Internal
    })
}

/// The shopper's session. The server attaches it to the request, so it is
/// found in the request parts of both page renders and server functions.
pub fn shopper() -> Result<Shopper, AppError> {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Shopper>().cloned())
        .ok_or_else(|| {
        tracing::error!("shopper session missing from the request context");
        AppError::Internal
    })
}

/// Gives an API error its status code. Plain HTML form posts are left alone:
/// they are answered with a redirect back to the form, carrying the error.
pub fn with_status<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(err) = &result {
        let is_form_post = use_context::<http::request::Parts>().is_some_and(|parts| {
            parts
                .headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"))
        });
        if !is_form_post {
            if let (Some(options), Ok(status)) = (
                use_context::<leptos_axum::ResponseOptions>(),
                http::StatusCode::from_u16(err.status()),
            ) {
                options.set_status(status);
            }
        }
    }
    result
}
