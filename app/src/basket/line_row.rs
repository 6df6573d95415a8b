use super::api::{RemoveBasketLine, UpdateBasketLine};
use super::types::BasketLineView;
use leptos::form::ActionForm;
use leptos::prelude::*;

#[component]
pub fn LineRow(
    line: BasketLineView,
    update: ServerAction<UpdateBasketLine>,
    remove: ServerAction<RemoveBasketLine>,
) -> impl IntoView {
    let variant = line.variant_id.to_string();
    let title = match &line.unit {
        Some(unit) => format!("{} ({})", line.title, unit.serial_number),
        None => line.title.clone(),
    };
    let remove_name = format!(" {title}");
    let unit_id = line.unit.as_ref().map(|u| u.id.to_string());
    // A unique unit is always one item; only quantities of stock change.
    let quantity = match &line.unit {
        Some(_) => view! { <span>"1"</span> }.into_any(),
        None => view! {
            <QuantityForm variant=variant.clone() title=title.clone() quantity=line.quantity update/>
        }
        .into_any(),
    };
    let warning = if line.unit.is_some() {
        "This unit is no longer available. Remove it from your basket."
    } else {
        "No longer available in this quantity. Lower the quantity or remove it."
    };
    view! {
        <tr>
            <th scope="row">
                <a href=format!("/product/{}", line.slug)>{line.title.clone()}</a>
                {(!line.variant_label.is_empty())
                    .then(|| view! { <span class="line-variant">{line.variant_label.clone()}</span> })}
                {line.unit.as_ref().map(|u| view! {
                    <span class="line-variant">{format!("Serial number {}", u.serial_number)}</span>
                })}
                {(!line.reserved).then(|| view! {
                    <p class="line-warning" role="note">{warning}</p>
                })}
            </th>
            <td class="num">{line.unit_price.to_string()}</td>
            <td>{quantity}</td>
            <td class="num">{line.line_total.to_string()}</td>
            <td>
                <ActionForm action=remove attr:class="remove-form">
                    <input type="hidden" name="variant_id" value=variant/>
                    {unit_id.map(|id| view! { <input type="hidden" name="unit_id" value=id/> })}
                    <button type="submit" class="button button--quiet">
                        "Remove"
                        <span class="visually-hidden">{remove_name}</span>
                    </button>
                </ActionForm>
            </td>
        </tr>
    }
}

#[component]
fn QuantityForm(
    variant: String,
    title: String,
    quantity: u32,
    update: ServerAction<UpdateBasketLine>,
) -> impl IntoView {
    let input_id = format!("qty-{variant}");
    view! {
        <ActionForm action=update attr:class="qty-form" attr:novalidate=true>
            <input type="hidden" name="variant_id" value=variant/>
            <label class="visually-hidden" for=input_id.clone()>
                {format!("Quantity of {title}")}
            </label>
            <input
                id=input_id
                name="quantity"
                type="number"
                inputmode="numeric"
                min="1"
                max="999"
                value=quantity.to_string()
                required
            />
            <button type="submit" class="button">
                "Update"
                <span class="visually-hidden">{format!(" quantity of {title}")}</span>
            </button>
        </ActionForm>
    }
}
