use super::api::list_orders;
use super::types::{OrderFilter, OrderRow};
use crate::admin::shell::widgets::{StatusBadge, page_of};
use crate::admin::svg::diagram::workflow_svg;
use crate::catalog::pagination::Pagination;
use crate::catalog::types::encode_component;
use crate::domain::dates::format_utc;
use crate::domain::order_state::OrderState;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

fn filter_from_query() -> Memo<OrderFilter> {
    let query = use_query_map();
    Memo::new(move |_| {
        query.with(|q| {
            let get = |name: &str| q.get(name).unwrap_or_default();
            OrderFilter {
                status: get("status"),
                from: get("from"),
                to: get("to"),
                customer: get("customer"),
                number: get("number"),
                payment: get("payment"),
                page: page_of(q.get("page")),
            }
        })
    })
}

fn page_href(filter: &OrderFilter, page: u32) -> String {
    let pairs = [
        ("status", &filter.status),
        ("from", &filter.from),
        ("to", &filter.to),
        ("customer", &filter.customer),
        ("number", &filter.number),
        ("payment", &filter.payment),
    ];
    let mut query: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode_component(v)))
        .collect();
    query.push(format!("page={page}"));
    format!("/admin/orders?{}", query.join("&"))
}

/// One table of orders, shared with the dashboard.
#[component]
pub fn OrderTable(rows: Vec<OrderRow>) -> impl IntoView {
    let rows = rows
        .into_iter()
        .map(|row| {
            let href = format!("/admin/orders/{}", row.number);
            view! {
                <tr>
                    <td><a href=href>{row.number}</a></td>
                    <td>{format_utc(row.placed_at)}</td>
                    <td>{row.customer}</td>
                    <td class="num">{row.total.to_string()}</td>
                    <td><StatusBadge code=row.status label=row.status_label/></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="admin-table">
            <thead>
                <tr>
                    <th scope="col">"Number"</th>
                    <th scope="col">"Date"</th>
                    <th scope="col">"Customer"</th>
                    <th scope="col" class="num">"Total"</th>
                    <th scope="col">"Status"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

#[component]
pub fn OrderListPage() -> impl IntoView {
    let filter = filter_from_query();
    let orders = Resource::new(move || filter.get(), list_orders);
    let status_options = move || {
        let chosen = filter.with(|f| f.status.clone());
        OrderState::ALL
            .into_iter()
            .map(|s| {
                let selected = chosen == s.code();
                view! { <option value=s.code() selected=selected>{s.label()}</option> }
            })
            .collect_view()
    };
    view! {
        <Title text="Orders"/>
        <h1>"Orders"</h1>
        <Form method="GET" action="/admin/orders" attr:class="filters">
            <label>"Status" <select name="status">
                <option value="">"Any"</option>
                {status_options}
            </select></label>
            <label>"From" <input type="date" name="from" value=move || filter.with(|f| f.from.clone())/></label>
            <label>"To" <input type="date" name="to" value=move || filter.with(|f| f.to.clone())/></label>
            <label>"Customer" <input type="search" name="customer" maxlength="100" value=move || filter.with(|f| f.customer.clone())/></label>
            <label>"Number" <input type="search" name="number" maxlength="20" value=move || filter.with(|f| f.number.clone())/></label>
            <label>"Payment" <input type="text" name="payment" maxlength="40" list="payment-methods" value=move || filter.with(|f| f.payment.clone())/></label>
            <button type="submit" class="button">"Filter"</button>
        </Form>
        <Transition fallback=|| view! { <p>"Loading orders…"</p> }>
            {move || Suspend::new(async move {
                match orders.await {
                    Ok(page) => {
                        let current = filter.get_untracked();
                        let methods = page
                            .payment_methods
                            .iter()
                            .map(|(code, _)| view! { <option value=code.clone()/> })
                            .collect_view();
                        view! {
                            <datalist id="payment-methods">{methods}</datalist>
                            <p>{format!("{} orders", page.total)}</p>
                            <OrderTable rows=page.rows/>
                            <Pagination page=page.page page_count=page.pages href=move |p| page_href(&current, p)/>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <p role="alert" class="notice notice--error">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
        <section aria-labelledby="workflow-heading">
            <h2 id="workflow-heading">"Order workflow"</h2>
            <div class="workflow-diagram" inner_html=workflow_svg(None)></div>
        </section>
    }
}
