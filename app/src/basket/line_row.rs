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
    let input_id = format!("qty-{}", line.variant_id);
    let variant_for_update = line.variant_id.to_string();
    let variant_for_remove = variant_for_update.clone();
    let title = line.title.clone();
    let quantity_label = format!("Quantity of {title}");
    let update_name = format!(" quantity of {title}");
    let remove_name = format!(" {title}");
    view! {
        <tr>
            <th scope="row">
                <a href=format!("/product/{}", line.slug)>{title}</a>
                {(!line.reserved).then(|| view! {
                    <p class="line-warning" role="note">
                        "No longer available in this quantity. Lower the quantity or remove it."
                    </p>
                })}
            </th>
            <td class="num">{line.unit_price.to_string()}</td>
            <td>
                <ActionForm action=update attr:class="qty-form" attr:novalidate=true>
                    <input type="hidden" name="variant_id" value=variant_for_update/>
                    <label class="visually-hidden" for=input_id.clone()>
                        {quantity_label}
                    </label>
                    <input
                        id=input_id
                        name="quantity"
                        type="number"
                        inputmode="numeric"
                        min="1"
                        max="999"
                        value=line.quantity.to_string()
                        required
                    />
                    <button type="submit" class="button">
                        "Update"
                        <span class="visually-hidden">{update_name}</span>
                    </button>
                </ActionForm>
            </td>
            <td class="num">{line.line_total.to_string()}</td>
            <td>
                <ActionForm action=remove attr:class="remove-form">
                    <input type="hidden" name="variant_id" value=variant_for_remove/>
                    <button type="submit" class="button button--quiet">
                        "Remove"
                        <span class="visually-hidden">{remove_name}</span>
                    </button>
                </ActionForm>
            </td>
        </tr>
    }
}
