use super::api::list_products;
use super::types::ProductFilter;
use crate::admin::shell::widgets::page_of;
use crate::catalog::pagination::Pagination;
use crate::catalog::types::encode_component;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ProductListPage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        query.with(|q| ProductFilter {
            q: q.get("q").unwrap_or_default(),
            status: q.get("status").unwrap_or_default(),
            kind: q.get("kind").unwrap_or_default(),
            page: page_of(q.get("page")),
        })
    });
    let products = Resource::new(move || filter.get(), list_products);
    let select = move |name: &'static str,
                       label: &'static str,
                       options: &'static [(&'static str, &'static str)]| {
        view! {
            <label>{label} <select name=name>
                {options.iter().map(|(value, text)| {
                    let selected = move || filter.with(|f| match name { "status" => f.status == *value, _ => f.kind == *value });
                    view! { <option value=*value selected=selected>{*text}</option> }
                }).collect_view()}
            </select></label>
        }
    };
    view! {
        <Title text="Products"/>
        <h1>"Products"</h1>
        <p><a class="button button--primary" href="/admin/products/new">"New product"</a></p>
        <Form method="GET" action="/admin/products" attr:class="filters">
            <label>"Search" <input type="search" name="q" maxlength="100" value=move || filter.with(|f| f.q.clone())/></label>
            {select("status", "Visibility", &[("", "Any"), ("active", "Active"), ("inactive", "Inactive")])}
            {select("kind", "Type", &[("", "Any"), ("physical", "Physical"), ("digital", "Digital"), ("service", "Service")])}
            <button type="submit" class="button">"Filter"</button>
        </Form>
        <Transition fallback=|| view! { <p>"Loading products…"</p> }>
            {move || Suspend::new(async move {
                match products.await {
                    Ok(page) => {
                        let f = filter.get_untracked();
                        let rows = page.rows.into_iter().map(|row| {
                            let href = format!("/admin/products/{}", row.id);
                            view! {
                                <tr>
                                    <td>{row.thumbnail.map(|src| view! { <img src=src alt="" width="48" height="48" loading="lazy"/> })}</td>
                                    <td><a href=href>{row.name}</a></td>
                                    <td>{row.sku}</td>
                                    <td>{row.product_type}</td>
                                    <td class="num">{row.variants}</td>
                                    <td class="num">{row.stock}</td>
                                    <td class="num">{row.price.map(|p| p.to_string()).unwrap_or_default()}</td>
                                    <td>{if row.active { "active" } else { "inactive" }}</td>
                                </tr>
                            }
                        }).collect_view();
                        view! {
                            <p>{format!("{} products", page.total)}</p>
                            <table class="admin-table">
                                <thead><tr>
                                    <th scope="col"><span class="visually-hidden">"Picture"</span></th>
                                    <th scope="col">"Name"</th>
                                    <th scope="col">"SKU"</th>
                                    <th scope="col">"Type"</th>
                                    <th scope="col" class="num">"Variants"</th>
                                    <th scope="col" class="num">"Available"</th>
                                    <th scope="col" class="num">"From"</th>
                                    <th scope="col">"Visibility"</th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                            <Pagination page=page.page page_count=page.pages href=move |p| format!(
                                "/admin/products?q={}&status={}&kind={}&page={p}",
                                encode_component(&f.q), encode_component(&f.status), encode_component(&f.kind)
                            )/>
                        }.into_any()
                    }
                    Err(error) => view! { <p role="alert" class="notice notice--error">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}
