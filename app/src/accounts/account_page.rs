use super::api::{MakeDefaultAddress, SignOut, get_account};
use super::types::{AccountView, CustomerView};
use crate::layout::ErrorNotice;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccountPage() -> impl IntoView {
    let make_default = ServerAction::<MakeDefaultAddress>::new();
    let account = Resource::new(move || make_default.version().get(), |_| get_account());
    view! {
        <Title text="Your account"/>
        <h1>"Your account"</h1>
        <Transition fallback=|| view! { <p>"Loading your account…"</p> }>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(account) => view! { <AccountDetails account make_default/> }.into_any(),
                    Err(error) => view! { <SignInPrompt error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Pages that need an account send anonymous shoppers to sign in.
#[component]
pub fn SignInPrompt(error: crate::error::AppError) -> impl IntoView {
    match error {
        crate::error::AppError::Unauthorized(message) => view! {
            <section class="auth">
                <p>{message}</p>
                <p>
                    <a class="button button--primary" href="/account/sign-in">"Sign in"</a>
                    " or "
                    <a href="/account/register">"create an account"</a>
                </p>
            </section>
        }
        .into_any(),
        error => view! { <ErrorNotice error/> }.into_any(),
    }
}

#[component]
fn AccountDetails(
    account: AccountView,
    make_default: ServerAction<MakeDefaultAddress>,
) -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    let organisations = account
        .organisations
        .iter()
        .map(|(_, name)| view! { <li>{name.clone()}</li> })
        .collect_view();
    let has_organisations = !account.organisations.is_empty();
    let addresses = account
        .customers
        .into_iter()
        .map(|customer| view! { <AddressCard customer make_default/> })
        .collect_view();
    view! {
        <p>"Signed in as " <strong>{account.email}</strong></p>
        <p><a href="/account/orders">"Your orders"</a></p>
        <section aria-labelledby="addresses-heading">
            <h2 id="addresses-heading">"Billing addresses"</h2>
            <ul class="address-list">{addresses}</ul>
            <p class="hint">"Addresses are saved when you place an order."</p>
        </section>
        {has_organisations.then(|| view! {
            <section aria-labelledby="organisations-heading">
                <h2 id="organisations-heading">"Organisations"</h2>
                <p>"You can place orders for:"</p>
                <ul>{organisations}</ul>
            </section>
        })}
        <ActionForm action=sign_out>
            <button type="submit" class="button">"Sign out"</button>
        </ActionForm>
    }
}

#[component]
fn AddressCard(
    customer: CustomerView,
    make_default: ServerAction<MakeDefaultAddress>,
) -> impl IntoView {
    let lines = customer
        .address
        .lines()
        .into_iter()
        .map(|line| view! { <span>{line}</span><br/> })
        .collect_view();
    let label = match (&customer.organisation, customer.is_default) {
        (Some(org), _) => Some(format!("For {org}")),
        (None, true) => Some("Default".to_owned()),
        (None, false) => None,
    };
    let can_default = customer.organisation.is_none() && !customer.is_default;
    let id = customer.id.to_string();
    view! {
        <li class="address-card">
            {label.map(|l| view! { <p class="badge">{l}</p> })}
            <address>{lines}</address>
            {(!customer.vat_id.is_empty()).then(|| view! { <p>"VAT id " {customer.vat_id.clone()}</p> })}
            {can_default.then(|| view! {
                <ActionForm action=make_default>
                    <input type="hidden" name="customer_id" value=id.clone()/>
                    <button type="submit" class="button button--quiet">"Make default"</button>
                </ActionForm>
            })}
        </li>
    }
}
