use super::language_switch::LanguageSwitch;
use crate::accounts::UserState;
use crate::basket::{BasketState, link_text};
use leptos::prelude::*;

#[component]
pub fn SiteHeader() -> impl IntoView {
    let basket = BasketState::expect();
    let count = move || {
        Suspend::new(async move {
            let items = basket
                .resource
                .await
                .map(|b| b.totals.item_count)
                .unwrap_or(0);
            link_text(items)
        })
    };
    let user = UserState::expect();
    let account = move || {
        Suspend::new(async move {
            match user.resource.await {
                Ok(Some(_)) => view! { <a href="/account">"Your account"</a> }.into_any(),
                _ => view! { <a href="/account/sign-in">"Sign in"</a> }.into_any(),
            }
        })
    };
    view! {
        <header class="site-header">
            <a class="brand" href="/">"Ferrostore"</a>
            <form class="site-search" method="get" action="/search" role="search">
                <label class="visually-hidden" for="site-search">"Search the store"</label>
                <input id="site-search" name="q" type="search" maxlength="200" placeholder="Search…"/>
                <button type="submit" class="button">"Go"</button>
            </form>
            <nav aria-label="Shop">
                <a class="basket-link" href="/basket">
                    <Suspense fallback=|| "Basket">{count}</Suspense>
                </a>
                <Transition fallback=|| ()>{account}</Transition>
            </nav>
            <LanguageSwitch/>
        </header>
    }
}
