//! The download links of a paid order, with what is left of each.

use super::types::DownloadView;
use crate::domain::dates::format_utc;
use leptos::prelude::*;

#[component]
pub fn DownloadList(links: Vec<DownloadView>) -> impl IntoView {
    let items = links
        .into_iter()
        .map(|link| {
            let left = match link.remaining {
                1 => "1 download left".to_owned(),
                n => format!("{n} downloads left"),
            };
            let detail = format!("{left} · until {}", format_utc(link.expires_at));
            let name = link.name.clone();
            if link.usable {
                view! {
                    <li>
                        // A real navigation: the file comes from elsewhere.
                        <a href=link.url rel="external nofollow" download="">{format!("Download {name}")}</a>
                        <span class="hint">{format!(" — {detail}")}</span>
                    </li>
                }
                .into_any()
            } else {
                view! {
                    <li>
                        <span>{name}</span>
                        <span class="hint">" — no longer available"</span>
                    </li>
                }
                .into_any()
            }
        })
        .collect_view();
    view! {
        <section class="downloads" aria-labelledby="downloads-heading">
            <h2 id="downloads-heading">"Downloads"</h2>
            <ul>{items}</ul>
        </section>
    }
}
