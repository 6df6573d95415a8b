use super::api::audit_log;
use crate::admin::shell::widgets::page_of;
use crate::catalog::pagination::Pagination;
use crate::domain::dates::format_utc;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let page = Memo::new(move |_| query.with(|q| page_of(q.get("page"))));
    let entries = Resource::new(move || page.get(), audit_log);
    view! {
        <Title text="Audit log"/>
        <h1>"Audit log"</h1>
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match entries.await {
                    Ok(log) => {
                        let rows = log.entries.into_iter().map(|e| view! {
                            <tr>
                                <td>{format_utc(e.at)}</td>
                                <td>{e.actor}</td>
                                <td>{e.action}</td>
                                <td>{e.subject}</td>
                                <td>{e.detail}</td>
                            </tr>
                        }).collect_view();
                        view! {
                            <table class="admin-table">
                                <thead><tr>
                                    <th scope="col">"When"</th>
                                    <th scope="col">"Who"</th>
                                    <th scope="col">"What"</th>
                                    <th scope="col">"Subject"</th>
                                    <th scope="col">"Detail"</th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                            <Pagination page=log.page page_count=log.pages href=|p| format!("/admin/audit?page={p}")/>
                        }.into_any()
                    }
                    Err(error) => view! { <p role="alert" class="notice notice--error">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}
