use super::api::{browse_catalog, list_categories};
use super::listing_grid::ListingGrid;
use super::types::{CategoryLink, ListingPage, SearchQuery, SortOrder};
use super::variant_picker::replace_query;
use crate::error::AppError;
use crate::layout::ErrorNotice;
use leptos::prelude::*;
use leptos::web_sys::FormData;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use std::time::Duration;

/// How long typing must pause before results follow it.
const TYPING_PAUSE: Duration = Duration::from_millis(250);

/// Search with filters. Without JavaScript the form is a plain GET; in the
/// browser, results follow the form as the shopper types.
#[component]
pub fn SearchPage() -> impl IntoView {
    let query =
        use_query_map().with_untracked(|params| SearchQuery::from_params(|key| params.get(key)));
    let found = Resource::new(
        move || (),
        move |_| {
            let query = query.clone();
            async move {
                (
                    list_categories().await.unwrap_or_default(),
                    browse_catalog(query.clone()).await,
                    query,
                )
            }
        },
    );
    view! {
        <Title text="Search"/>
        <Suspense fallback=|| view! { <p>"Searching…"</p> }>
            {move || Suspend::new(async move {
                let (categories, results, initial) = found.await;
                view! { <SearchForm initial categories results/> }
            })}
        </Suspense>
    }
}

/// The form and its results, as one island: results are fetched as the
/// shopper types and the address follows, so a reload shows the same.
#[island(lazy)]
fn SearchForm(
    initial: SearchQuery,
    categories: Vec<CategoryLink>,
    results: Result<ListingPage, AppError>,
) -> impl IntoView {
    let form = NodeRef::<leptos::html::Form>::new();
    let shown = RwSignal::new((initial.clone(), results));
    // The newest query asked for; answers to older ones are dropped.
    let latest = StoredValue::new(initial.clone());
    let search = Action::new(|wanted: &SearchQuery| {
        let wanted = wanted.clone();
        async move { (wanted.clone(), browse_catalog(wanted).await) }
    });
    Effect::new(move |_| {
        if let Some(answer) = search.value().get()
            && latest.with_value(|l| *l == answer.0)
        {
            shown.set(answer);
        }
    });
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let follow_form = move |delay: Duration| {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let go = move || {
            let Some(form) = form.get_untracked() else {
                return;
            };
            let Ok(data) = FormData::new_with_form(&form) else {
                return;
            };
            let wanted = SearchQuery::from_params(|key| data.get(key).as_string());
            if latest.with_value(|l| *l == wanted) {
                return;
            }
            replace_query(&format!("/search?{}", wanted.to_params(1)));
            latest.set_value(wanted.clone());
            search.dispatch(wanted);
        };
        pending.set_value(set_timeout_with_handle(go, delay).ok());
    };
    let on_input = move |_| follow_form(TYPING_PAUSE);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        follow_form(Duration::ZERO);
    };

    let grid = move || {
        let (query, results) = shown.get();
        match results {
            Ok(page) => view! {
                <ListingGrid page href=move |n| format!("/search?{}", query.to_params(n))/>
            }
            .into_any(),
            Err(error) => view! { <ErrorNotice error/> }.into_any(),
        }
    };
    let category_options = categories
        .into_iter()
        .map(|c| {
            let is_selected = initial.category.as_deref() == Some(c.slug.as_str());
            let name = format!("{}{}", "– ".repeat(c.depth as usize), c.name);
            view! { <option value=c.slug selected=is_selected>{name}</option> }
        })
        .collect_view();
    view! {
        <div class="search">
            <form
                class="search-form"
                method="get"
                action="/search"
                role="search"
                node_ref=form
                on:input=on_input
                on:submit=on_submit
            >
                <h1>"Search"</h1>
                <label for="q">"Search products"</label>
                <input
                    id="q"
                    name="q"
                    type="search"
                    maxlength="200"
                    autocomplete="off"
                    value=initial.text.clone()
                />
                <label for="category">"Category"</label>
                <select id="category" name="category">
                    <option value="">"All categories"</option>
                    {category_options}
                </select>
                <label for="min">"Minimum price"</label>
                <input id="min" name="min" inputmode="decimal" value=initial.min_price.clone()/>
                <label for="max">"Maximum price"</label>
                <input id="max" name="max" inputmode="decimal" value=initial.max_price.clone()/>
                <label class="check">
                    <input type="checkbox" name="in_stock" value="1" checked=initial.in_stock/>
                    "In stock only"
                </label>
                <label for="sort">"Sort by"</label>
                <select id="sort" name="sort">
                    {SortOrder::ALL
                        .into_iter()
                        .map(|s| {
                            view! {
                                <option value=s.code() selected=s == initial.sort>
                                    {s.label()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <button type="submit" class="button button--primary">"Search"</button>
            </form>
            <section class="listing" aria-label="Search results">{grid}</section>
        </div>
    }
}
