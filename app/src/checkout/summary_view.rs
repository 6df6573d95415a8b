//! Turns the domain's basket summary into what the page shows, with the
//! names, SKUs and serial numbers of the lines.

use super::types::{ShippingLineView, SummaryLineView, SummaryView};
use crate::domain::summary::BasketSummary;

/// What the summary cannot know: which item each line is.
#[derive(Debug, Clone, PartialEq)]
pub struct LineMeta {
    pub variant_id: i64,
    pub sku: String,
    pub title: String,
    pub variant_label: String,
    pub unit_id: Option<i64>,
    pub serial_number: Option<String>,
}

/// `meta` lines up with the summary's lines; `shipping` is the chosen
/// method's code and name.
pub fn summary_view(
    meta: Vec<LineMeta>,
    summary: BasketSummary,
    shipping: Option<(String, String)>,
    prices_include_tax: bool,
) -> SummaryView {
    let lines = meta
        .into_iter()
        .zip(summary.lines)
        .map(|(m, l)| SummaryLineView {
            variant_id: m.variant_id,
            sku: m.sku,
            title: m.title,
            variant_label: m.variant_label,
            unit_id: m.unit_id,
            serial_number: m.serial_number,
            quantity: l.quantity,
            unit_price: l.unit_price,
            line_total: l.line_total,
            discount: l.discount,
            tax_percent: l.tax_percent,
            net: l.amounts.net,
            tax: l.amounts.tax,
            gross: l.amounts.gross,
        })
        .collect();
    let shipping = match (summary.shipping, shipping) {
        (Some(amounts), Some((code, name))) => Some(ShippingLineView {
            code,
            name,
            net: amounts.net,
            tax: amounts.tax,
            gross: amounts.gross,
        }),
        _ => None,
    };
    SummaryView {
        lines,
        shipping,
        taxes: summary.taxes,
        prices_include_tax,
        offers: Vec::new(),
        discount_total: summary.discount_total,
        net_total: summary.net_total,
        tax_total: summary.tax_total,
        grand_total: summary.grand_total,
    }
}
