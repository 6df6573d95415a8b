use super::types::BasketChange;
use crate::error::AppError;
use leptos::prelude::*;

/// The outcome of a basket action: a polite status on success, an alert on
/// failure. With JavaScript off only failures come back (in the URL).
#[component]
pub fn ActionFeedback(
    #[prop(into)] value: Signal<Option<Result<BasketChange, AppError>>>,
) -> impl IntoView {
    move || match value.get() {
        Some(Ok(change)) => {
            view! { <p role="status" class="notice notice--ok">{change.message}</p> }.into_any()
        }
        Some(Err(error)) => {
            view! { <p role="alert" class="notice notice--error">{error.to_string()}</p> }
                .into_any()
        }
        None => ().into_any(),
    }
}
