use super::api::{browse_catalog, list_categories};
use super::listing_grid::ListingGrid;
use super::types::{SearchQuery, SortOrder};
use crate::layout::ErrorNotice;
use leptos::prelude::*;
use leptos::web_sys::FormData;
use leptos_meta::Title;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use std::time::Duration;

/// How long typing must pause before results follow it.
const TYPING_PAUSE: Duration = Duration::from_millis(250);

/// Search with filters. Without JavaScript the form is a plain GET; in the
/// browser, results follow the form as the shopper types.
#[component]
pub fn SearchPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| {
        let params = params.read();
        SearchQuery::from_params(|key| params.get(key))
    });
    let results = Resource::new(move || query.get(), browse_catalog);
    let form = NodeRef::<leptos::html::Form>::new();
    let navigate = use_navigate();
    let pending = StoredValue::new(None::<TimeoutHandle>);

    let follow_form = move |delay: Duration| {
        let navigate = navigate.clone();
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
            let field = |key: &str| data.get(key).as_string();
            let wanted = SearchQuery::from_params(field);
            navigate(
                &format!("/search?{}", wanted.to_params(1)),
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            );
        };
        pending.set_value(set_timeout_with_handle(go, delay).ok());
    };
    let on_input = {
        let follow_form = follow_form.clone();
        move |_| follow_form(TYPING_PAUSE)
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        follow_form(Duration::ZERO);
    };

    let initial = query.get_untracked();
    let grid = move || {
        Suspend::new(async move {
            let shown = query.get();
            match results.await {
                Ok(page) => view! {
                    <ListingGrid page href=move |n| format!("/search?{}", shown.to_params(n))/>
                }
                .into_any(),
                Err(error) => view! { <ErrorNotice error/> }.into_any(),
            }
        })
    };
    view! {
        <Title text="Search"/>
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
                <CategorySelect selected=initial.category.clone()/>
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
            <section class="listing" aria-label="Search results">
                <Transition fallback=|| view! { <p>"Searching…"</p> }>{grid}</Transition>
            </section>
        </div>
    }
}

#[component]
fn CategorySelect(selected: Option<String>) -> impl IntoView {
    let categories = Resource::new(|| (), |_| list_categories());
    let options = move || {
        let selected = selected.clone();
        Suspend::new(async move {
            categories
                .await
                .unwrap_or_default()
                .into_iter()
                .map(|c| {
                    let is_selected = selected.as_deref() == Some(c.slug.as_str());
                    let name = format!("{}{}", "– ".repeat(c.depth as usize), c.name);
                    view! { <option value=c.slug selected=is_selected>{name}</option> }
                })
                .collect_view()
        })
    };
    view! {
        <label for="category">"Category"</label>
        <select id="category" name="category">
            <option value="">"All categories"</option>
            <Transition fallback=|| ()>{options}</Transition>
        </select>
    }
}
