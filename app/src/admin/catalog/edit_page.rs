//! The product editor: one form for the product, its variants, prices
//! and translations, plus the pictures and the digital file, which are
//! uploaded on their own. It works as plain form posts without
//! JavaScript; a refused save comes back with every value and a message
//! next to each field.

use super::api::{DeleteVariant, SaveProduct, SetProductActive, load_product_editor};
use super::images_panel::{ImageActions, ImagesPanel};
use super::rules::variant_field;
use super::types::{ProductEditor, ProductForm, VariantForm};
use super::variant_removal::VariantRemoval;
use crate::admin::shell::widgets::{
    ActionError, described_by, field_message, form_checkbox as checkbox, form_input,
};
use crate::domain::{FieldError, Locale};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ProductEditPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_else(|| "new".into()));
    let save = ServerAction::<SaveProduct>::new();
    let activate = ServerAction::<SetProductActive>::new();
    let remove = ServerAction::<DeleteVariant>::new();
    let images = ImageActions::new();
    let editor = Resource::new(
        move || {
            (
                id(),
                save.version().get(),
                activate.version().get(),
                remove.version().get(),
                images.versions(),
            )
        },
        |(id, ..)| load_product_editor(id),
    );
    view! {
        <Transition fallback=|| view! { <p>"Loading the product…"</p> }>
            {move || Suspend::new(async move {
                match editor.await {
                    Ok(editor) => view! { <Editor editor save activate remove images/> }.into_any(),
                    Err(error) => view! { <p role="alert" class="notice notice--error">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// A labelled text input of the product form, with its message.
fn text_field(
    errors: &[FieldError],
    field: &'static str,
    label: &'static str,
    value: String,
    max: usize,
) -> impl IntoView + use<> {
    form_input("product", errors, field, label, value, max)
}

fn text_area(
    errors: &[FieldError],
    field: &'static str,
    label: &'static str,
    value: String,
    rows: u32,
) -> impl IntoView + use<> {
    let id = format!("product-{field}");
    view! {
        <label for=id.clone()>{label}</label>
        <textarea
            id=id
            name=format!("form[{field}]")
            rows=rows.to_string()
            aria-describedby=described_by(errors, field)
        >{value}</textarea>
        {field_message(errors, field)}
    }
}

#[component]
fn Editor(
    editor: ProductEditor,
    save: ServerAction<SaveProduct>,
    activate: ServerAction<SetProductActive>,
    remove: ServerAction<DeleteVariant>,
    images: ImageActions,
) -> impl IntoView {
    let ProductEditor {
        form,
        errors,
        categories,
        catalogs,
        tax_classes,
        images: pictures,
        download,
        public_url,
    } = editor;
    let existing = form.id.parse::<i64>().ok();
    let title = match existing {
        Some(_) => format!("Edit {}", form.name),
        None => "New product".to_owned(),
    };
    let e = errors.clone();
    let kinds = ["physical", "digital", "service"]
        .into_iter()
        .map(|kind| view! { <option value=kind selected=form.product_type == kind>{kind}</option> })
        .collect_view();
    let classes = tax_classes
        .into_iter()
        .map(|class| {
            let selected = form.tax_class == class;
            view! { <option value=class.clone() selected=selected>{class.replace('_', " ")}</option> }
        })
        .collect_view();
    // Chosen categories first, in their order: the first is the primary one.
    let mut ordered = categories;
    ordered.sort_by_key(|c| {
        form.categories
            .iter()
            .position(|chosen| *chosen == c.id.to_string())
            .unwrap_or(usize::MAX)
    });
    let category_boxes = ordered
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let on = form.categories.contains(&c.id.to_string());
            view! {
                <label class="check">
                    <input type="checkbox" name=format!("form[categories][{i}]") value=c.id.to_string() checked=on/>
                    {c.label}
                </label>
            }
        })
        .collect_view();
    let catalog_boxes = catalogs
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let on = form.catalogs.contains(&c.id.to_string());
            view! {
                <label class="check">
                    <input type="checkbox" name=format!("form[catalogs][{i}]") value=c.id.to_string() checked=on/>
                    {c.label}
                </label>
            }
        })
        .collect_view();
    let variants = form
        .variants
        .iter()
        .enumerate()
        .map(|(i, v)| variant_row(&errors, i, v))
        .collect_view();
    let translations = translation_table(&form);
    let activation = existing.map(|id| {
        let active = form.active.is_some();
        view! {
            <ActionForm action=activate attr:class="inline-form">
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="active" value=(!active).to_string()/>
                <button type="submit" class="button">{if active { "Deactivate" } else { "Activate" }}</button>
            </ActionForm>
        }
    });
    let saved_variants = form.variants.clone();
    let uploads = existing.map(|id| {
        let digital = form.product_type == "digital";
        view! {
            <ImagesPanel product=id images=pictures.clone() actions=images/>
            {digital.then(|| view! {
                <section aria-labelledby="file-heading" class="admin-panel">
                    <h2 id="file-heading">"Download file"</h2>
                    <p>{match &download {
                        Some(file) => format!("Delivers {} ({} downloads per link, {} days).", file.filename, file.attempts, file.days),
                        None => "No file yet: buyers get no download until one is uploaded.".to_owned(),
                    }}</p>
                    <form method="post" enctype="multipart/form-data" action=format!("/admin/products/{id}/file") class="stacked-form">
                        <label for="download-file">"File"</label>
                        <input id="download-file" type="file" name="file" required/>
                        <button type="submit" class="button">"Upload file"</button>
                    </form>
                </section>
            })}
        }
    });
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        {public_url.map(|href| view! { <p><a href=href>"View in the shop"</a></p> })}
        {existing.map(|id| view! { <p><a href=format!("/admin/products/{id}/stock")>"Stock and reservations"</a></p> })}
        {activation}
        <ActionError value=save.value()/>
        <ActionError value=activate.value()/>
        <ActionForm action=save attr:class="product-form" attr:novalidate=true>
            <input type="hidden" name="form[id]" value=form.id.clone()/>
            <fieldset>
                <legend>"Product"</legend>
                {text_field(&e, "sku", "SKU", form.sku.clone(), 64)}
                {text_field(&e, "name", "Name", form.name.clone(), 200)}
                {text_field(&e, "slug", "Web address", form.slug.clone(), 120)}
                {text_field(&e, "short_description", "Short description", form.short_description.clone(), 500)}
                {text_area(&e, "description", "Description", form.description.clone(), 6)}
                <label for="product-type">"Type"</label>
                <select id="product-type" name="form[product_type]">{kinds}</select>
                {field_message(&e, "product_type")}
                <label for="product-tax-class">"Tax class"</label>
                <select id="product-tax-class" name="form[tax_class]">{classes}</select>
                {field_message(&e, "tax_class")}
                {text_field(&e, "weight_grams", "Weight (grams)", form.weight_grams.clone(), 9)}
                {checkbox("shippable", "Shippable", form.shippable.is_some())}
                {checkbox("active", "Active", form.active.is_some())}
            </fieldset>
            <fieldset aria-describedby=described_by(&e, "categories")>
                <legend>"Categories (the first is the main one)"</legend>
                {field_message(&e, "categories")}
                <div class="check-list">{category_boxes}</div>
            </fieldset>
            <fieldset>
                <legend>"Catalogs"</legend>
                {field_message(&e, "catalogs")}
                <div class="check-list">{catalog_boxes}</div>
            </fieldset>
            <fieldset>
                <legend>"Variants"</legend>
                <p class="hint">"Prices: one per line, a currency and an amount, e.g. “EUR 19.99”; add “month” or “year” for subscriptions. Leave the last row empty unless you add a variant."</p>
                {field_message(&e, "variants")}
                {variants}
            </fieldset>
            <fieldset>
                <legend>"Downloads"</legend>
                {text_field(&e, "download_attempts", "Downloads per link", form.download_attempts.clone(), 4)}
                {text_field(&e, "download_days", "Days a link works", form.download_days.clone(), 4)}
            </fieldset>
            {translations}
            <button type="submit" class="button button--primary">"Save product"</button>
        </ActionForm>
        {uploads}
        {existing.map(|_| view! { <VariantRemoval variants=saved_variants remove/> })}
    }
}

fn variant_row(errors: &[FieldError], i: usize, v: &VariantForm) -> impl IntoView + use<> {
    let n = i + 1;
    let name = move |field: &str| format!("form[variants][{i}][{field}]");
    let id = move |field: &str| format!("variant-{i}-{field}");
    let described = |field: &str| described_by(errors, &variant_field(i, field));
    let message = |field: &str| field_message(errors, &variant_field(i, field));
    let new = v.id.is_empty();
    let stock = if new {
        view! {
            <label for=id("stock")>{format!("Variant {n} stock")}</label>
            <input id=id("stock") name=name("stock") inputmode="numeric" value=v.stock.clone() aria-describedby=described("stock")/>
            {message("stock")}
            <label class="check">
                <input type="checkbox" name=name("serial") value="on" checked=v.serial.is_some()/>
                {format!("Variant {n} has serial numbers")}
            </label>
        }
        .into_any()
    } else {
        view! {
            <p class="hint">{format!("{} on hand{}", v.stock, if v.serial.is_some() { " (serial-numbered)" } else { "" })}</p>
        }
        .into_any()
    };
    view! {
        <div class="variant-row" role="group" aria-label=format!("Variant {n}")>
            <input type="hidden" name=name("id") value=v.id.clone()/>
            <label for=id("sku")>{format!("Variant {n} SKU")}</label>
            <input id=id("sku") name=name("sku") value=v.sku.clone() maxlength="64" aria-describedby=described("sku")/>
            {message("sku")}
            <label for=id("option-name")>{format!("Variant {n} option")}</label>
            <input id=id("option-name") name=name("option_name") value=v.option_name.clone() maxlength="60" placeholder="Size"/>
            <label for=id("option-value")>{format!("Variant {n} value")}</label>
            <input id=id("option-value") name=name("option_value") value=v.option_value.clone() maxlength="60" placeholder="M" aria-describedby=described("option")/>
            {message("option")}
            <label for=id("more-options")>{format!("Variant {n} more options")}</label>
            <input id=id("more-options") name=name("more_options") value=v.more_options.clone() maxlength="400"
                placeholder="Colour: Red; Material: Oak" aria-describedby=described("more_options")/>
            {message("more_options")}
            <label for=id("prices")>{format!("Variant {n} prices")}</label>
            <textarea id=id("prices") name=name("prices") rows="2" aria-describedby=described("prices")>{v.prices.clone()}</textarea>
            {message("prices")}
            {stock}
        </div>
    }
}

/// The product's own text next to each translation, one column per
/// language.
fn translation_table(form: &ProductForm) -> impl IntoView + use<> {
    let default = Locale::DEFAULT.native_name();
    let columns = form
        .translations
        .iter()
        .filter_map(|t| Locale::parse(&t.locale).map(|l| (l, t.clone())))
        .collect::<Vec<_>>();
    let headers = columns
        .iter()
        .map(|(l, _)| view! { <th scope="col">{l.native_name()}</th> })
        .collect_view();
    let row = |label: &'static str, field: &'static str, original: String| {
        let cells = columns
            .iter()
            .enumerate()
            .map(|(i, (locale, t))| {
                let value = match field {
                    "name" => t.name.clone(),
                    "short_description" => t.short_description.clone(),
                    _ => t.description.clone(),
                };
                let id = format!("translation-{}-{field}", locale.code());
                let input_name = format!("form[translations][{i}][{field}]");
                let label = format!("{label} ({})", locale.native_name());
                let input = if field == "description" {
                    view! { <textarea id=id.clone() name=input_name rows="4" aria-label=label>{value}</textarea> }.into_any()
                } else {
                    view! { <input id=id.clone() name=input_name value=value aria-label=label/> }.into_any()
                };
                view! { <td>{input}</td> }
            })
            .collect_view();
        view! { <tr><th scope="row">{label}</th><td class="original">{original}</td>{cells}</tr> }
    };
    let locales = columns
        .iter()
        .enumerate()
        .map(|(i, (l, _))| view! { <input type="hidden" name=format!("form[translations][{i}][locale]") value=l.code()/> })
        .collect_view();
    view! {
        <fieldset>
            <legend>"Translations"</legend>
            {locales}
            <table class="admin-table translations">
                <thead><tr><th scope="col">"Field"</th><th scope="col">{default}</th>{headers}</tr></thead>
                <tbody>
                    {row("Name", "name", form.name.clone())}
                    {row("Short description", "short_description", form.short_description.clone())}
                    {row("Description", "description", form.description.clone())}
                </tbody>
            </table>
        </fieldset>
    }
}
