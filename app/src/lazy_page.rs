//! Admin pages load on first use. Each admin page's code is a separate WASM
//! chunk (built with `cargo leptos build --split`), so shoppers never
//! download the admin. Storefront pages stay in the main bundle: a shopper
//! needs the frame and the listing at once, and one file arrives faster over
//! a slow connection than the hundred small chunks a per-page split yields.

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
