//! The running offers on a product, as short tags on cards and pages.

use leptos::prelude::*;

#[component]
pub fn OfferTags(offers: Vec<String>) -> impl IntoView {
    (!offers.is_empty()).then(|| {
        let tags = offers
            .into_iter()
            .map(|text| view! { <li class="offer-tag">{text}</li> })
            .collect_view();
        view! { <ul class="offer-tags" aria-label="Offers">{tags}</ul> }
    })
}
