use super::api::low_stock;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn LowStockPage() -> impl IntoView {
    let rows = Resource::new(|| (), |_| low_stock());
    view! {
        <Title text="Low stock"/>
        <h1>"Low stock"</h1>
        <p class="hint">"Variants with five or fewer units free, active physical products only."</p>
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match rows.await {
                    Ok(rows) => {
                        let rows = rows.into_iter().map(|row| {
                            let href = format!("/admin/products/{}/stock", row.product_id);
                            view! {
                                <tr>
                                    <td><a href=href>{row.name}</a></td>
                                    <td>{row.sku}</td>
                                    <td class="num">{row.available}</td>
                                </tr>
                            }
                        }).collect_view();
                        view! {
                            <table class="admin-table">
                                <thead><tr>
                                    <th scope="col">"Product"</th>
                                    <th scope="col">"SKU"</th>
                                    <th scope="col" class="num">"Free"</th>
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
