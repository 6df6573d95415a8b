//! Account and order pages, and every admin page, load on first use: each
//! one's code is a separate set of WASM chunks (built with `cargo leptos
//! build --split`), so shoppers never download the admin, and the shopping
//! path (catalog, basket, checkout) is the main bundle alone. A page landed
//! on directly is server-rendered and works before its chunks arrive, since
//! every form also works as a plain post.

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
