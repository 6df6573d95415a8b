//! Every offer with what it gives, when it runs and what it brought in.

use super::api::load_offers;
use super::types::OfferRow;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn OfferListPage() -> impl IntoView {
    let offers = Resource::new(|| (), |_| load_offers());
    view! {
        <Title text="Offers"/>
        <h1>"Offers"</h1>
        <p><a class="button button--primary" href="/admin/offers/new">"New offer"</a></p>
        <Transition fallback=|| view! { <p>"Loading offers…"</p> }>
            {move || Suspend::new(async move {
                match offers.await {
                    Ok(rows) if rows.is_empty() => view! { <p>"No offers yet."</p> }.into_any(),
                    Ok(rows) => view! { <OfferTable rows/> }.into_any(),
                    Err(error) => view! { <p role="alert" class="notice notice--error">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn OfferTable(rows: Vec<OfferRow>) -> impl IntoView {
    let rows = rows
        .into_iter()
        .map(|row| {
            view! {
                <tr>
                    <td><a href=format!("/admin/offers/{}", row.id)>{row.name}</a></td>
                    <td>{row.kind.label()}</td>
                    <td>{row.headline}{row.exclusive.then_some(" (exclusive)")}</td>
                    <td>{row.window}</td>
                    <td>{row.status}</td>
                    <td class="num">{row.priority}</td>
                    <td class="num">{row.codes}</td>
                    <td class="num">{row.stats.redemptions}</td>
                    <td class="num">{row.stats.discount.to_string()}</td>
                    <td class="num">{row.stats.revenue.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="admin-table">
            <caption>"Offers, newest first"</caption>
            <thead><tr>
                <th scope="col">"Offer"</th>
                <th scope="col">"Kind"</th>
                <th scope="col">"What it gives"</th>
                <th scope="col">"When"</th>
                <th scope="col">"Status"</th>
                <th scope="col" class="num">"Priority"</th>
                <th scope="col" class="num">"Codes"</th>
                <th scope="col" class="num">"Orders"</th>
                <th scope="col" class="num">"Discount given"</th>
                <th scope="col" class="num">"Revenue"</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
