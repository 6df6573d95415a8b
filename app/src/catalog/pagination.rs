use leptos::prelude::*;

/// Previous/next links; `href` builds the address of a page.
#[component]
pub fn Pagination(page: u32, page_count: u32, href: impl Fn(u32) -> String) -> impl IntoView {
    let previous = (page > 1).then(|| href(page.min(page_count + 1) - 1));
    let next = (page < page_count).then(|| href(page + 1));
    view! {
        <nav class="pagination" aria-label="Pagination">
            {previous.map(|href| view! { <a href=href rel="prev">"Previous page"</a> })}
            <span>{format!("Page {page} of {page_count}")}</span>
            {next.map(|href| view! { <a href=href rel="next">"Next page"</a> })}
        </nav>
    }
}
