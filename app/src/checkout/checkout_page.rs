use super::api::{LiveChoices, SubmitCheckout, get_checkout};
use super::fields::{AddressFields, TextField};
use super::summary_table::SummaryTable;
use super::types::{CheckoutOutcome, CheckoutView, VoucherStatus};
use crate::error::AppError;
use crate::layout::ErrorNotice;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let checkout = Resource::new(|| (), |_| get_checkout(None));
    view! {
        <Title text="Checkout"/>
        <h1>"Checkout"</h1>
        <Suspense fallback=|| view! { <p>"Loading the checkout…"</p> }>
            {move || Suspend::new(async move {
                match checkout.await {
                    Ok(view) => view! { <Checkout view/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The single-page checkout, rendered on the server: the form posts as a
/// plain form in every browser, and a refused order comes back marked.
/// Only the shipping methods and totals run in the browser.
#[component]
fn Checkout(view: CheckoutView) -> impl IntoView {
    if view.pending.is_some() {
        view! { <PendingNotice view/> }.into_any()
    } else if view.summary.lines.is_empty() {
        view! { <p>"Your basket is empty. " <a href="/">"Continue shopping"</a></p> }.into_any()
    } else {
        view! { <CheckoutForm view/> }.into_any()
    }
}

#[component]
fn PendingNotice(view: CheckoutView) -> impl IntoView {
    view.pending.map(|order| {
        view! {
            <p role="status" class="notice">
                {format!("Your basket is waiting for payment of order {}. ", order.number)}
                <a href=order.url>"View the order"</a>
            </p>
        }
    })
}

#[component]
fn SubmitFeedback(
    #[prop(into)] value: Signal<Option<Result<CheckoutOutcome, AppError>>>,
) -> impl IntoView {
    move || match value.get() {
        Some(Err(error)) => {
            Some(view! { <p role="alert" class="notice notice--error">{error.to_string()}</p> })
        }
        _ => None,
    }
}

/// The voucher code, applied with a form post like every other change; the
/// page comes back with the discount in its totals.
#[component]
fn VoucherField(
    draft_code: String,
    status: Option<VoucherStatus>,
    error: Option<String>,
) -> impl IntoView {
    // A refusal found when placing the order wins over the live status.
    let (message, applied) = match (error, &status) {
        (Some(error), _) => (Some(error), false),
        (None, Some(status)) => (Some(status.message.clone()), status.applied),
        (None, None) => (None, false),
    };
    let has_code = !draft_code.is_empty();
    view! {
        <fieldset>
            <legend>"Voucher"</legend>
            <TextField
                name="voucher"
                label="Voucher code"
                value=draft_code
                error=message.clone().filter(|_| !applied)
                autocomplete="off"
            />
            {applied.then(|| view! { <p role="status" class="notice notice--ok">{message.clone()}</p> })}
            <button type="submit" name="intent" value="update" class="button">"Apply voucher"</button>
            {has_code.then(|| view! {
                <button type="submit" name="intent" value="remove_voucher" class="button">"Remove voucher"</button>
            })}
        </fieldset>
    }
}

#[component]
fn CheckoutForm(view: CheckoutView) -> impl IntoView {
    let submit = ServerAction::<SubmitCheckout>::new();
    let draft = view.draft.clone();
    let error = {
        let view = view.clone();
        Callback::new(move |field: &'static str| view.error_for(field))
    };
    let organisations = (!view.organisations.is_empty()).then(|| {
        let options = view
            .organisations
            .iter()
            .map(|(id, name)| {
                let id = id.to_string();
                view! { <option value=id.clone() selected=draft.order_for == id>{name.clone()}</option> }
            })
            .collect_view();
        view! {
            <div class="field">
                <label for="order_for">"Order for"</label>
                <select id="order_for" name="order_for">
                    <option value="" selected=draft.order_for.is_empty()>"Myself"</option>
                    {options}
                </select>
                {error.run("order_for").map(|e| view! { <p class="field-error">{e}</p> })}
            </div>
        }
    });
    let needs_shipping = view.needs_shipping;
    let shipping = needs_shipping.then(|| {
        view! {
            <fieldset>
                <legend>"Shipping address"</legend>
                <AddressFields
                    prefix="shipping"
                    address=draft.shipping.clone()
                    error
                />
            </fieldset>
            <div class="field field--check">
                <input
                    id="billing_same"
                    name="billing_same"
                    type="checkbox"
                    value="on"
                    checked=draft.billing_same
                />
                <label for="billing_same">"Bill to the shipping address"</label>
            </div>
        }
    });
    let unavailable = (!view.unavailable.is_empty()).then(|| {
        view! {
            <p role="alert" class="notice notice--error">
                {format!("Not available in the quantity in your basket: {}. ", view.unavailable.join(", "))}
                <a href="/basket">"Review your basket"</a>
            </p>
        }
    });
    let voucher = view! { <VoucherField draft_code=draft.voucher.clone() status=view.voucher.clone() error=error.run("voucher")/> };
    let payments = view
        .payments
        .iter()
        .map(|p| {
            let id = format!("pay-{}", p.code);
            view! {
                <div class="field field--radio">
                    <input type="radio" id=id.clone() name="payment_method" value=p.code.clone()
                        checked=p.code == draft.payment_method/>
                    <label for=id>{p.name.clone()}</label>
                    <p class="hint">{p.description.clone()}</p>
                </div>
            }
        })
        .collect_view();
    view! {
        {unavailable}
        <SubmitFeedback value=submit.value()/>
        <ActionForm action=submit attr:class="checkout" attr:novalidate=true>
            <div class="checkout-fields">
                <fieldset>
                    <legend>"Contact"</legend>
                    <TextField name="email" label="Email" kind="email" value=draft.email.clone()
                        error=error.run("email") autocomplete="email" required=true/>
                    {organisations}
                </fieldset>
                {shipping}
                // Without JavaScript the billing fields are always there (and
                // ignored while the box is ticked); hydrated, the style sheet
                // hides them while it is.
                <fieldset class="billing-address">
                    <legend>"Billing address"</legend>
                    {needs_shipping.then(|| view! { <p class="hint no-js-only">"Only needed if it differs from the shipping address."</p> })}
                    <AddressFields
                        prefix="billing"
                        address=draft.billing.clone()
                        error
                    />
                    <TextField name="vat_id" label="VAT id" value=draft.vat_id.clone() error=error.run("vat_id")/>
                </fieldset>
                <fieldset>
                    <legend>"Payment"</legend>
                    {payments}
                    {error.run("payment_method").map(|e| view! { <p class="field-error">{e}</p> })}
                </fieldset>
                {voucher}
            </div>
            <aside class="checkout-summary" aria-labelledby="summary-heading">
                <LiveTotals view=view.clone()/>
                // First, so pressing Enter in a field places the order.
                <button type="submit" name="intent" value="place" class="button button--primary">"Place order"</button>
                <button type="submit" name="intent" value="update" class="button js-hidden">"Update totals"</button>
            </aside>
        </ActionForm>
    }
}

/// The shipping methods and the order summary. They follow the shopper's
/// countries and method as these change, without a page load. Every choice,
/// the island's own method radios included, is heard as its `change` event
/// bubbles up, since the rest of the form is server HTML.
#[island(lazy)]
fn LiveTotals(view: CheckoutView) -> impl IntoView {
    let draft = &view.draft;
    let live = RwSignal::new(LiveChoices {
        shipping_country: draft.shipping.country.clone(),
        billing_country: draft.billing.country.clone(),
        billing_same: draft.billing_same,
        shipping_method: draft.shipping_method.clone(),
    });
    let quote = Action::new(|choices: &LiveChoices| get_checkout(Some(choices.clone())));
    let method_error = view.error_for("shipping_method");
    let initial = view.clone();
    let current = Memo::new(move |_| match quote.value().get() {
        Some(Ok(fresh)) => fresh,
        _ => initial.clone(),
    });
    let changed = move |update: &dyn Fn(&mut LiveChoices)| {
        live.update(|l| update(l));
        quote.dispatch(live.get_untracked());
    };
    let _ = window_event_listener(leptos::ev::change, move |ev| {
        let field = event_target::<leptos::web_sys::HtmlInputElement>(&ev);
        match field.name().as_str() {
            "shipping_country" => {
                let country = field.value();
                changed(&|l| l.shipping_country = country.clone())
            }
            "billing_country" => {
                let country = field.value();
                changed(&|l| l.billing_country = country.clone())
            }
            "billing_same" => {
                let on = field.checked();
                changed(&|l| l.billing_same = on)
            }
            "shipping_method" => {
                let method = field.value();
                changed(&|l| l.shipping_method = method.clone())
            }
            _ => {}
        }
    });
    let methods = move || {
        let view = current.get();
        if !view.needs_shipping {
            return view! { <p>"Nothing to ship: your order is delivered digitally."</p> }
                .into_any();
        }
        if view.methods.is_empty() {
            return view! { <p class="hint">"Choose a country to see the shipping options."</p> }
                .into_any();
        }
        view.methods
            .into_iter()
            .map(|m| {
                let id = format!("method-{}", m.code);
                let checked = m.code == view.draft.shipping_method;
                view! {
                    <div class="field field--radio">
                        <input
                            type="radio"
                            id=id.clone()
                            name="shipping_method"
                            value=m.code.clone()
                            checked=checked
                        />
                        <label for=id>{format!("{} — {}", m.name, m.price)}</label>
                    </div>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <fieldset>
            <legend>"Shipping method"</legend>
            {methods}
            {method_error.map(|e| view! { <p class="field-error">{e}</p> })}
        </fieldset>
        <h2 id="summary-heading">"Order summary"</h2>
        {move || view! { <SummaryTable summary=current.get().summary/> }}
    }
}
