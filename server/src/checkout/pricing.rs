//! Prices a basket for an address and shipping method with the domain
//! rules. No I/O: the page and the order placement share it, so the total
//! a shopper is shown is the total they are charged.

use super::config::CheckoutConfig;
use super::lines::CheckoutLine;
use crate::offers::vouchers::Checked;
use app::checkout::summary_view::summary_view;
use app::checkout::types::{CheckoutDraft, MethodOffer, SummaryView, VoucherStatus};
use app::domain::offers::{Offer, OfferBasket, OfferLine, VoucherResult, discounts};
use app::domain::shipping::{Shipment, ShippingMethod};
use app::domain::summary::LineInput;
use app::domain::summary::{BasketSummary, SummaryInput};
use app::domain::{Country, Currency, Money, MoneyError};

pub struct Priced {
    pub summary: SummaryView,
    pub needs_shipping: bool,
    pub offers: Vec<MethodOffer>,
    /// The method priced in: the shopper's choice if it is on offer,
    /// otherwise the first one offered.
    pub chosen: Option<String>,
    /// What became of the shopper's voucher code.
    pub voucher: Option<VoucherStatus>,
    /// The voucher whose offer is priced in.
    pub voucher_id: Option<i64>,
}

/// The offers a basket may get: the running automatic ones, the checked
/// voucher, and the organisations the shopper belongs to.
pub struct Deals<'a> {
    pub automatic: &'a [Offer],
    pub voucher: Option<&'a Checked>,
    pub organisations: &'a [i64],
}

pub fn price(
    lines: &[CheckoutLine],
    draft: &CheckoutDraft,
    config: &CheckoutConfig,
    currency: Currency,
    prices_include_tax: bool,
    deals: &Deals<'_>,
) -> Result<Priced, MoneyError> {
    let needs_shipping = lines.iter().any(|l| l.shippable);
    let country = draft.tax_address(needs_shipping).country();
    let inputs: Vec<LineInput> = lines.iter().map(|l| l.input(currency)).collect();
    let mut goods_total = Money::zero(currency);
    let mut weight: u64 = 0;
    for (line, input) in lines.iter().zip(&inputs) {
        goods_total =
            goods_total.checked_add(&input.unit_price.checked_mul(input.quantity.get())?)?;
        if line.shippable {
            let grams = u64::try_from(line.weight_grams).unwrap_or(0);
            weight = weight.saturating_add(grams.saturating_mul(u64::from(input.quantity.get())));
        }
    }
    let offers: Vec<MethodOffer> = match country {
        Some(country) if needs_shipping => ShippingMethod::offers(
            &config.methods,
            &Shipment {
                goods_total,
                weight_grams: weight,
                country,
                needs_shipping,
            },
        )
        .into_iter()
        .map(|(method, price)| MethodOffer {
            code: method.code.clone(),
            name: method.name.clone(),
            price,
        })
        .collect(),
        _ => Vec::new(),
    };
    let chosen = offers
        .iter()
        .find(|o| o.code == draft.shipping_method)
        .or(offers.first())
        .cloned();
    let basket = OfferBasket {
        currency,
        lines: lines
            .iter()
            .zip(&inputs)
            .map(|(line, input)| OfferLine {
                product_id: line.product_id,
                unit_price: input.unit_price,
                quantity: input.quantity.get(),
            })
            .collect(),
        shipping: chosen.as_ref().map(|c| c.price),
        organisations: deals.organisations.to_vec(),
    };
    let usable = match deals.voucher {
        Some(Checked::Usable { code, offer, .. }) => Some((code.as_str(), offer)),
        _ => None,
    };
    let discounts = discounts(&basket, deals.automatic, usable);
    let voucher = deals.voucher.map(|checked| {
        let refusal = match (checked, &discounts.voucher) {
            (Checked::Refused { refusal, .. }, _) => Some(refusal.clone()),
            (Checked::Usable { .. }, Some(VoucherResult::Refused(refusal))) => {
                Some(refusal.clone())
            }
            (Checked::Usable { .. }, _) => None,
        };
        VoucherStatus::new(
            checked.code(),
            refusal.map(|r| r.message()),
            &discounts.applied,
        )
    });
    let voucher_id = match (deals.voucher, &discounts.voucher) {
        (Some(Checked::Usable { voucher, .. }), Some(VoucherResult::Applied)) => Some(*voucher),
        _ => None,
    };
    let summary = BasketSummary::of(&SummaryInput {
        currency,
        country: country.unwrap_or(Country::UNKNOWN),
        lines: inputs
            .into_iter()
            .zip(&discounts.lines)
            .map(|(input, discount)| LineInput {
                discount: *discount,
                ..input
            })
            .collect(),
        shipping: chosen.as_ref().map(|c| c.price),
        shipping_discount: discounts.shipping,
        rates: config.rates.clone(),
    })?;
    let meta = lines.iter().map(|l| l.meta.clone()).collect();
    let mut summary = summary_view(
        meta,
        summary,
        chosen.as_ref().map(|c| (c.code.clone(), c.name.clone())),
        prices_include_tax,
    );
    summary.offers = discounts.applied;
    Ok(Priced {
        summary,
        needs_shipping,
        chosen: chosen.map(|c| c.code),
        offers,
        voucher,
        voucher_id,
    })
}
