use super::api::{SaveSettings, SetPaymentProvider, load_settings};
use super::seller_form::SellerForm;
use super::types::{ProviderView, StoreSettings};
use crate::admin::insights::api::{SaveStoreDetails, load_store_details};
use crate::admin::shell::widgets::{ActionDone, ActionError};
use crate::error::AppError;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

/// The store's settings (admins only): the seller, how the store runs,
/// and the payment providers; tax rates and shipping have their own pages.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let seller = ServerAction::<SaveStoreDetails>::new();
    let store = ServerAction::<SaveSettings>::new();
    let provider = ServerAction::<SetPaymentProvider>::new();
    let data = Resource::new(
        move || {
            (
                seller.version().get(),
                store.version().get(),
                provider.version().get(),
            )
        },
        |_| async move { Ok::<_, AppError>((load_store_details().await?, load_settings().await?)) },
    );
    view! {
        <Title text="Settings"/>
        <h1>"Settings"</h1>
        <ActionError value=seller.value()/>
        <ActionError value=store.value()/>
        <ActionError value=provider.value()/>
        <ActionDone value=seller.value() text="The settings were saved."/>
        <ActionDone value=store.value() text="The store settings were saved."/>
        <ActionDone value=provider.value() text="The payment providers were updated."/>
        <p class="admin-links">
            <a href="/admin/settings/tax">"Tax rates"</a>
            " · "
            <a href="/admin/settings/shipping">"Shipping methods"</a>
        </p>
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((details, overview)) => view! {
                        <SellerForm details save=seller/>
                        <StoreForm settings=overview.settings save=store/>
                        <Providers providers=overview.providers action=provider/>
                    }.into_any(),
                    Err(error) => view! { <p role="alert" class="notice notice--error">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn StoreForm(settings: StoreSettings, save: ServerAction<SaveSettings>) -> impl IntoView {
    let pending = (settings.currency != settings.running_currency).then(|| {
        format!(
            "The store runs in {} until it is restarted.",
            settings.running_currency
        )
    });
    view! {
        <section aria-labelledby="store-heading">
            <h2 id="store-heading">"Store"</h2>
            <ActionForm action=save attr:class="stacked-form">
                <label for="settings-currency">"Currency"</label>
                <input id="settings-currency" name="settings[currency]" value=settings.currency
                    maxlength="3" size="4" required aria-describedby="settings-currency-help"/>
                <p class="field-help" id="settings-currency-help">
                    "A new currency applies when the store restarts; every active variant needs a price in it. "
                    {pending}
                </p>
                <label class="checkbox">
                    <input type="checkbox" name="settings[prices_include_tax]" value="on" checked=settings.prices_include_tax/>
                    " Prices include tax"
                </label>
                <label for="settings-mail-from">"Email sender"</label>
                <input id="settings-mail-from" name="settings[mail_from]" value=settings.mail_from maxlength="200" required/>
                <label for="settings-reservation">"Basket reservations last (minutes)"</label>
                <input id="settings-reservation" name="settings[reservation_minutes]" inputmode="numeric"
                    value=settings.reservation_minutes.to_string() maxlength="5" required/>
                <label for="settings-unpaid">"Unpaid orders expire after (hours)"</label>
                <input id="settings-unpaid" name="settings[unpaid_order_hours]" inputmode="numeric"
                    value=settings.unpaid_order_hours.to_string() maxlength="4" required/>
                <button type="submit" class="button button--primary">"Save store settings"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Providers(
    providers: Vec<ProviderView>,
    action: ServerAction<SetPaymentProvider>,
) -> impl IntoView {
    let rows = providers
        .into_iter()
        .map(|p| {
            let settings = p
                .settings
                .into_iter()
                .map(|(name, value)| view! { <dt>{name}</dt><dd>{value}</dd> })
                .collect_view();
            let button = format!(
                "{} {}",
                if p.enabled { "Disable" } else { "Enable" },
                p.name
            );
            view! {
                <tr>
                    <th scope="row">{p.name.clone()}</th>
                    <td>{if p.enabled { "Offered at checkout" } else { "Not offered" }}</td>
                    <td><dl class="settings-list">{settings}</dl></td>
                    <td>
                        <ActionForm action attr:class="inline-form">
                            <input type="hidden" name="code" value=p.code/>
                            <input type="hidden" name="enabled" value=(!p.enabled).to_string()/>
                            <button type="submit" class="button">{button}</button>
                        </ActionForm>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="payments-heading">
            <h2 id="payments-heading">"Payment providers"</h2>
            <p class="field-help">"Keys and secrets are set in the server's environment and never shown here."</p>
            <table class="admin-table">
                <thead><tr>
                    <th scope="col">"Provider"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Configuration"</th>
                    <th scope="col"><span class="visually-hidden">"Switch"</span></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
