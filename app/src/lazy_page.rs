//! Pages the browser loads on first use. Each page's code is a separate
//! WASM chunk (built with `cargo leptos build --split`), so a shopper
//! downloads the frame and the pages they visit, and never the admin. The
//! server renders the page as usual and names the chunks it needs in
//! `<link rel="preload">`, so they arrive alongside the main bundle.

/// `lazy_pages! { Route => Component, … }` declares, for each component
/// without props, a route view that loads it lazily.
macro_rules! lazy_pages {
    ($($route:ident => $page:ident),* $(,)?) => {$(
        pub struct $route;

        #[leptos_router::lazy_route]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> leptos::prelude::AnyView {
                use leptos::prelude::IntoAny;
                leptos::view! { <$page/> }.into_any()
            }
        }
    )*};
}
