use super::BasketState;
use super::api::AddToBasket;
use super::feedback::ActionFeedback;
use leptos::form::ActionForm;
use leptos::prelude::*;

#[component]
pub fn AddToBasketForm(variant_id: i64, can_buy: bool) -> impl IntoView {
    let add = ServerAction::<AddToBasket>::new();
    BasketState::expect().follow(move || add.version().get());
    view! {
        // Server-side validation speaks for itself, in both modes.
        <ActionForm action=add attr:class="add-to-basket" attr:novalidate=true>
            <input type="hidden" name="variant_id" value=variant_id.to_string()/>
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
            <button type="submit" class="button button--primary" disabled=!can_buy>
                "Add to basket"
            </button>
        </ActionForm>
        <ActionFeedback value=add.value()/>
    }
}
