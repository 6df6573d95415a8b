use super::api::{AdjustStock, ReleaseReservation, SaveSerialUnit, load_stock};
use super::types::StockView;
use super::units_table::UnitsTable;
use crate::admin::shell::widgets::{ActionError, reset_on_success, successes};
use crate::domain::dates::format_utc;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StockPage() -> impl IntoView {
    let params = use_params_map();
    let product = move || params.with(|p| p.get("id").unwrap_or_default());
    let adjust = ServerAction::<AdjustStock>::new();
    let release = ServerAction::<ReleaseReservation>::new();
    let unit = ServerAction::<SaveSerialUnit>::new();
    let adjusted = successes(move || adjust.value().get());
    let released = successes(move || release.value().get());
    let saved = successes(move || unit.value().get());
    let stock = Resource::new(
        move || (product(), adjusted.get(), released.get(), saved.get()),
        |(product, ..)| load_stock(product),
    );
    view! {
        <ActionError value=adjust.value()/>
        <ActionError value=release.value()/>
        <ActionError value=unit.value()/>
        <Transition fallback=|| view! { <p>"Loading stock…"</p> }>
            {move || Suspend::new(async move {
                match stock.await {
                    Ok(stock) => view! { <StockTables stock adjust release unit/> }.into_any(),
                    Err(error) => view! { <p role="alert" class="notice notice--error">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn StockTables(
    stock: StockView,
    adjust: ServerAction<AdjustStock>,
    release: ServerAction<ReleaseReservation>,
    unit: ServerAction<SaveSerialUnit>,
) -> impl IntoView {
    let all_variants = stock.variants.clone();
    let title = format!("Stock of {}", stock.name);
    let variants = stock
        .variants
        .into_iter()
        .map(|v| {
            let form = NodeRef::new();
            reset_on_success(move || adjust.value().get(), form);
            let name = if v.label.is_empty() { v.sku.clone() } else { format!("{} ({})", v.sku, v.label) };
            let sku = v.sku.clone();
            let (serial, on_hand, reserved) = (v.serial, v.on_hand, v.reserved);
            let testid = format!("on-hand-{}", v.sku);
            let adjuster = (!v.serial).then(move || {
                let (delta_id, reason_id) = (format!("delta-{}", v.id), format!("reason-{}", v.id));
                let (change, why, button) = (
                    format!("Change {sku} by"),
                    format!("Reason for {sku}"),
                    format!("Adjust {sku}"),
                );
                view! {
                    <ActionForm action=adjust node_ref=form attr:class="inline-form">
                        <input type="hidden" name="variant" value=v.id.to_string()/>
                        <label for=delta_id.clone()>{change}</label>
                        <input id=delta_id name="delta" inputmode="numeric" required maxlength="11" size="6"/>
                        <label for=reason_id.clone()>{why}</label>
                        <input id=reason_id name="reason" required maxlength="200"/>
                        <button type="submit" class="button">{button}</button>
                    </ActionForm>
                }
            });
            view! {
                <tr>
                    <td>{name}{serial.then_some(" · serial numbers")}</td>
                    <td class="num" data-testid=testid>{on_hand}</td>
                    <td class="num">{reserved}</td>
                    <td class="num">{on_hand - reserved}</td>
                    <td>{adjuster}</td>
                </tr>
            }
        })
        .collect_view();
    let reservations = stock
        .reservations
        .into_iter()
        .map(|r| {
            view! {
                <tr>
                    <td>{format!("Basket {}", r.basket)}</td>
                    <td>{r.sku.clone()}</td>
                    <td class="num">{r.quantity}</td>
                    <td>{format_utc(r.until)}</td>
                    <td>
                        <ActionForm action=release attr:class="inline-form">
                            <input type="hidden" name="basket" value=r.basket.to_string()/>
                            <input type="hidden" name="variant" value=r.variant.to_string()/>
                            <button type="submit" class="button">{format!("Release basket {} {}", r.basket, r.sku)}</button>
                        </ActionForm>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let movements = stock
        .movements
        .into_iter()
        .map(|m| {
            view! {
                <tr>
                    <td>{format_utc(m.at)}</td>
                    <td>{m.sku}</td>
                    <td class="num">{format!("{:+}", m.delta)}</td>
                    <td>{m.reason}</td>
                    <td>{m.actor}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p><a href=format!("/admin/products/{}", stock.product)>"Edit the product"</a></p>
        <table class="admin-table">
            <caption>"Variants"</caption>
            <thead><tr>
                <th scope="col">"Variant"</th>
                <th scope="col" class="num">"On hand"</th>
                <th scope="col" class="num">"Reserved"</th>
                <th scope="col" class="num">"Free"</th>
                <th scope="col">"Adjust"</th>
            </tr></thead>
            <tbody>{variants}</tbody>
        </table>
        <table class="admin-table">
            <caption>"Reservations in baskets"</caption>
            <thead><tr>
                <th scope="col">"Basket"</th>
                <th scope="col">"SKU"</th>
                <th scope="col" class="num">"Quantity"</th>
                <th scope="col">"Until"</th>
                <th scope="col"><span class="visually-hidden">"Release"</span></th>
            </tr></thead>
            <tbody>{reservations}</tbody>
        </table>
        <UnitsTable units=stock.units variants=all_variants save=unit/>
        <table class="admin-table">
            <caption>"Stock movements"</caption>
            <thead><tr>
                <th scope="col">"When"</th>
                <th scope="col">"SKU"</th>
                <th scope="col" class="num">"Change"</th>
                <th scope="col">"Reason"</th>
                <th scope="col">"Who"</th>
            </tr></thead>
            <tbody>{movements}</tbody>
        </table>
    }
}
