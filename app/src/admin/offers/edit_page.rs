//! The offer editor: what it covers, its condition and benefit, when it
//! runs and how it combines; voucher offers also list and add codes. It
//! works as plain form posts without JavaScript; a refused save comes
//! back with every value and a message next to each field.

use super::api::{AddVoucherCodes, SaveOffer, SetOfferActive, SetVoucherActive, load_offer_editor};
use super::codes_section::CodesSection;
use super::types::{BenefitKind, ConditionKind, OfferEditor, OfferKind};
use crate::admin::shell::widgets::{
    ActionError, described_by, field_message, form_checkbox as checkbox, form_input,
};
use crate::domain::FieldError;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn OfferEditPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_else(|| "new".into()));
    let save = ServerAction::<SaveOffer>::new();
    let activate = ServerAction::<SetOfferActive>::new();
    let codes = ServerAction::<AddVoucherCodes>::new();
    let switch = ServerAction::<SetVoucherActive>::new();
    let editor = Resource::new(
        move || {
            (
                id(),
                save.version().get(),
                activate.version().get(),
                codes.version().get(),
                switch.version().get(),
            )
        },
        |(id, ..)| load_offer_editor(id),
    );
    view! {
        <Transition fallback=|| view! { <p>"Loading the offer…"</p> }>
            {move || Suspend::new(async move {
                match editor.await {
                    Ok(editor) => view! { <Editor editor save activate codes switch/> }.into_any(),
                    Err(error) => view! { <p role="alert" class="notice notice--error">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// A labelled text input of the offer form, with its message.
fn input(
    errors: &[FieldError],
    field: &'static str,
    label: &'static str,
    value: String,
) -> impl IntoView + use<> {
    form_input("offer", errors, field, label, value, 100)
}

/// A labelled select of `(value, text)` options.
fn select(
    errors: &[FieldError],
    field: &'static str,
    label: &'static str,
    chosen: &str,
    options: Vec<(String, String)>,
) -> impl IntoView + use<> {
    let id = format!("offer-{field}");
    let options = options
        .into_iter()
        .map(|(value, text)| {
            let selected = value == chosen;
            view! { <option value=value selected=selected>{text}</option> }
        })
        .collect_view();
    view! {
        <label for=id.clone()>{label}</label>
        <select id=id name=format!("form[{field}]") aria-describedby=described_by(errors, field)>{options}</select>
        {field_message(errors, field)}
    }
}

#[component]
fn Editor(
    editor: OfferEditor,
    save: ServerAction<SaveOffer>,
    activate: ServerAction<SetOfferActive>,
    codes: ServerAction<AddVoucherCodes>,
    switch: ServerAction<SetVoucherActive>,
) -> impl IntoView {
    let OfferEditor {
        form,
        errors,
        currency,
        categories,
        catalogs,
        organisations,
        vouchers,
        voucher_count,
        stats,
    } = editor;
    let existing = form.id.parse::<i64>().ok();
    let title = match existing {
        Some(_) => format!("Edit {}", form.name),
        None => "New offer".to_owned(),
    };
    let kinds = OfferKind::ALL
        .iter()
        .map(|k| (k.code().to_owned(), k.label().to_owned()))
        .collect();
    let mut ranges = vec![("all".to_owned(), "All products".to_owned())];
    ranges.extend(
        categories
            .into_iter()
            .map(|(id, name)| (format!("category:{id}"), format!("Category: {name}"))),
    );
    ranges.extend(
        catalogs
            .into_iter()
            .map(|(id, name)| (format!("catalog:{id}"), format!("Catalog: {name}"))),
    );
    ranges.push((
        "products".to_owned(),
        "Chosen products (list their SKUs)".to_owned(),
    ));
    let conditions = ConditionKind::ALL
        .iter()
        .map(|k| (k.code().to_owned(), k.label().to_owned()))
        .collect();
    let benefits = BenefitKind::ALL
        .iter()
        .map(|k| (k.code().to_owned(), k.label().to_owned()))
        .collect();
    let mut members = vec![(String::new(), "None".to_owned())];
    members.extend(
        organisations
            .into_iter()
            .map(|(id, name)| (id.to_string(), name)),
    );
    let activation = existing.map(|id| {
        let active = form.active.is_some();
        view! {
            <ActionForm action=activate attr:class="inline-form">
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="active" value=(!active).to_string()/>
                <button type="submit" class="button">{if active { "Switch off" } else { "Switch on" }}</button>
            </ActionForm>
        }
    });
    let summary = stats.map(|s| {
        view! {
            <p class="hint">
                {format!("{} orders got this offer; it took off {}, and they came to {}.", s.redemptions, s.discount, s.revenue)}
            </p>
        }
    });
    let codes_panel = match (existing, form.kind == OfferKind::Voucher.code()) {
        (Some(offer), true) => {
            Some(view! { <CodesSection offer vouchers count=voucher_count codes switch/> })
        }
        _ => None,
    };
    let e = &errors;
    let fields = view! {
            <input type="hidden" name="form[id]" value=form.id.clone()/>
            <fieldset>
                <legend>"Offer"</legend>
                {input(e, "name", "Name", form.name.clone())}
                {select(e, "kind", "Kind", &form.kind, kinds)}
                {input(e, "priority", "Priority (higher applies first)", form.priority.clone())}
                {checkbox("exclusive", "Exclusive: cannot be combined with other offers", form.exclusive.is_some())}
                {checkbox("active", "Switched on", form.active.is_some())}
                {input(e, "starts_on", "First day (YYYY-MM-DD, optional)", form.starts_on.clone())}
                {input(e, "ends_on", "Last day (YYYY-MM-DD, optional)", form.ends_on.clone())}
            </fieldset>
            <fieldset>
                <legend>"Products"</legend>
                {select(e, "range", "Products it covers", &form.range, ranges)}
                <label for="offer-skus">"SKUs of the chosen products"</label>
                <textarea id="offer-skus" name="form[skus]" rows="3" aria-describedby=described_by(e, "skus")>{form.skus.clone()}</textarea>
                {field_message(e, "skus")}
            </fieldset>
            <fieldset>
                <legend>"Condition"</legend>
                {select(e, "condition_kind", "Condition", &form.condition_kind, conditions)}
                {input(e, "condition_value", "Number of items, or amount", form.condition_value.clone())}
                {select(e, "organisation", "Organisation", &form.organisation, members)}
            </fieldset>
            <fieldset>
                <legend>"Benefit"</legend>
                {select(e, "benefit_kind", "Benefit", &form.benefit_kind, benefits)}
                {input(e, "benefit_value", "Percentage, amount, or N", form.benefit_value.clone())}
            </fieldset>
    };
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p><a href="/admin/offers">"Back to the offers"</a></p>
        <p class="hint">{format!("Amounts are in {currency}.")}</p>
        {summary}
        {activation}
        <ActionError value=save.value()/>
        <ActionError value=activate.value()/>
        <ActionForm action=save attr:class="stacked-form" attr:novalidate=true>
            {fields}
            <button type="submit" class="button button--primary">"Save offer"</button>
        </ActionForm>
        {codes_panel}
    }
}
