//! The printable invoice and delivery note: the order's snapshot in the
//! order's own language, with the seller's details from the settings.
//! The print stylesheet leaves out everything but the document.

use super::api::load_admin_order;
use super::types::AdminOrder;
use crate::admin::insights::api::load_store_details;
use crate::admin::insights::types::StoreDetails;
use crate::domain::Address;
use crate::domain::dates::format_utc;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[derive(Clone, Copy, PartialEq)]
enum Document {
    Invoice,
    DeliveryNote,
}

/// The words of the documents, in the languages orders are placed in.
struct Words {
    invoice: &'static str,
    delivery_note: &'static str,
    number: &'static str,
    date: &'static str,
    bill_to: &'static str,
    ship_to: &'static str,
    item: &'static str,
    sku: &'static str,
    quantity: &'static str,
    unit_price: &'static str,
    amount: &'static str,
    shipping: &'static str,
    tax: &'static str,
    included: &'static str,
    total: &'static str,
    vat_id: &'static str,
    print: &'static str,
    /// Said instead of the button when JavaScript is off.
    print_hint: &'static str,
}

const ENGLISH: Words = Words {
    invoice: "Invoice",
    delivery_note: "Delivery note",
    number: "Order number",
    date: "Date",
    bill_to: "Bill to",
    ship_to: "Ship to",
    item: "Item",
    sku: "SKU",
    quantity: "Quantity",
    unit_price: "Unit price",
    amount: "Amount",
    shipping: "Shipping",
    tax: "VAT",
    included: "included",
    total: "Total",
    vat_id: "VAT id",
    print: "Print",
    print_hint: "Print this page with your browser's print command.",
};

const GERMAN: Words = Words {
    invoice: "Rechnung",
    delivery_note: "Lieferschein",
    number: "Bestellnummer",
    date: "Datum",
    bill_to: "Rechnungsadresse",
    ship_to: "Lieferadresse",
    item: "Artikel",
    sku: "Artikelnummer",
    quantity: "Menge",
    unit_price: "Einzelpreis",
    amount: "Betrag",
    shipping: "Versand",
    tax: "MwSt.",
    included: "enthalten",
    total: "Gesamt",
    vat_id: "USt-IdNr.",
    print: "Drucken",
    print_hint: "Drucken Sie diese Seite mit dem Druckbefehl Ihres Browsers.",
};

fn words(locale: &str) -> &'static Words {
    if locale == "de" { &GERMAN } else { &ENGLISH }
}

#[component]
pub fn InvoicePage() -> impl IntoView {
    view! { <PrintPage document=Document::Invoice/> }
}

#[component]
pub fn DeliveryNotePage() -> impl IntoView {
    view! { <PrintPage document=Document::DeliveryNote/> }
}

