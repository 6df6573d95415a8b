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

/// The shopper's language: their choice (the `store_locale` cookie), then
/// the browser's `Accept-Language`, then the store default.
pub fn locale() -> crate::domain::Locale {
    let parts = use_context::<http::request::Parts>();
    let header = |name: http::header::HeaderName| {
        parts
            .as_ref()
            .and_then(|p| p.headers.get(name))
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let choice = header(http::header::COOKIE).and_then(|cookies| {
        cookies
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == LOCALE_COOKIE)
            .map(|(_, value)| value.to_owned())
    });
    crate::domain::Locale::negotiate(
        choice.as_deref(),
        header(http::header::ACCEPT_LANGUAGE).as_deref(),
    )
}

pub const LOCALE_COOKIE: &str = "store_locale";
