use super::api::{list_customers, load_customer};
use crate::admin::orders::OrderTable;
use crate::admin::shell::widgets::page_of;
use crate::catalog::pagination::Pagination;
use crate::catalog::types::encode_component;
use crate::domain::dates::format_utc;
use crate::orders::order_page::AddressBlock;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn CustomerListPage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        query.with(|q| (q.get("q").unwrap_or_default(), page_of(q.get("page"))))
    });
    let customers = Resource::new(move || filter.get(), |(q, page)| list_customers(q, page));
    view! {
        <Title text="Customers"/>
        <h1>"Customers"</h1>
        <Form method="GET" action="/admin/customers" attr:class="filters">
            <label>"Email" <input type="search" name="q" maxlength="100" value=move || filter.with(|f| f.0.clone())/></label>
            <button type="submit" class="button">"Search"</button>
        </Form>
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match customers.await {
                    Ok(page) => {
                        let q = filter.get_untracked().0;
                        let rows = page.rows.into_iter().map(|c| view! {
                            <tr>
                                <td><a href=format!("/admin/customers/{}", c.id)>{c.email}</a></td>
                                <td>{format_utc(c.joined)}</td>
                                <td class="num">{c.orders}</td>
                                <td class="num">{c.spent.to_string()}</td>
                            </tr>
                        }).collect_view();
                        view! {
                            <p>{format!("{} customers", page.total)}</p>
                            <table class="admin-table">
                                <thead><tr>
                                    <th scope="col">"Email"</th>
                                    <th scope="col">"Joined"</th>
                                    <th scope="col" class="num">"Orders"</th>
                                    <th scope="col" class="num">"Spent"</th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                            <Pagination page=page.page page_count=page.pages href=move |p| format!("/admin/customers?q={}&page={p}", encode_component(&q))/>
                        }.into_any()
                    }
                    Err(error) => view! { <p role="alert" class="notice notice--error">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
pub fn CustomerPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let customer = Resource::new(id, load_customer);
    view! {
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match customer.await {
                    Ok(c) => {
                        let records = c.account.customers.into_iter().map(|record| {
                            let title = if record.is_default { "Billing record (default)" } else { "Billing record" };
                            view! { <AddressBlock title address=record.address/> }
                        }).collect_view();
                        let organisations = c.account.organisations.into_iter()
                            .map(|(_, name)| view! { <li>{name}</li> })
                            .collect_view();
                        view! {
                            <Title text=c.account.email.clone()/>
                            <h1>{c.account.email.clone()}</h1>
                            <p>{format!("Customer since {}", format_utc(c.joined))}</p>
                            <section aria-labelledby="customer-orders">
                                <h2 id="customer-orders">"Orders"</h2>
                                <OrderTable rows=c.orders/>
                            </section>
                            <section aria-labelledby="customer-organisations">
                                <h2 id="customer-organisations">"Organisations"</h2>
                                <ul class="plain-list">{organisations}</ul>
                            </section>
                            <section aria-labelledby="customer-records">
                                <h2 id="customer-records">"Billing records"</h2>
                                <div class="addresses">{records}</div>
                            </section>
                        }.into_any()
                    }
                    Err(error) => view! { <p role="alert" class="notice notice--error">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}
