use crate::accounts::{AccountPage, Notice, RegisterPage, SignInPage, UserState};
use crate::basket::{BasketPage, BasketState};
use crate::catalog::{CatalogListing, ProductPage, SearchPage};
use crate::checkout::CheckoutPage;
use crate::orders::{LinkedOrderPage, MyOrderPage, OrderHistoryPage};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    Lazy, ParamSegment, SsrMode, StaticSegment,
    components::{Route, Router, Routes},
};

use super::NotFound;
use super::header::SiteHeader;

// The shopping path (catalog, basket, checkout) is in the main bundle: it is
// where shoppers land, and its pages take over at once when opened. The
// account and order pages load on first use. Split out as well, basket and
// checkout hydrated after dozens of chunk loads, in one long task: their
// blocking time grew two- to fourfold.
lazy_pages! {
    AccountPageRoute => AccountPage,
    SignInPageRoute => SignInPage,
    RegisterPageRoute => RegisterPage,
    OrderHistoryPageRoute => OrderHistoryPage,
    MyOrderPageRoute => MyOrderPage,
    LinkedOrderPageRoute => LinkedOrderPage,
}

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
    provide_meta_context();
    super::redirects::install_redirect_hook();
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

/// Everything inside the router. Pages render fully on the server before the
/// response is sent (`SsrMode::Async`), so they work without JavaScript.
#[component]
fn StoreFrame() -> impl IntoView {
    BasketState::provide();
    UserState::provide();
    super::redirects::remember_router();
    // Effects run only in the browser: this marks the moment the WASM app has
    // taken over the server-rendered page (used by tests and by styles).
    Effect::new(|_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "");
        }
    });
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
                <Route path=StaticSegment("account") view={Lazy::<AccountPageRoute>::new()} ssr=SsrMode::Async/>
                <Route
                    path=(StaticSegment("account"), StaticSegment("sign-in"))
                    view={Lazy::<SignInPageRoute>::new()}
                    ssr=SsrMode::Async
                />
                <Route
                    path=(StaticSegment("account"), StaticSegment("register"))
                    view={Lazy::<RegisterPageRoute>::new()}
                    ssr=SsrMode::Async
                />
                <Route
                    path=(StaticSegment("account"), StaticSegment("orders"))
                    view={Lazy::<OrderHistoryPageRoute>::new()}
                    ssr=SsrMode::Async
                />
                <Route
                    path=(StaticSegment("account"), StaticSegment("orders"), ParamSegment("key"))
                    view={Lazy::<MyOrderPageRoute>::new()}
                    ssr=SsrMode::Async
                />
                <Route
                    path=(StaticSegment("orders"), ParamSegment("key"))
                    view={Lazy::<LinkedOrderPageRoute>::new()}
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
