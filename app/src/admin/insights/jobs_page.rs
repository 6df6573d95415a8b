use super::api::DiscardJob;
use crate::admin::fulfilment_api::{RetryJob, list_jobs};
use crate::admin::shell::widgets::ActionError;
use crate::domain::dates::format_utc;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

#[component]
pub fn JobsPage() -> impl IntoView {
    let query = use_query_map();
    let status =
        Memo::new(move |_| query.with(|q| q.get("status").unwrap_or_else(|| "dead".into())));
    let retry = ServerAction::<RetryJob>::new();
    let discard = ServerAction::<DiscardJob>::new();
    let jobs = Resource::new(
        move || (status.get(), retry.version().get(), discard.version().get()),
        |(status, ..)| list_jobs(status, String::new()),
    );
    let option = move |value: &'static str, label: &'static str| {
        view! { <option value=value selected=move || status.get() == value>{label}</option> }
    };
    view! {
        <Title text="Jobs"/>
        <h1>"Jobs"</h1>
        <Form method="GET" action="/admin/jobs" attr:class="filters">
            <label>"Status" <select name="status">
                {option("dead", "Failed for good")}
                {option("queued", "Waiting or retrying")}
                {option("running", "Running")}
                {option("done", "Done")}
                {option("", "All")}
            </select></label>
            <button type="submit" class="button">"Show"</button>
        </Form>
        <ActionError value=retry.value()/>
        <ActionError value=discard.value()/>
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match jobs.await {
                    Ok(jobs) => {
                        let rows = jobs.into_iter().map(|job| {
                            let id = job.id.to_string();
                            let stuck = job.status == "dead" || (job.status == "queued" && job.attempts > 0);
                            let buttons = stuck.then(|| {
                                let id2 = id.clone();
                                view! {
                                    {(job.status == "dead").then(|| view! {
                                        <ActionForm action=retry attr:class="inline-form">
                                            <input type="hidden" name="id" value=id.clone()/>
                                            <button type="submit" class="button">{format!("Retry job {id}")}</button>
                                        </ActionForm>
                                    })}
                                    <ActionForm action=discard attr:class="inline-form">
                                        <input type="hidden" name="id" value=id2.clone()/>
                                        <button type="submit" class="button">{format!("Discard job {id2}")}</button>
                                    </ActionForm>
                                }
                            });
                            view! {
                                <tr>
                                    <td>{job.id}</td>
                                    <td>{job.summary}</td>
                                    <td>{job.order_number.map(|n| view! { <a href=format!("/admin/orders/{n}")>{n.clone()}</a> })}</td>
                                    <td>{job.status}</td>
                                    <td class="num">{format!("{} of {}", job.attempts, job.max_attempts)}</td>
                                    <td>{job.last_error.unwrap_or_default()}</td>
                                    <td>{format_utc(job.updated_at)}</td>
                                    <td>{buttons}</td>
                                </tr>
                            }
                        }).collect_view();
                        view! {
                            <table class="admin-table">
                                <thead><tr>
                                    <th scope="col">"Job"</th>
                                    <th scope="col">"What"</th>
                                    <th scope="col">"Order"</th>
                                    <th scope="col">"Status"</th>
                                    <th scope="col" class="num">"Tries"</th>
                                    <th scope="col">"Last error"</th>
                                    <th scope="col">"Updated"</th>
                                    <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        }.into_any()
                    }
                    Err(error) => view! { <p role="alert" class="notice notice--error">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}
