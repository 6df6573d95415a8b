use super::api::{DeleteTaxRate, SaveTaxRate, load_settings};
use super::types::TaxRateRow;
use crate::admin::shell::widgets::{ActionDone, ActionError, reset_on_success};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

/// Tax rates by country and tax class (admins only). Whether catalogue
/// prices include them is a store setting.
#[component]
pub fn TaxRatesPage() -> impl IntoView {
    let save = ServerAction::<SaveTaxRate>::new();
    let remove = ServerAction::<DeleteTaxRate>::new();
    let data = Resource::new(
        move || (save.version().get(), remove.version().get()),
        |_| load_settings(),
    );
    let form = NodeRef::new();
    reset_on_success(move || save.value().get(), form);
    view! {
        <Title text="Tax rates"/>
        <h1>"Tax rates"</h1>
        <p><a href="/admin/settings">"Back to the settings"</a></p>
        <ActionError value=save.value()/>
        <ActionError value=remove.value()/>
        <ActionDone value=save.value() text="The tax rate was saved."/>
        <ActionDone value=remove.value() text="The tax rate was removed."/>
        <section aria-labelledby="tax-form-heading">
            <h2 id="tax-form-heading">"Add or change a rate"</h2>
            <ActionForm action=save node_ref=form attr:class="inline-form">
                <label for="tax-country">"Country code"</label>
                <input id="tax-country" name="country" maxlength="2" size="3" required/>
                <label for="tax-class">"Tax class"</label>
                <input id="tax-class" name="tax_class" maxlength="40" value="standard" required/>
                <label for="tax-percent">"Rate (%)"</label>
                <input id="tax-percent" name="percent" inputmode="decimal" maxlength="8" size="6" required/>
                <button type="submit" class="button button--primary">"Save tax rate"</button>
            </ActionForm>
        </section>
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(overview) => view! { <RateTable rates=overview.tax_rates remove/> }.into_any(),
                    Err(error) => view! { <p role="alert" class="notice notice--error">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn RateTable(rates: Vec<TaxRateRow>, remove: ServerAction<DeleteTaxRate>) -> impl IntoView {
    let rows = rates
        .into_iter()
        .map(|r| {
            let button = format!("Remove {} {}", r.country, r.tax_class);
            view! {
                <tr>
                    <td>{r.country.clone()}</td>
                    <td>{r.tax_class.clone()}</td>
                    <td class="num">{format!("{} %", r.percent)}</td>
                    <td>
                        <ActionForm action=remove attr:class="inline-form">
                            <input type="hidden" name="country" value=r.country/>
                            <input type="hidden" name="tax_class" value=r.tax_class/>
                            <button type="submit" class="button">{button}</button>
                        </ActionForm>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="admin-table">
            <caption>"Rates"</caption>
            <thead><tr>
                <th scope="col">"Country"</th>
                <th scope="col">"Tax class"</th>
                <th scope="col" class="num">"Rate"</th>
                <th scope="col"><span class="visually-hidden">"Remove"</span></th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
