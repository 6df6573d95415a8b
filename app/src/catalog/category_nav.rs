use super::api::list_categories;
use leptos::prelude::*;

/// The category tree as an indented list; `current` is the browsed slug.
#[component]
pub fn CategoryNav(current: Signal<Option<String>>) -> impl IntoView {
    let categories = Resource::new(|| (), |_| list_categories());
    let items = move || {
        Suspend::new(async move {
            let current = current.get();
            categories
                .await
                .unwrap_or_default()
                .into_iter()
                .map(|c| {
                    let is_current = current.as_deref() == Some(c.slug.as_str());
                    view! {
                        <li class=format!("depth-{}", c.depth.min(3))>
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
    view! {
        <nav class="categories" aria-label="Categories">
            <h2>"Categories"</h2>
            <ul>
                <li><a href="/">"All products"</a></li>
                <Transition fallback=|| ()>{items}</Transition>
            </ul>
        </nav>
    }
}
