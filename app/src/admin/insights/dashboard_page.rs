use super::api::load_dashboard;
use crate::admin::orders::OrderTable;
use crate::admin::shell::widgets::StatusBadge;
use crate::admin::svg::chart::revenue_chart_svg;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let dashboard = Resource::new(|| (), |_| load_dashboard());
    view! {
        <Title text="Dashboard"/>
        <h1>"Dashboard"</h1>
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match dashboard.await {
                    Ok(d) => {
                        let chart = revenue_chart_svg(&d.days, d.currency);
                        let statuses = d.by_status.into_iter().map(|(code, label, count)| {
                            let href = format!("/admin/orders?status={code}");
                            view! { <li><a href=href><StatusBadge code label/></a>{format!(" {count}")}</li> }
                        }).collect_view();
                        let low = d.low_stock.into_iter().map(|row| {
                            let href = format!("/admin/products/{}", row.product_id);
                            view! { <li><a href=href>{row.name}</a>{format!(" · {} · {} left", row.sku, row.available)}</li> }
                        }).collect_view();
                        view! {
                            <section aria-labelledby="revenue-heading">
                                <h2 id="revenue-heading">"Last 30 days"</h2>
                                <div class="chart" inner_html=chart></div>
                            </section>
                            <div class="admin-columns">
                                <section aria-labelledby="status-heading">
                                    <h2 id="status-heading">"Orders by status"</h2>
                                    <ul class="plain-list">{statuses}</ul>
                                </section>
                                <section aria-labelledby="low-heading">
                                    <h2 id="low-heading">"Low stock"</h2>
                                    <ul class="plain-list">{low}</ul>
                                </section>
                            </div>
                            <section aria-labelledby="latest-heading">
                                <h2 id="latest-heading">"Latest orders"</h2>
                                <OrderTable rows=d.latest/>
                            </section>
                        }.into_any()
                    }
                    Err(error) => view! { <p role="alert" class="notice notice--error">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}
