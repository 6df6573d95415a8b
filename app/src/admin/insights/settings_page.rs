use super::api::{SaveStoreDetails, load_store_details};
use crate::admin::shell::widgets::ActionError;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

/// The seller's details for invoices and delivery notes (admins only).
#[component]
pub fn SettingsPage() -> impl IntoView {
    let save = ServerAction::<SaveStoreDetails>::new();
    let details = Resource::new(move || save.version().get(), |_| load_store_details());
    view! {
        <Title text="Settings"/>
        <h1>"Settings"</h1>
        <ActionError value=save.value()/>
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match details.await {
                    Ok(d) => view! {
                        <ActionForm action=save attr:class="stacked-form">
                            <label for="store-name">"Store name"</label>
                            <input id="store-name" name="details[store_name]" value=d.store_name maxlength="200"/>
                            <label for="store-address">"Address"</label>
                            <textarea id="store-address" name="details[address]" rows="4" maxlength="1000">{d.address}</textarea>
                            <label for="store-vat">"VAT id"</label>
                            <input id="store-vat" name="details[vat_id]" value=d.vat_id maxlength="200"/>
                            <label for="store-email">"Email"</label>
                            <input id="store-email" name="details[email]" value=d.email maxlength="200"/>
                            <label for="store-note">"Invoice note (bank details, terms)"</label>
                            <textarea id="store-note" name="details[invoice_note]" rows="3" maxlength="1000">{d.invoice_note}</textarea>
                            <button type="submit" class="button button--primary">"Save settings"</button>
                        </ActionForm>
                    }.into_any(),
                    Err(error) => view! { <p role="alert" class="notice notice--error">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}
