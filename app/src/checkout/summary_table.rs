use super::types::SummaryView;
use crate::domain::Money;
use leptos::prelude::*;

fn percent(p: rust_decimal::Decimal) -> String {
    format!("{} %", p.normalize())
}

/// Lines, shipping, taxes per rate and the total: the checkout's live
/// summary and the order page's record.
#[component]
pub fn SummaryTable(summary: SummaryView) -> impl IntoView {
    let currency = summary.grand_total.currency();
    let subtotal = summary
        .lines
        .iter()
        .try_fold(Money::zero(currency), |sum, l| {
            sum.checked_add(&l.line_total)
        })
        .unwrap_or(Money::zero(currency));
    let rows = summary
        .lines
        .into_iter()
        .map(|line| {
            let detail = [
                line.variant_label.clone(),
                line.serial_number
                    .as_ref()
                    .map(|s| format!("Serial number {s}"))
                    .unwrap_or_default(),
                format!("SKU {}", line.sku),
            ]
            .into_iter()
            .filter(|d| !d.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
            view! {
                <tr>
                    <th scope="row">
                        {line.title}
                        <span class="line-detail">{detail}</span>
                    </th>
                    <td class="num">{line.quantity}</td>
                    <td class="num">{line.unit_price.to_string()}</td>
                    <td class="num">{line.line_total.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    let include = summary.prices_include_tax;
    // Shipping is shown at its price; a free-shipping offer is listed
    // below it with the other discounts.
    let shipping_off = summary
        .offers
        .iter()
        .try_fold(Money::zero(currency), |sum, o| sum.checked_add(&o.shipping))
        .unwrap_or(Money::zero(currency));
    let shipping = summary.shipping.map(|s| {
        let charged = if include { s.gross } else { s.net };
        let price = charged.checked_add(&shipping_off).unwrap_or(charged);
        view! {
            <tr>
                <th scope="row" colspan="3">{format!("Shipping: {}", s.name)}</th>
                <td class="num">{price.to_string()}</td>
            </tr>
        }
    });
    let offers = summary
        .offers
        .into_iter()
        .map(|o| {
            let name = match &o.voucher {
                Some(code) => format!("{} (voucher {code})", o.name),
                None => o.name.clone(),
            };
            view! {
                <tr class="offer-row">
                    <th scope="row" colspan="3">{name}</th>
                    <td class="num">{format!("-{}", o.amount)}</td>
                </tr>
            }
        })
        .collect_view();
    let taxes = summary
        .taxes
        .into_iter()
        .map(|t| {
            let label = if t.included {
                format!("Includes VAT {}", percent(t.percent))
            } else {
                format!("VAT {}", percent(t.percent))
            };
            view! {
                <tr class="tax-row">
                    <th scope="row" colspan="3">{label}</th>
                    <td class="num">{t.amount.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="summary">
            <caption class="visually-hidden">"Order summary"</caption>
            <thead>
                <tr>
                    <th scope="col">"Item"</th>
                    <th scope="col" class="num">"Quantity"</th>
                    <th scope="col" class="num">"Unit price"</th>
                    <th scope="col" class="num">"Total"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
            <tfoot>
                <tr>
                    <th scope="row" colspan="3">"Subtotal"</th>
                    <td class="num">{subtotal.to_string()}</td>
                </tr>
                {shipping}
                {offers}
                {taxes}
                <tr class="grand-total">
                    <th scope="row" colspan="3">"Total"</th>
                    <td class="num" data-testid="grand-total">{summary.grand_total.to_string()}</td>
                </tr>
            </tfoot>
        </table>
    }
}
