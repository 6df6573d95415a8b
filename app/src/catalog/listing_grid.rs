use super::pagination::Pagination;
use super::product_card::ProductCardView;
use super::types::ListingPage;
use leptos::prelude::*;

/// Cards in the widest grid's first row.
const FIRST_ROW: usize = 4;

/// Result count, product cards and pagination; `href` builds page links.
#[component]
pub fn ListingGrid(page: ListingPage, href: impl Fn(u32) -> String) -> impl IntoView {
    let empty = page.products.is_empty().then(|| {
        if page.page > 1 {
            "There are no products on this page."
        } else {
            "No products match."
        }
    });
    let count = match page.total {
        1 => "1 product".to_owned(),
        n => format!("{n} products"),
    };
    // The first row is on screen at once: its pictures load eagerly.
    let cards = page
        .products
        .into_iter()
        .enumerate()
        .map(|(i, product)| view! { <ProductCardView product first_row=i < FIRST_ROW/> })
        .collect_view();
    view! {
        <p class="result-count" role="status">{count}</p>
        {empty.map(|text| view! { <p class="empty">{text}</p> })}
        <ul class="product-grid">{cards}</ul>
        <Pagination page=page.page page_count=page.page_count href/>
    }
}
