use super::NotFound;
use crate::error::AppError;
use leptos::prelude::*;

/// Shows a failed page load: unknown things get the 404 page, everything
/// else a short message.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(error.status()),
    ) {
        response.set_status(status);
    }
    match error {
        AppError::NotFound(message) => view! { <NotFound message/> }.into_any(),
        other => view! {
            <section class="load-error">
                <h1>"Sorry"</h1>
                <p role="alert">{other.to_string()}</p>
            </section>
        }
        .into_any(),
    }
}
