//! Prices a basket for an address and shipping method with the domain
//! rules. No I/O: the page and the order placement share it, so the total
//! a shopper is shown is the total they are charged.

use super::config::CheckoutConfig;
use super::lines::CheckoutLine;
use app::checkout::summary_view::summary_view;
use app::checkout::types::{CheckoutDraft, MethodOffer, SummaryView};
use app::domain::shipping::{Shipment, ShippingMethod};
use app::domain::summary::{BasketSummary, SummaryInput};
use app::domain::{Country, Currency, Money, MoneyError};

pub struct Priced {
    pub summary: SummaryView,
    pub needs_shipping: bool,
    pub offers: Vec<MethodOffer>,
    /// The method priced in: the shopper's choice if it is on offer,
    /// otherwise the first one offered.
    pub chosen: Option<String>,
}

pub fn price(
    lines: &[CheckoutLine],
    draft: &CheckoutDraft,
    config: &CheckoutConfig,
    currency: Currency,
    prices_include_tax: bool,
) -> Result<Priced, MoneyError> {
    let needs_shipping = lines.iter().any(|l| l.shippable);
    let country = draft.tax_address(needs_shipping).country();
    let mut goods_total = Money::zero(currency);
    let mut weight: u64 = 0;
    for line in lines {
        let input = line.input(currency);
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
    let summary = BasketSummary::of(&SummaryInput {
        currency,
        country: country.unwrap_or(Country::UNKNOWN),
        lines: lines.iter().map(|l| l.input(currency)).collect(),
        shipping: chosen.as_ref().map(|c| c.price),
        rates: config.rates.clone(),
    })?;
    let meta = lines.iter().map(|l| l.meta.clone()).collect();
    Ok(Priced {
        summary: summary_view(
            meta,
            summary,
            chosen.as_ref().map(|c| (c.code.clone(), c.name.clone())),
            prices_include_tax,
        ),
        needs_shipping,
        chosen: chosen.map(|c| c.code),
        offers,
    })
}
