use leptos::prelude::*;
use leptos_meta::Title;

/// The 404 page. On the server it also sets the status code.
#[component]
pub fn NotFound(#[prop(optional, into)] message: Option<String>) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let message = message.unwrap_or_else(|| "We could not find the page you asked for.".to_owned());
    view! {
        <Title text="Page not found"/>
        <section class="not-found">
            <h1>"Page not found"</h1>
            <p>{message}</p>
            <p><a href="/">"Back to the shop"</a></p>
        </section>
    }
}
