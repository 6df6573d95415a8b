use super::api::order_history;
use crate::accounts::SignInPrompt;
use crate::domain::dates::format_utc;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn OrderHistoryPage() -> impl IntoView {
    let orders = Resource::new(|| (), |_| order_history());
    view! {
        <Title text="Your orders"/>
        <h1>"Your orders"</h1>
        <Transition fallback=|| view! { <p>"Loading your orders…"</p> }>
            {move || Suspend::new(async move {
                match orders.await {
                    Ok(orders) if orders.is_empty() => view! {
                        <p>"You have not placed any orders yet."</p>
                    }.into_any(),
                    Ok(orders) => {
                        let rows = orders.into_iter().map(|o| view! {
                            <tr>
                                <th scope="row"><a href=o.url>{o.number}</a></th>
                                <td>{format_utc(o.placed_at)}</td>
                                <td>{o.status_label}</td>
                                <td class="num">{o.total.to_string()}</td>
                            </tr>
                        }).collect_view();
                        view! {
                            <table class="orders">
                                <caption class="visually-hidden">"Your orders, newest first"</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"Order"</th>
                                        <th scope="col">"Placed"</th>
                                        <th scope="col">"Status"</th>
                                        <th scope="col" class="num">"Total"</th>
                                    </tr>
                                </thead>
                                <tbody>{rows}</tbody>
                            </table>
                        }.into_any()
                    }
                    Err(error) => view! { <SignInPrompt error/> }.into_any(),
                }
            })}
        </Transition>
    }
}
