use super::actions::OrderActionsPanel;
use super::api::{AddOrderNote, CancelOrder, ResendEmail, load_admin_order};
use super::types::AdminOrder;
use super::types::SentEmail;
use crate::admin::fulfilment_api::{RenewDownload, ShipOrder};
use crate::admin::payments_api::{MarkPaid, RecordPayment, RefundPayments};
use crate::admin::shell::widgets::{ActionDone, ActionError, StatusBadge, reset_on_success};
use crate::admin::svg::diagram::workflow_svg;
use crate::checkout::summary_table::SummaryTable;
use crate::domain::dates::format_utc;
use crate::domain::order_state::OrderState;
use crate::orders::order_page::AddressBlock;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// Every action of the order page; the order is read again after each.
#[derive(Clone, Copy)]
pub struct OrderPageActions {
    pub record: ServerAction<RecordPayment>,
    pub mark_paid: ServerAction<MarkPaid>,
    pub ship: ServerAction<ShipOrder>,
    pub cancel: ServerAction<CancelOrder>,
    pub refund: ServerAction<RefundPayments>,
    pub note: ServerAction<AddOrderNote>,
    pub renew: ServerAction<RenewDownload>,
    pub resend: ServerAction<ResendEmail>,
}

impl OrderPageActions {
    fn new() -> Self {
        OrderPageActions {
            record: ServerAction::new(),
            mark_paid: ServerAction::new(),
            ship: ServerAction::new(),
            cancel: ServerAction::new(),
            refund: ServerAction::new(),
            note: ServerAction::new(),
            renew: ServerAction::new(),
            resend: ServerAction::new(),
        }
    }

    fn versions(&self) -> [usize; 8] {
        [
            self.record.version().get(),
            self.mark_paid.version().get(),
            self.ship.version().get(),
            self.cancel.version().get(),
            self.refund.version().get(),
            self.note.version().get(),
            self.renew.version().get(),
            self.resend.version().get(),
        ]
    }
}

