use super::types::CategoryLink;
use leptos::prelude::*;

/// Home › Parent › Category. The last crumb is the current page when
/// `current_is_last` is set, and a link otherwise.
#[component]
pub fn Breadcrumbs(trail: Vec<CategoryLink>, current_is_last: bool) -> impl IntoView {
    let count = trail.len();
    let crumbs = trail
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let current = current_is_last && i + 1 == count;
            view! {
                <li>
                    <a href=format!("/category/{}", c.slug) aria-current=current.then_some("page")>
                        {c.name}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="breadcrumb" aria-label="Breadcrumb">
            <ol>
                <li><a href="/">"Home"</a></li>
                {crumbs}
            </ol>
        </nav>
    }
}
