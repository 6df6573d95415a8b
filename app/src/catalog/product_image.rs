use super::types::ImageView;
use leptos::prelude::*;

/// The small rendition, sized up front so the layout does not shift.
/// Pictures further down load when they are scrolled to; `eager` ones (on
/// screen at once) load with the page.
#[component]
pub fn Thumbnail(image: ImageView, #[prop(optional)] eager: bool) -> impl IntoView {
    view! {
        <img
            src=image.small_url
            width=image.small_width
            height=image.small_height
            alt=image.alt
            loading=if eager { "eager" } else { "lazy" }
            fetchpriority=eager.then_some("high")
            decoding="async"
        />
    }
}

/// Stands in for a product without images: its initials on a quiet tile.
#[component]
pub fn ImagePlaceholder(title: String) -> impl IntoView {
    let initials: String = title
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphanumeric())
        .take(2)
        .collect::<String>();
    let initials = upper_case(&initials);
    view! {
        <span class="image-placeholder" role="img" aria-label=format!("No picture of {title} yet")>
            {initials}
        </span>
    }
}

/// Unicode upper case. In the browser the engine's own mapping is used:
/// Rust's would bring its case tables into every island's download.
fn upper_case(text: &str) -> String {
    #[cfg(feature = "hydrate")]
    {
        leptos::web_sys::js_sys::JsString::from(text)
            .to_upper_case()
            .into()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        text.to_uppercase()
    }
}
