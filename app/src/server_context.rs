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

/// Whether the request is a plain HTML form post (JavaScript off). The
/// browser is then sent back to the page, so a confirmation must travel
/// in the session; hydrated pages show the action's result themselves,
/// and a message left in the session would surface on a later page.
pub fn plain_form_post() -> bool {
    use_context::<http::request::Parts>()
        .and_then(|p| {
            p.headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(|accept| accept.contains("text/html"))
        })
        .unwrap_or(false)
}

/// Leaves `text` for the next page when the request is a plain form post
/// (see `plain_form_post`).
pub async fn confirm(text: &str) -> Result<(), AppError> {
    if plain_form_post() {
        shopper()?.0.set_notice(text).await?;
    }
    Ok(())
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
