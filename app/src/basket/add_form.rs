use super::api::AddToBasket;
use super::feedback::ActionFeedback;
use crate::catalog::types::VariantView;
use leptos::form::ActionForm;
use leptos::prelude::*;

#[component]
pub fn AddToBasketForm(variant: Signal<VariantView>) -> impl IntoView {
    let add = ServerAction::<AddToBasket>::new();
    super::count::follow(move || add.value().get());
    let can_buy = move || variant.with(|v| v.availability.can_buy());
    view! {
        // Server-side validation speaks for itself, in both modes.
        <ActionForm action=add attr:class="add-to-basket" attr:novalidate=true>
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
        </ActionForm>
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
