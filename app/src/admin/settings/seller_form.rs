use crate::admin::insights::api::SaveStoreDetails;
use crate::admin::insights::types::StoreDetails;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The seller's details for invoices and delivery notes.
#[component]
pub fn SellerForm(details: StoreDetails, save: ServerAction<SaveStoreDetails>) -> impl IntoView {
    view! {
        <section aria-labelledby="seller-heading">
            <h2 id="seller-heading">"Seller details"</h2>
            <ActionForm action=save attr:class="stacked-form">
                <label for="store-name">"Store name"</label>
                <input id="store-name" name="details[store_name]" value=details.store_name maxlength="200"/>
                <label for="store-address">"Address"</label>
                <textarea id="store-address" name="details[address]" rows="4" maxlength="1000">{details.address}</textarea>
                <label for="store-vat">"VAT id"</label>
                <input id="store-vat" name="details[vat_id]" value=details.vat_id maxlength="200"/>
                <label for="store-email">"Email"</label>
                <input id="store-email" name="details[email]" value=details.email maxlength="200"/>
                <label for="store-note">"Invoice note (bank details, terms)"</label>
                <textarea id="store-note" name="details[invoice_note]" rows="3" maxlength="1000">{details.invoice_note}</textarea>
                <button type="submit" class="button button--primary">"Save settings"</button>
            </ActionForm>
        </section>
    }
}