#[component]
pub fn AdminOrderPage() -> impl IntoView {
    let params = use_params_map();
    let number = move || params.with(|p| p.get("number").unwrap_or_default());
    let actions = OrderPageActions::new();
    let order = Resource::new(
        move || (number(), actions.versions()),
        |(number, _)| load_admin_order(number),
    );
    view! {
        <Transition fallback=|| view! { <p>"Loading the order…"</p> }>
            {move || Suspend::new(async move {
                match order.await {
                    Ok(order) => view! { <OrderView order actions/> }.into_any(),
                    Err(error) => view! { <p role="alert" class="notice notice--error">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn OrderView(order: AdminOrder, actions: OrderPageActions) -> impl IntoView {
    let snapshot = order.detail.snapshot.clone();
    let number = snapshot.number.clone();
    let current = OrderState::parse(&order.status);
    let events = order
        .detail
        .events
        .iter()
        .map(|e| {
            let reason = (!e.reason.is_empty()).then(|| format!(" ({})", e.reason));
            view! { <li>{e.label.clone()}{reason}</li> }
        })
        .collect_view();
    let notes = order
        .notes
        .iter()
        .map(|n| view! { <li><strong>{n.author.clone()}</strong>{format!(" · {}: ", format_utc(n.at))}{n.body.clone()}</li> })
        .collect_view();
    let records = order
        .records
        .iter()
        .map(|r| {
            view! {
                <details class="processor-record">
                    <summary>{format!("{} {} · {}", r.provider, r.kind, format_utc(r.at))}</summary>
                    <pre>{r.body.clone()}</pre>
                </details>
            }
        })
        .collect_view();
    let customer = order.customer.clone();
    let note_form = NodeRef::new();
    reset_on_success(move || actions.note.value().get(), note_form);
    let tracking = order.delivery.tracking_number.clone();
    view! {
        <Title text=format!("Order {number}")/>
        <h1>{format!("Order {number}")}</h1>
        <p class="order-status">
            "Status: " <StatusBadge code=order.status.clone() label=order.detail.status_label.clone()/>
            {format!(" · placed {}", format_utc(snapshot.placed_at))}
        </p>
        <p class="admin-links">
            <a href=format!("/admin/orders/{number}/invoice")>"Invoice"</a>
            " · "
            <a href=format!("/admin/orders/{number}/delivery-note")>"Delivery note"</a>
        </p>
        <OrderActionsPanel number=number.clone() allowed=order.actions ledger=order.ledger.clone() actions/>
        <div class="workflow-diagram" inner_html=workflow_svg(current)></div>
        <section aria-labelledby="lines-heading">
            <h2 id="lines-heading">"Lines"</h2>
            <SummaryTable summary=snapshot.summary.clone()/>
        </section>
        <section aria-labelledby="customer-heading">
            <h2 id="customer-heading">"Customer"</h2>
            <p>{customer.email.clone()}</p>
            {match (customer.user, customer.user_email.clone()) {
                (Some(user), Some(account)) => view! {
                    <p>"Account: " <a href=format!("/admin/customers/{user}")>{account}</a></p>
                }.into_any(),
                _ => view! { <p>"Ordered without an account"</p> }.into_any(),
            }}
            <p>{format!("{} orders with this email", customer.orders)}</p>
            {snapshot.organisation.clone().map(|org| view! { <p>"Ordered for " {org}</p> })}
            {(!snapshot.vat_id.is_empty()).then(|| view! { <p>"VAT id " {snapshot.vat_id.clone()}</p> })}
            <div class="addresses">
                {snapshot.shipping_address.clone().map(|address| view! { <AddressBlock title="Shipping address" address/> })}
                <AddressBlock title="Billing address" address=snapshot.billing_address.clone()/>
            </div>
        </section>
        <section aria-labelledby="delivery-heading">
            <h2 id="delivery-heading">"Delivery"</h2>
            {tracking.map(|t| view! { <p>"Tracking: " <strong data-testid="tracking">{t}</strong></p> })}
            <DownloadLinks number=number.clone() order=order.clone() actions/>
        </section>
        <section aria-labelledby="records-heading">
            <h2 id="records-heading">"Processor records"</h2>
            {if order.records.is_empty() { Some(view! { <p>"None."</p> }) } else { None }}
            {records}
        </section>
        <section aria-labelledby="events-heading">
            <h2 id="events-heading">"Timeline"</h2>
            <ol class="order-events">{events}</ol>
        </section>
        <ResendEmails number=number.clone() sent=order.sent_emails.clone() action=actions.resend/>
        <section aria-labelledby="notes-heading">
            <h2 id="notes-heading">"Notes"</h2>
            <ul class="order-notes">{notes}</ul>
            <ActionError value=actions.note.value()/>
            <ActionForm action=actions.note node_ref=note_form attr:class="stacked-form">
                <input type="hidden" name="number" value=number.clone()/>
                <label for="note-body">"Note"</label>
                <textarea id="note-body" name="body" rows="3" maxlength="2000" required></textarea>
                <button type="submit" class="button">"Add note"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn DownloadLinks(number: String, order: AdminOrder, actions: OrderPageActions) -> impl IntoView {
    let links = order
        .delivery
        .downloads
        .into_iter()
        .map(|link| {
            let number = number.clone();
            view! {
                <li>
                    {format!("{}: {} of {} downloads left, until {}", link.name, link.remaining, link.max_attempts, format_utc(link.expires_at))}
                    <ActionForm action=actions.renew attr:class="inline-form">
                        <input type="hidden" name="number" value=number/>
                        <input type="hidden" name="link" value=link.id.to_string()/>
                        <input type="hidden" name="reset" value="on"/>
                        <input type="hidden" name="extend_days" value="7"/>
                        <button type="submit" class="button">{format!("Reset download link for {}", link.name)}</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    view! {
        <ActionError value=actions.renew.value()/>
        <ul class="download-links">{links}</ul>
    }
}

/// A button per email the customer was sent, to send it again.
#[component]
fn ResendEmails(
    number: String,
    sent: Vec<SentEmail>,
    action: ServerAction<ResendEmail>,
) -> impl IntoView {
    let buttons = sent
        .into_iter()
        .map(|email| {
            let button = format!("Send the {} email again", email.label);
            let number = number.clone();
            view! {
                <li>
                    <ActionForm action attr:class="inline-form">
                        <input type="hidden" name="number" value=number/>
                        <input type="hidden" name="kind" value=email.code/>
                        <button type="submit" class="button">{button}</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="emails-heading">
            <h2 id="emails-heading">"Emails"</h2>
            <ActionError value=action.value()/>
            <ActionDone value=action.value() text="The email is on its way again."/>
            <ul class="resend-list">{buttons}</ul>
        </section>
    }
}
