use super::api::{browse_catalog, list_categories};
use super::listing_grid::ListingGrid;
use super::types::{CategoryLink, ListingPage, SearchQuery, SortOrder};
use super::variant_picker::replace_query;
use crate::error::AppError;
use crate::layout::ErrorNotice;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{Element, FormData, HtmlFormElement};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use std::time::Duration;

/// How long typing must pause before results follow it.
const TYPING_PAUSE: Duration = Duration::from_millis(250);

/// Search with filters. The form is a plain GET; in the browser, results
/// follow it as the shopper types.
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
                view! {
                    <div class="search">
                        <SearchFilters initial=initial.clone() categories/>
                        <SearchResults initial results/>
                    </div>
                }
            })}
        </Suspense>
    }
}

/// The search form: a plain GET, with the same fields in every browser.
#[component]
fn SearchFilters(initial: SearchQuery, categories: Vec<CategoryLink>) -> impl IntoView {
    let category_options = categories
        .into_iter()
        .map(|c| {
            let is_selected = initial.category.as_deref() == Some(c.slug.as_str());
            let name = format!("{}{}", "– ".repeat(c.depth as usize), c.name);
            view! { <option value=c.slug selected=is_selected>{name}</option> }
        })
        .collect_view();
    view! {
        <form id=FORM_ID class="search-form" method="get" action="/search" role="search">
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
    }
}

const FORM_ID: &str = "search-form";

/// The search form, when an event came from it.
fn search_form_of(ev: &leptos::web_sys::Event) -> Option<HtmlFormElement> {
    let field = ev.target()?.dyn_into::<Element>().ok()?;
    field
        .closest(&format!("#{FORM_ID}"))
        .ok()??
        .dyn_into::<HtmlFormElement>()
        .ok()
}

/// The results, as an island: they follow the form (server HTML beside
/// it) as the shopper types, and the address follows, so a reload shows
/// the same.
#[island(lazy)]
fn SearchResults(initial: SearchQuery, results: Result<ListingPage, AppError>) -> impl IntoView {
    let shown = RwSignal::new((initial.clone(), results));
    // The newest query asked for; answers to older ones are dropped.
    let latest = StoredValue::new(initial);
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
    let follow_form = move |form: HtmlFormElement, delay: Duration| {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let go = move || {
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
    let _ = window_event_listener(leptos::ev::input, move |ev| {
        if let Some(form) = search_form_of(&ev) {
            follow_form(form, TYPING_PAUSE);
        }
    });
    let _ = window_event_listener(leptos::ev::submit, move |ev| {
        if let Some(form) = search_form_of(&ev) {
            ev.prevent_default();
            follow_form(form, Duration::ZERO);
        }
    });
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
    view! { <section class="listing" aria-label="Search results">{grid}</section> }
}
