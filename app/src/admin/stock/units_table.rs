use super::api::SaveSerialUnit;
use super::types::{UnitRow, VariantStock};
use crate::admin::shell::widgets::reset_on_success;
use leptos::form::ActionForm;
use leptos::prelude::*;

fn status_options(current: &str) -> impl IntoView + use<> {
    let reserved = current == "reserved";
    let options: &[(&str, &str)] = if reserved {
        &[("reserved", "Reserved in a basket")]
    } else {
        &[("available", "Available"), ("sold", "Sold")]
    };
    options
        .iter()
        .map(|(value, text)| view! { <option value=*value selected=*value == current>{*text}</option> })
        .collect_view()
}

/// The product's serial units, each editable, and a form adding one to
/// a variant counted by units (or one without stock yet).
#[component]
pub fn UnitsTable(
    units: Vec<UnitRow>,
    variants: Vec<VariantStock>,
    save: ServerAction<SaveSerialUnit>,
) -> impl IntoView {
    let rows = units
        .into_iter()
        .map(|u| {
            let id = move |field: &str| format!("unit-{}-{field}", u.id);
            let sn = u.serial_number.clone();
            view! {
                <tr>
                    <td>{u.sku.clone()}</td>
                    <td colspan="2">
                        <ActionForm action=save attr:class="inline-form">
                            <input type="hidden" name="variant" value=u.variant.to_string()/>
                            <input type="hidden" name="unit" value=u.id.to_string()/>
                            <label for=id("serial")>{format!("Serial number of {sn}")}</label>
                            <input id=id("serial") name="serial_number" value=u.serial_number.clone() maxlength="64" size="14" required/>
                            <label for=id("status")>{format!("Status of {sn}")}</label>
                            <select id=id("status") name="status">{status_options(&u.status)}</select>
                            <label for=id("price")>{format!("Own price of {sn}")}</label>
                            <input id=id("price") name="price" value=u.price.clone() inputmode="decimal" maxlength="32" size="8"/>
                            <label for=id("notes")>{format!("Notes on {sn}")}</label>
                            <input id=id("notes") name="notes" value=u.notes.clone() maxlength="500"/>
                            <button type="submit" class="button">{format!("Save unit {sn}")}</button>
                        </ActionForm>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let choices = variants
        .into_iter()
        .filter(|v| v.serial || (v.on_hand == 0 && v.reserved == 0))
        .map(|v| view! { <option value=v.id.to_string()>{v.sku}</option> })
        .collect_view();
    let form = NodeRef::new();
    reset_on_success(move || save.value().get(), form);
    view! {
        <table class="admin-table">
            <caption>"Serial units"</caption>
            <thead><tr><th scope="col">"SKU"</th><th scope="col" colspan="2">"Unit"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
        <section aria-labelledby="add-unit-heading">
            <h2 id="add-unit-heading">"Add a serial unit"</h2>
            <ActionForm action=save node_ref=form attr:class="inline-form">
                <label for="new-unit-variant">"Variant"</label>
                <select id="new-unit-variant" name="variant">{choices}</select>
                <label for="new-unit-serial">"Serial number"</label>
                <input id="new-unit-serial" name="serial_number" maxlength="64" required/>
                <label for="new-unit-price">"Own price (empty for the variant's)"</label>
                <input id="new-unit-price" name="price" inputmode="decimal" maxlength="32" size="8"/>
                <label for="new-unit-notes">"Notes"</label>
                <input id="new-unit-notes" name="notes" maxlength="500"/>
                <input type="hidden" name="status" value="available"/>
                <button type="submit" class="button button--primary">"Add unit"</button>
            </ActionForm>
        </section>
    }
}