#[component]
fn PrintPage(document: Document) -> impl IntoView {
    let params = use_params_map();
    let number = move || params.with(|p| p.get("number").unwrap_or_default());
    let data = Resource::new(number, |number| async move {
        Ok::<_, crate::error::AppError>((
            load_admin_order(number).await?,
            load_store_details().await?,
        ))
    });
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((order, seller)) => view! { <PrintDocument order seller document/> }.into_any(),
                    Err(error) => view! { <p role="alert" class="notice notice--error">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn address_lines(address: &Address) -> impl IntoView + use<> {
    address
        .lines()
        .into_iter()
        .map(|line| view! { <span>{line}</span><br/> })
        .collect_view()
}

#[component]
fn PrintDocument(order: AdminOrder, seller: StoreDetails, document: Document) -> impl IntoView {
    let snapshot = order.detail.snapshot;
    let w = words(&snapshot.locale);
    let title = match document {
        Document::Invoice => w.invoice,
        Document::DeliveryNote => w.delivery_note,
    };
    let invoice = document == Document::Invoice;
    let summary = snapshot.summary.clone();
    let lines = summary
        .lines
        .iter()
        .map(|line| {
            let money = invoice.then(|| {
                view! {
                    <td class="num">{line.unit_price.to_string()}</td>
                    <td class="num">{line.line_total.to_string()}</td>
                }
            });
            view! {
                <tr>
                    <td>{line.full_name()}{line.serial_number.clone().map(|sn| format!(" · SN {sn}"))}</td>
                    <td>{line.sku.clone()}</td>
                    <td class="num">{line.quantity}</td>
                    {money}
                </tr>
            }
        })
        .collect_view();
    let totals = invoice.then(|| {
        let shipping = summary.shipping.clone().map(|s| {
            view! { <tr><th scope="row" colspan="4">{format!("{}: {}", w.shipping, s.name)}</th><td class="num">{s.gross.to_string()}</td></tr> }
        });
        let taxes = summary
            .taxes
            .iter()
            .map(|t| {
                let label = if t.included {
                    format!("{} {} % ({})", w.tax, t.percent, w.included)
                } else {
                    format!("{} {} %", w.tax, t.percent)
                };
                view! { <tr><th scope="row" colspan="4">{label}</th><td class="num">{t.amount.to_string()}</td></tr> }
            })
            .collect_view();
        view! {
            <tfoot>
                {shipping}
                {taxes}
                <tr class="grand-total"><th scope="row" colspan="4">{w.total}</th><td class="num" data-testid="invoice-total">{summary.grand_total.to_string()}</td></tr>
            </tfoot>
        }
    });
    let seller_address = seller
        .address
        .lines()
        .map(|line| view! { <span>{line.to_owned()}</span><br/> })
        .collect_view();
    let ship_to = snapshot.shipping_address.clone().map(|a| {
        view! { <section><h2>{w.ship_to}</h2><address>{address_lines(&a)}</address></section> }
    });
    let bill_to = invoice.then(|| {
        let vat = (!snapshot.vat_id.is_empty()).then(|| format!("{} {}", w.vat_id, snapshot.vat_id));
        view! { <section><h2>{w.bill_to}</h2><address>{address_lines(&snapshot.billing_address)}</address>{vat}</section> }
    });
    let note = (invoice && !seller.invoice_note.is_empty())
        .then(|| view! { <p class="invoice-note">{seller.invoice_note.clone()}</p> });
    view! {
        <Title text=format!("{title} {}", snapshot.number)/>
        <article class="print-document" lang=snapshot.locale.clone()>
            <header class="print-document__seller">
                <p class="print-document__store">{seller.store_name.clone()}</p>
                <address>{seller_address}</address>
                {(!seller.vat_id.is_empty()).then(|| view! { <p>{format!("{} {}", w.vat_id, seller.vat_id)}</p> })}
                {(!seller.email.is_empty()).then(|| view! { <p>{seller.email.clone()}</p> })}
            </header>
            <h1>{format!("{title} {}", snapshot.number)}</h1>
            <dl class="print-document__facts">
                <dt>{w.number}</dt><dd>{snapshot.number.clone()}</dd>
                <dt>{w.date}</dt><dd>{format_utc(snapshot.placed_at)}</dd>
            </dl>
            <div class="addresses">{bill_to}{ship_to}</div>
            <table class="admin-table">
                <thead>
                    <tr>
                        <th scope="col">{w.item}</th>
                        <th scope="col">{w.sku}</th>
                        <th scope="col" class="num">{w.quantity}</th>
                        {invoice.then(|| view! { <th scope="col" class="num">{w.unit_price}</th><th scope="col" class="num">{w.amount}</th> })}
                    </tr>
                </thead>
                <tbody>{lines}</tbody>
                {totals}
            </table>
            {note}
            // Without JavaScript the browser's own print command does it.
            <PrintButton label=w.print.to_string()/>
            <p class="hint no-print no-js-only">{w.print_hint}</p>
        </article>
    }
}

/// A handler, not an inline attribute, which the CSP would block.
#[island(lazy)]
fn PrintButton(label: String) -> impl IntoView {
    view! {
        <button type="button" class="button no-print js-only" on:click=|_| { let _ = window().print(); }>
            {label}
        </button>
    }
}
