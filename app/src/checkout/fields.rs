//! Form fields with their label, kept value and error, wired for screen
//! readers (`aria-invalid`, `aria-describedby`).

use crate::domain::address::MAX_FIELD;
use crate::domain::country::COUNTRIES;
use leptos::prelude::*;

#[component]
pub fn TextField(
    name: &'static str,
    label: &'static str,
    value: String,
    error: Option<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let error_id = format!("{name}-error");
    let invalid = error.is_some();
    let described = invalid.then(|| error_id.clone());
    view! {
        <div class="field" class:field--invalid=invalid>
            <label for=name>{label}{(!required).then_some(" (optional)")}</label>
            <input
                id=name
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                maxlength=MAX_FIELD.to_string()
                aria-invalid=invalid.then_some("true")
                aria-describedby=described
            />
            {error.map(|e| view! { <p class="field-error" id=error_id>{e}</p> })}
        </div>
    }
}

#[component]
pub fn CountryField(name: &'static str, value: String, error: Option<String>) -> impl IntoView {
    let error_id = format!("{name}-error");
    let invalid = error.is_some();
    let described = invalid.then(|| error_id.clone());
    let mut countries: Vec<_> = COUNTRIES.to_vec();
    countries.sort_by_key(|(_, name)| *name);
    let options = countries
        .into_iter()
        .map(|(code, country)| {
            view! { <option value=code selected=value == code>{country}</option> }
        })
        .collect_view();
    view! {
        <div class="field" class:field--invalid=invalid>
            <label for=name>"Country"</label>
            <select
                id=name
                name=name
                aria-invalid=invalid.then_some("true")
                aria-describedby=described
            >
                <option value="" selected=value.is_empty()>"Choose a country…"</option>
                {options}
            </select>
            {error.map(|e| view! { <p class="field-error" id=error_id>{e}</p> })}
        </div>
    }
}

/// The fields of one address, named `<prefix>_<field>`.
#[component]
pub fn AddressFields(
    prefix: &'static str,
    address: crate::domain::Address,
    error: Callback<&'static str, Option<String>>,
) -> impl IntoView {
    macro_rules! name {
        ($field:literal) => {
            match prefix {
                "shipping" => concat!("shipping_", $field),
                _ => concat!("billing_", $field),
            }
        };
    }
    view! {
        <TextField name=name!("name") label="Full name" value=address.name error=error.run(name!("name")) autocomplete="name" required=true/>
        <TextField name=name!("company") label="Company" value=address.company error=error.run(name!("company")) autocomplete="organization"/>
        <TextField name=name!("line1") label="Street and number" value=address.line1 error=error.run(name!("line1")) autocomplete="address-line1" required=true/>
        <TextField name=name!("line2") label="Address line 2" value=address.line2 error=error.run(name!("line2")) autocomplete="address-line2"/>
        <TextField name=name!("postcode") label="Postcode" value=address.postcode error=error.run(name!("postcode")) autocomplete="postal-code" required=true/>
        <TextField name=name!("city") label="Town or city" value=address.city error=error.run(name!("city")) autocomplete="address-level2" required=true/>
        <CountryField name=name!("country") value=address.country error=error.run(name!("country"))/>
    }
}
