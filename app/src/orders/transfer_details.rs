//! How to pay an order by hand: the bank details, as a definition list so
//! each value is announced with its label.

use super::types::PaymentInstructions;
use leptos::prelude::*;

#[component]
pub fn TransferDetails(instructions: PaymentInstructions) -> impl IntoView {
    let rows = instructions
        .details
        .into_iter()
        .map(|(label, value)| {
            view! {
                <dt>{label}</dt>
                <dd>{value}</dd>
            }
        })
        .collect_view();
    view! {
        <p>{instructions.intro}</p>
        <dl class="transfer-details" aria-label="Bank details">{rows}</dl>
    }
}
