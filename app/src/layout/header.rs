use crate::basket::BasketState;
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
            format!("Basket ({items})")
        })
    };
    view! {
        <header class="site-header">
            <a class="brand" href="/">"Ferrostore"</a>
            <nav aria-label="Shop">
                <a class="basket-link" href="/basket">
                    <Transition fallback=|| "Basket">{count}</Transition>
                </a>
            </nav>
        </header>
    }
}
