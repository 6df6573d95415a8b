//! How server functions reach the backend: services from context, the
//! shopper's session from the request.

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
