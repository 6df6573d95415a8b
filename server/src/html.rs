//! Text placed into HTML the server writes by hand (emails, small pages).

pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// A small page the server answers itself (a refusal, an unavailable
/// download) in the store's style, never cached. `message` is text and is
/// escaped; `after` is trusted markup (links) placed below it.
pub fn page(
    status: axum::http::StatusCode,
    title: &str,
    message: &str,
    after: &str,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let (title, message) = (escape(title), escape(message));
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/pkg/store.css\"></head>\
         <body><main class=\"page\"><h1>{title}</h1><p role=\"alert\">{message}</p>{after}</main></body></html>"
    );
    (
        status,
        [(axum::http::header::CACHE_CONTROL, "no-store")],
        axum::response::Html(html),
    )
        .into_response()
}
