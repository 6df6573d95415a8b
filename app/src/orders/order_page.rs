use super::api::{CancelOrder, PayOrder, Reorder, get_linked_order, get_my_order};
use super::downloads::DownloadList;
use super::transfer_details::TransferDetails;
use super::types::{JUST_PLACED, OrderDetail};
use crate::accounts::SignInPrompt;
use crate::checkout::summary_table::SummaryTable;
use crate::domain::Address;
use crate::domain::dates::format_utc;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// How the page reached the order: the owner's number or a secret link.
#[derive(Clone, Copy, PartialEq)]
enum Via {
    Account,
    Link,
}

#[component]
pub fn MyOrderPage() -> impl IntoView {
    view! { <OrderPage via=Via::Account/> }
}

#[component]
pub fn LinkedOrderPage() -> impl IntoView {
    view! { <OrderPage via=Via::Link/> }
}

#[component]
fn OrderPage(via: Via) -> impl IntoView {
    let params = use_params_map();
    let key = move || params.with(|p| p.get("key").unwrap_or_default());
    let cancel = ServerAction::<CancelOrder>::new();
    let order = Resource::new(key, move |key| async move {
        match via {
            Via::Account => get_my_order(key).await,
            Via::Link => get_linked_order(key).await,
        }
    });
    view! {
        <Transition fallback=|| view! { <p>"Loading your order…"</p> }>
            {move || Suspend::new(async move {
                match order.await {
                    Ok(order) => view! { <OrderDetails order via cancel key=key()/> }.into_any(),
                    Err(error) => view! { <SignInPrompt error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
pub fn AddressBlock(title: &'static str, address: Address) -> impl IntoView {
    let lines = address
        .lines()
        .into_iter()
        .map(|line| view! { <span>{line}</span><br/> })
        .collect_view();
    view! {
        <section class="address-block">
            <h2>{title}</h2>
            <address>{lines}</address>
        </section>
    }
}

#[component]
fn OrderDetails(
    order: OrderDetail,
    via: Via,
    cancel: ServerAction<CancelOrder>,
    key: String,
) -> impl IntoView {
    let pay_action = ServerAction::<PayOrder>::new();
    let reorder = ServerAction::<Reorder>::new();
    let snapshot = order.snapshot;
    let number = snapshot.number.clone();
    let downloads = (!order.downloads.is_empty()).then(|| {
        let links = order.downloads.clone();
        view! { <DownloadList links/> }
    });
    let tracking = order.tracking_number.clone().map(|tracking| {
        view! { <p class="tracking">"Tracking number: " <strong>{tracking}</strong></p> }
    });
    let thanks = use_query_map()
        .with_untracked(|q| q.get(JUST_PLACED).is_some())
        .then(|| {
            view! {
                <p role="status" class="notice notice--ok">
                    {format!("Thank you! Your order {number} has been placed.")}
                </p>
            }
        });
    let (number_field, token_field) = match via {
        Via::Account => (key.clone(), String::new()),
        Via::Link => (String::new(), key.clone()),
    };
    let hidden = move || {
        view! {
            <input type="hidden" name="number" value=number_field.clone()/>
            <input type="hidden" name="token" value=token_field.clone()/>
        }
    };
    let processing = order.payment.as_ref().is_some_and(|p| p.processing);
    let pay = order.awaiting_payment.then(|| {
        let hidden = hidden.clone();
        let status = order.payment.clone().map(|p| {
            let class = if p.failed {
                "notice notice--error"
            } else {
                "notice"
            };
            let wallet = p.wallet.map(|w| view! {
                <figure class="wallet-qr">
                    <div role="img" aria-label="QR code for your wallet" inner_html=w.qr_svg></div>
                    <figcaption><a href=w.uri>"Open in your wallet"</a></figcaption>
                </figure>
            });
            view! {
                <p role="status" class=class>{p.message}</p>
                {wallet}
            }
        });
        let failed = order.payment.as_ref().is_some_and(|p| p.failed);
        let retry = order.can_pay.then(|| {
            view! {
                <ActionForm action=pay_action>
                    {hidden()}
                    <button type="submit" class="button button--primary">
                        {if failed { "Try again" } else { "Pay now" }}
                    </button>
                </ActionForm>
            }
        });
        let transfer = order
            .instructions
            .clone()
            .map(|instructions| view! { <TransferDetails instructions/> });
        view! {
            <section class="payment-due" aria-labelledby="pay-heading">
                <h2 id="pay-heading">"Payment"</h2>
                {status}
                {transfer}
                {retry}
                // The processor decides within seconds; the page looks again
                // until it has.
                {processing.then(|| view! { <meta http-equiv="refresh" content="3"/> })}
            </section>
        }
    });
    let events = order
        .events
        .into_iter()
        .map(|e| view! { <li>{e.label}</li> })
        .collect_view();
    let cancel_form = order.awaiting_payment.then(|| {
        let hidden = hidden.clone();
        view! {
            <ActionForm action=cancel>
                {hidden()}
                <button type="submit" class="button">"Cancel order"</button>
            </ActionForm>
        }
    });
    let errors = move || {
        let cancel_error = cancel
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| pay_action.value().get().and_then(|r| r.err()));
        let reorder_error = reorder.value().get().and_then(|r| r.err());
        cancel_error
            .or(reorder_error)
            .map(|e| view! { <p role="alert" class="notice notice--error">{e.to_string()}</p> })
    };
    view! {
        <Title text=format!("Order {number}")/>
        {thanks}
        <h1>{format!("Order {number}")}</h1>
        {errors}
        <p class="order-status">
            "Status: " <strong data-testid="order-status">{order.status_label}</strong>
            {format!(" · placed {}", format_utc(snapshot.placed_at))}
        </p>
        {(via == Via::Link).then(|| view! {
            <p class="hint">"Keep this page's address: it is the link to your order."</p>
        })}
        {snapshot.organisation.clone().map(|org| view! { <p>"Ordered for " {org}</p> })}
        <SummaryTable summary=snapshot.summary.clone()/>
        {pay}
        {downloads}
        {tracking}
        <div class="addresses">
            {snapshot.shipping_address.clone().map(|address| view! { <AddressBlock title="Shipping address" address/> })}
            <AddressBlock title="Billing address" address=snapshot.billing_address.clone()/>
        </div>
        {(!snapshot.vat_id.is_empty()).then(|| view! { <p>"VAT id " {snapshot.vat_id.clone()}</p> })}
        <p>"Confirmation sent to " {snapshot.email.clone()}</p>
        <div class="order-actions">
            {cancel_form}
            <ActionForm action=reorder>
                {hidden()}
                <button type="submit" class="button button--primary">"Order again"</button>
            </ActionForm>
        </div>
        <section aria-labelledby="history-heading">
            <h2 id="history-heading">"History"</h2>
            <ol class="order-events">{events}</ol>
        </section>
    }
}
