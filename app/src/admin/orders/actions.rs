//! The order page's buttons. Only what the state machine allows from the
//! order's state is offered (`OrderActions`, worked out on the server);
//! each server function checks again when it runs.

use super::detail_page::OrderPageActions;
use super::types::OrderActions;
use crate::admin::shell::widgets::{ActionError, reset_on_success};
use crate::admin::types::PaymentLedger;
use crate::domain::dates::format_utc;
use leptos::form::ActionForm;
use leptos::prelude::*;

#[component]
fn Ledger(ledger: PaymentLedger) -> impl IntoView {
    let rows = ledger
        .payments
        .iter()
        .map(|p| {
            view! {
                <tr>
                    <td>{format_utc(p.at)}</td>
                    <td>{p.provider.replace('_', " ")}</td>
                    <td>{p.status.clone()}</td>
                    <td class="num">{p.amount.to_string()}</td>
                    <td class="num">{p.captured.to_string()}</td>
                    <td class="num">{p.refunded.to_string()}</td>
                    <td>{p.reference.clone()}</td>
                    <td>{p.recorded_by.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="admin-table">
            <caption>"Payments"</caption>
            <thead>
                <tr>
                    <th scope="col">"Date"</th>
                    <th scope="col">"Method"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col" class="num">"Amount"</th>
                    <th scope="col" class="num">"Captured"</th>
                    <th scope="col" class="num">"Refunded"</th>
                    <th scope="col">"Reference"</th>
                    <th scope="col">"Recorded by"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <dl class="ledger-totals">
            <dt>"Total"</dt><dd>{ledger.total.to_string()}</dd>
            <dt>"Paid"</dt><dd data-testid="paid">{ledger.paid.to_string()}</dd>
            <dt>"Due"</dt><dd data-testid="due">{ledger.due.to_string()}</dd>
            <dt>"Refunded"</dt><dd>{ledger.refunded.to_string()}</dd>
        </dl>
    }
}

#[component]
pub fn OrderActionsPanel(
    number: String,
    allowed: OrderActions,
    ledger: PaymentLedger,
    actions: OrderPageActions,
) -> impl IntoView {
    let hidden = move || {
        let number = number.clone();
        view! { <input type="hidden" name="number" value=number/> }
    };
    let due = ledger.due.amount().to_string();
    let refundable = ledger.refundable.amount().to_string();
    let record_form = NodeRef::new();
    let ship_form = NodeRef::new();
    let refund_form = NodeRef::new();
    reset_on_success(move || actions.record.value().get(), record_form);
    reset_on_success(move || actions.ship.value().get(), ship_form);
    reset_on_success(move || actions.refund.value().get(), refund_form);
    // Each form gets its own copy of the order's number field.
    let [
        record_field,
        paid_field,
        ship_field,
        refund_field,
        cancel_field,
    ] = std::array::from_fn(|_| hidden());
    let record = allowed.record_payment.then(move || {
        view! {
            <ActionForm action=actions.record node_ref=record_form attr:class="action-form">
                {record_field}
                <label for="payment-amount">"Amount received"</label>
                <input id="payment-amount" name="amount" inputmode="decimal" required maxlength="20" value=due.clone()/>
                <label for="payment-reference">"Bank reference"</label>
                <input id="payment-reference" name="reference" maxlength="100"/>
                <button type="submit" class="button">"Record payment"</button>
            </ActionForm>
        }
    });
    let mark_paid = allowed.mark_paid.then(move || {
        view! {
            <ActionForm action=actions.mark_paid attr:class="action-form">
                {paid_field}
                <button type="submit" class="button button--primary">"Mark as paid"</button>
            </ActionForm>
        }
    });
    let ship = allowed.ship.then(move || {
        view! {
            <ActionForm action=actions.ship node_ref=ship_form attr:class="action-form">
                {ship_field}
                <label for="ship-carrier">"Carrier"</label>
                <input id="ship-carrier" name="carrier" maxlength="40"/>
                <label for="ship-tracking">"Tracking number"</label>
                <input id="ship-tracking" name="tracking_number" maxlength="60"/>
                <button type="submit" class="button button--primary">"Ship"</button>
            </ActionForm>
        }
    });
    let refund = allowed.refund.then(move || {
        view! {
            <ActionForm action=actions.refund node_ref=refund_form attr:class="action-form">
                {refund_field}
                <label for="refund-amount">"Amount to refund"</label>
                <input id="refund-amount" name="amount" inputmode="decimal" required maxlength="20" value=refundable.clone()/>
                <button type="submit" class="button">"Refund"</button>
            </ActionForm>
        }
    });
    let cancel = allowed.cancel.then(move || {
        view! {
            <ActionForm action=actions.cancel attr:class="action-form">
                {cancel_field}
                <button type="submit" class="button">"Cancel order"</button>
            </ActionForm>
        }
    });
    let nothing = (allowed == OrderActions::default())
        .then(|| view! { <p>"Nothing to do from this state."</p> });
    view! {
        <section aria-labelledby="actions-heading" class="order-admin-actions">
            <h2 id="actions-heading">"Actions"</h2>
            <ActionError value=actions.record.value()/>
            <ActionError value=actions.mark_paid.value()/>
            <ActionError value=actions.ship.value()/>
            <ActionError value=actions.refund.value()/>
            <ActionError value=actions.cancel.value()/>
            {nothing}
            {record}
            {mark_paid}
            {ship}
            {refund}
            {cancel}
            <Ledger ledger/>
        </section>
    }
}
