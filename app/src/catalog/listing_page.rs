use super::api::browse_catalog;
use super::breadcrumbs::Breadcrumbs;
use super::category_nav::CategoryNav;
use super::listing_grid::ListingGrid;
use super::types::{ListingPage, SearchQuery};
use crate::layout::ErrorNotice;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The home page and every category page: a paginated product grid.
#[component]
pub fn CatalogListing() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let category = Signal::derive(move || params.read().get("slug"));
    let request = move || SearchQuery {
        category: category.get(),
        page: query
            .read()
            .get("page")
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(1)
            .max(1),
        ..SearchQuery::default()
    };
    let listing = Resource::new(request, browse_catalog);
    let grid = move || {
        Suspend::new(async move {
            match listing.await {
                Ok(page) => view! { <CategoryPage page/> }.into_any(),
                Err(error) => view! { <ErrorNotice error/> }.into_any(),
            }
        })
    };
    view! {
        <div class="catalog">
            <CategoryNav current=category/>
            <section class="listing">
                <Transition fallback=|| view! { <p>"Loading products…"</p> }>{grid}</Transition>
            </section>
        </div>
    }
}

#[component]
fn CategoryPage(page: ListingPage) -> impl IntoView {
    let category = page.category().cloned();
    let heading = category
        .as_ref()
        .map(|c| c.name.clone())
        .unwrap_or_else(|| "All products".to_owned());
    let base = category
        .as_ref()
        .map(|c| format!("/category/{}", c.slug))
        .unwrap_or_else(|| "/".to_owned());
    let title = if page.page > 1 {
        format!("{heading} – page {}", page.page)
    } else {
        heading.clone()
    };
    let trail = page.breadcrumbs.clone();
    let href = move |n: u32| {
        if n <= 1 {
            base.clone()
        } else {
            format!("{base}?page={n}")
        }
    };
    view! {
        <Title text=title/>
        {category.is_some().then(|| view! { <Breadcrumbs trail current_is_last=true/> })}
        <h1>{heading}</h1>
        <ListingGrid page href/>
    }
}
