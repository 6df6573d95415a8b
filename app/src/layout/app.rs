use crate::accounts::{AccountPage, Notice, RegisterPage, SignInPage, UserState};
use crate::basket::{BasketPage, BasketState};
use crate::catalog::{CatalogListing, ProductPage, SearchPage};
use crate::checkout::CheckoutPage;
use crate::orders::{LinkedOrderPage, MyOrderPage, OrderHistoryPage};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    ParamSegment, SsrMode, StaticSegment,
    components::{Route, Router, Routes},
};

use super::NotFound;
use super::header::SiteHeader;

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let lang = crate::server_context::locale().code();
    #[cfg(not(feature = "ssr"))]
    let lang = crate::domain::Locale::DEFAULT.code();
    view! {
        <!DOCTYPE html>
        <html lang=lang>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <AutoReload options=options.clone()/>
                <super::hydration::Hydration options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    // Islands get their data as props, so nothing the server reads for a
    // page needs to travel with it for the browser to read again.
    #[cfg(feature = "ssr")]
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/store.css"/>
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml"/>
        <Title formatter=|title: String| {
            if title.is_empty() { "Ferrostore".to_owned() } else { format!("{title} · Ferrostore") }
        }/>
        <Meta name="description" content="Ferrostore: everyday goods, shipped fast."/>
        <Router>
            <StoreFrame/>
        </Router>
    }
}

/// Everything inside the router, which runs on the server only: pages render
/// fully before the response is sent (`SsrMode::Async`), so they work
/// without JavaScript, and their islands take over in the browser.
#[component]
fn StoreFrame() -> impl IntoView {
    BasketState::provide();
    UserState::provide();
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <SiteHeader/>
        <main id="main">
            <Notice/>
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=StaticSegment("") view=CatalogListing ssr=SsrMode::Async/>
                <Route
                    path=(StaticSegment("category"), ParamSegment("slug"))
                    view=CatalogListing
                    ssr=SsrMode::Async
                />
                <Route
                    path=(StaticSegment("product"), ParamSegment("slug"))
                    view=ProductPage
                    ssr=SsrMode::Async
                />
                <Route path=StaticSegment("search") view=SearchPage ssr=SsrMode::Async/>
                <Route path=StaticSegment("basket") view=BasketPage ssr=SsrMode::Async/>
                <Route path=StaticSegment("checkout") view=CheckoutPage ssr=SsrMode::Async/>
                <Route path=StaticSegment("account") view=AccountPage ssr=SsrMode::Async/>
                <Route
                    path=(StaticSegment("account"), StaticSegment("sign-in"))
                    view=SignInPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=(StaticSegment("account"), StaticSegment("register"))
                    view=RegisterPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=(StaticSegment("account"), StaticSegment("orders"))
                    view=OrderHistoryPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=(StaticSegment("account"), StaticSegment("orders"), ParamSegment("key"))
                    view=MyOrderPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=(StaticSegment("orders"), ParamSegment("key"))
                    view=LinkedOrderPage
                    ssr=SsrMode::Async
                />
                <crate::admin::AdminRoutes/>
            </Routes>
        </main>
        <footer class="site-footer">
            <p>"Ferrostore"</p>
        </footer>
    }
}
