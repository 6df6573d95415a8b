use super::api::{SaveShippingMethod, load_settings};
use super::types::ShippingMethodForm;
use crate::admin::shell::widgets::{ActionDone, ActionError};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

const KINDS: [(&str, &str); 3] = [
    ("flat", "One price"),
    ("free_over", "Free from an order value"),
    ("weight", "By weight"),
];

/// Shipping methods and their prices or weight bands (admins only).
#[component]
pub fn ShippingPage() -> impl IntoView {
    let save = ServerAction::<SaveShippingMethod>::new();
    let data = Resource::new(move || save.version().get(), |_| load_settings());
    view! {
        <Title text="Shipping methods"/>
        <h1>"Shipping methods"</h1>
        <p><a href="/admin/settings">"Back to the settings"</a></p>
        <ActionError value=save.value()/>
        <ActionDone value=save.value() text="The shipping method was saved."/>
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(overview) => {
                        let currency = overview.settings.currency.clone();
                        let forms = overview
                            .methods
                            .into_iter()
                            .map(|m| view! { <MethodForm method=m currency=currency.clone() save/> })
                            .collect_view();
                        view! {
                            {forms}
                            <MethodForm method=ShippingMethodForm { active: Some("on".into()), ..Default::default() } currency save/>
                        }.into_any()
                    }
                    Err(error) => view! { <p role="alert" class="notice notice--error">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// One method's form; an empty code makes it the form for a new method.
#[component]
fn MethodForm(
    method: ShippingMethodForm,
    currency: String,
    save: ServerAction<SaveShippingMethod>,
) -> impl IntoView {
    let new = method.code.is_empty();
    let key = if new {
        "new".to_owned()
    } else {
        method.code.clone()
    };
    let id = move |field: &str| format!("method-{key}-{field}");
    let heading = if new {
        "New shipping method".to_owned()
    } else {
        method.name.clone()
    };
    let button = if new {
        "Add shipping method".to_owned()
    } else {
        format!("Save {}", method.name)
    };
    let kinds = KINDS
        .iter()
        .map(|(value, text)| view! { <option value=*value selected=method.kind == *value>{*text}</option> })
        .collect_view();
    let code_field = if new {
        view! { <input id=id("code") name="method[code]" maxlength="40" required/> }.into_any()
    } else {
        view! {
            <input id=id("code") value=method.code.clone() readonly/>
            <input type="hidden" name="method[code]" value=method.code.clone()/>
        }
        .into_any()
    };
    view! {
        <fieldset class="method-form">
            <legend>{heading}</legend>
            <ActionForm action=save attr:class="stacked-form">
                <label for=id("code")>"Code"</label>
                {code_field}
                <label for=id("name")>"Name"</label>
                <input id=id("name") name="method[name]" value=method.name maxlength="200" required/>
                <label for=id("kind")>"Priced"</label>
                <select id=id("kind") name="method[kind]">{kinds}</select>
                <label for=id("amount")>{format!("Price ({currency}); below the threshold when free from an order value")}</label>
                <input id=id("amount") name="method[amount]" inputmode="decimal" value=method.amount maxlength="32"/>
                <label for=id("threshold")>{format!("Free from ({currency})")}</label>
                <input id=id("threshold") name="method[threshold]" inputmode="decimal" value=method.threshold maxlength="32"/>
                <label for=id("bands")>"Weight bands (grams: price; …)"</label>
                <input id=id("bands") name="method[bands]" value=method.bands maxlength="2000" placeholder="1000: 5.90; 5000: 9.90"/>
                <label for=id("countries")>"Countries (codes, empty for everywhere)"</label>
                <input id=id("countries") name="method[countries]" value=method.countries maxlength="1000"/>
                <label for=id("position")>"Position"</label>
                <input id=id("position") name="method[position]" inputmode="numeric" value=method.position maxlength="5"/>
                <label class="checkbox">
                    <input type="checkbox" name="method[active]" value="on" checked=method.active.is_some()/>
                    " Offered at checkout"
                </label>
                <button type="submit" class="button button--primary">{button}</button>
            </ActionForm>
        </fieldset>
    }
}
