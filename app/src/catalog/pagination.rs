use leptos::prelude::*;

fn page_href(base: &str, page: u32) -> String {
    if page <= 1 {
        base.to_owned()
    } else {
        format!("{base}?page={page}")
    }
}

#[component]
pub fn Pagination(base: String, page: u32, page_count: u32) -> impl IntoView {
    let previous = (page > 1).then(|| page_href(&base, page.min(page_count + 1) - 1));
    let next = (page < page_count).then(|| page_href(&base, page + 1));
    view! {
        <nav class="pagination" aria-label="Pagination">
            {previous.map(|href| view! { <a href=href rel="prev">"Previous page"</a> })}
            <span>{format!("Page {page} of {page_count}")}</span>
            {next.map(|href| view! { <a href=href rel="next">"Next page"</a> })}
        </nav>
    }
}
