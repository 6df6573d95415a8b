use super::api::AddToBasket;
use super::feedback::ActionFeedback;
use crate::catalog::types::VariantView;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::web_sys::{FormData, HtmlFormElement};

#[component]
pub fn AddToBasketForm(variant: Signal<VariantView>) -> impl IntoView {
    let add = ServerAction::<AddToBasket>::new();
    super::count::follow(move || add.value().get());
    let can_buy = move || variant.with(|v| v.availability.can_buy());
    // The fields are read by name rather than through `ActionForm`, which
    // would bring a whole form-data deserialiser to the product page.
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(data) = FormData::new_with_form(&event_target::<HtmlFormElement>(&ev)) else {
            return;
        };
        let field = |name: &str| data.get(name).as_string();
        add.dispatch(AddToBasket {
            variant_id: field("variant_id").unwrap_or_default(),
            quantity: field("quantity").unwrap_or_default(),
            unit: field("unit"),
        });
    };
    view! {
        // Server-side validation speaks for itself, in both modes.
        <form
            method="post"
            action=AddToBasket::url()
            class="add-to-basket"
            novalidate
            on:submit=on_submit
        >
            <input type="hidden" name="variant_id" value=move || variant.with(|v| v.id.to_string())/>
            {move || variant.with(|v| v.serial).then(|| view! { <UnitPicker variant/> })}
            <label for="quantity">"Quantity"</label>
            <input
                id="quantity"
                name="quantity"
                type="number"
                inputmode="numeric"
                min="1"
                max="999"
                value="1"
                required
            />
            <button type="submit" class="button button--primary" disabled=move || !can_buy()>
                "Add to basket"
            </button>
        </form>
        <ActionFeedback value=add.value()/>
    }
}

/// Each unit of a serial-numbered variant is unique: the shopper sees its
/// serial number, notes and price, and picks one or takes any.
#[component]
fn UnitPicker(variant: Signal<VariantView>) -> impl IntoView {
    let units = move || {
        variant
            .with(|v| v.units.clone())
            .into_iter()
            .map(|unit| {
                let id = format!("unit-{}", unit.id);
                let notes = if unit.notes.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", unit.notes)
                };
                view! {
                    <div class="unit-option">
                        <input type="radio" id=id.clone() name="unit" value=unit.id.to_string()/>
                        <label for=id>
                            {format!("Serial number {} — {}{notes}", unit.serial_number, unit.price)}
                        </label>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="unit-picker">
            <legend>"Choose a unit"</legend>
            <div class="unit-option">
                <input type="radio" id="unit-any" name="unit" value="" checked=true/>
                <label for="unit-any">"Any available unit"</label>
            </div>
            {units}
        </fieldset>
    }
}
