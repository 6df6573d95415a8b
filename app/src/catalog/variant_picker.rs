use super::types::VariantView;
use leptos::prelude::*;

/// One radio per variant. Without JavaScript the form reloads the page with
/// `?variant=SKU`; in the browser a change calls `pick` and updates the
/// address in place.
#[component]
pub fn VariantPicker(
    variants: Vec<VariantView>,
    selected: Signal<String>,
    pick: Callback<String>,
) -> impl IntoView {
    let radios = variants
        .into_iter()
        .map(|v| {
            let id = format!("variant-{}", v.id);
            let sku = v.sku.clone();
            let is_selected = {
                let sku = sku.clone();
                move || selected.get() == sku
            };
            let on_change = {
                let sku = sku.clone();
                move |_| {
                    replace_query(&format!(
                        "?variant={}",
                        super::types::encode_component(&sku)
                    ));
                    pick.run(sku.clone());
                }
            };
            let note = if v.availability.can_buy() {
                String::new()
            } else {
                format!(" ({})", v.availability.label())
            };
            view! {
                <div class="variant-option">
                    // The attribute serves the server render, the property
                    // keeps the browser's state in step afterwards.
                    <input
                        type="radio"
                        id=id.clone()
                        name="variant"
                        value=sku
                        checked=is_selected.clone()
                        prop:checked=is_selected
                        on:change=on_change
                    />
                    <label for=id>{format!("{} — {}{note}", v.label(), v.price)}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <form class="variant-picker" method="get">
            <fieldset>
                <legend>"Choose an option"</legend>
                {radios}
            </fieldset>
            <button type="submit" class="button js-hidden">"Show this option"</button>
        </form>
    }
}

/// Puts `query` in the address bar without a page load or a history entry.
pub fn replace_query(query: &str) {
    let history = window().history();
    if let Ok(history) = history {
        let _ =
            history.replace_state_with_url(&leptos::wasm_bindgen::JsValue::NULL, "", Some(query));
    }
}
