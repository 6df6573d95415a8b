use super::api::{list_categories, product_listing};
use super::pagination::Pagination;
use super::product_card::ProductCardView;
use super::types::ListingPage;
use crate::layout::ErrorNotice;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The home page and every category page: a paginated product grid.
#[component]
pub fn CatalogListing() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let category = move || params.read().get("slug");
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(1)
            .max(1)
    };
    let listing = Resource::new(move || (category(), page()), |(c, p)| product_listing(c, p));
    let categories = Resource::new(|| (), |_| list_categories());

    let nav = move || {
        Suspend::new(async move {
            let current = category();
            categories
                .await
                .unwrap_or_default()
                .into_iter()
                .map(|c| {
                    let is_current = current.as_deref() == Some(c.slug.as_str());
                    view! {
                        <li>
                            <a
                                href=format!("/category/{}", c.slug)
                                aria-current=is_current.then_some("page")
                            >
                                {c.name}
                            </a>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let grid = move || {
        Suspend::new(async move {
            match listing.await {
                Ok(page) => view! { <ListingGrid page/> }.into_any(),
                Err(error) => view! { <ErrorNotice error/> }.into_any(),
            }
        })
    };
    view! {
        <div class="catalog">
            <nav class="categories" aria-label="Categories">
                <h2>"Categories"</h2>
                <ul>
                    <li><a href="/">"All products"</a></li>
                    <Transition fallback=|| ()>{nav}</Transition>
                </ul>
            </nav>
            <section class="listing">
                <Transition fallback=|| view! { <p>"Loading products…"</p> }>{grid}</Transition>
            </section>
        </div>
    }
}

#[component]
fn ListingGrid(page: ListingPage) -> impl IntoView {
    let heading = page
        .category
        .as_ref()
        .map(|c| c.name.clone())
        .unwrap_or_else(|| "All products".to_owned());
    let base = page
        .category
        .as_ref()
        .map(|c| format!("/category/{}", c.slug))
        .unwrap_or_else(|| "/".to_owned());
    let title = if page.page > 1 {
        format!("{heading} – page {}", page.page)
    } else {
        heading.clone()
    };
    let is_empty = page.products.is_empty();
    let cards = page
        .products
        .into_iter()
        .map(|product| view! { <ProductCardView product/> })
        .collect_view();
    view! {
        <Title text=title/>
        <h1>{heading}</h1>
        <p class="result-count">{format!("{} products", page.total)}</p>
        {is_empty.then(|| view! { <p class="empty">"There are no products on this page."</p> })}
        <ul class="product-grid">{cards}</ul>
        <Pagination base page=page.page page_count=page.page_count/>
    }
}
