//! Property tests: offers combined with the checkout's taxes and shipping.

use super::*;
use crate::domain::summary::{BasketSummary, LineInput, SummaryInput};
use crate::domain::tax::TaxRate;
use crate::domain::{Country, Currency, Money, Quantity};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn eur(minor: i64) -> Money {
    Money::from_minor(minor, Currency::EUR)
}

fn benefit() -> impl Strategy<Value = Benefit> {
    prop_oneof![
        (1i64..=10_000).prop_map(|bp| Benefit::PercentOff(Decimal::new(bp, 2))),
        (1i64..50_000).prop_map(|m| Benefit::AmountOffRange(eur(m))),
        (1i64..50_000).prop_map(|m| Benefit::AmountOffBasket(eur(m))),
        (0i64..20_000).prop_map(|m| Benefit::FixedPrice(eur(m))),
        Just(Benefit::FreeShipping),
        (1u32..5).prop_map(Benefit::CheapestFree),
    ]
}

fn condition() -> impl Strategy<Value = Condition> {
    prop_oneof![
        (0u32..6).prop_map(Condition::Count),
        (0i64..100_000).prop_map(|m| Condition::Value(eur(m))),
        (0i64..100_000).prop_map(|m| Condition::BasketTotal(eur(m))),
        (1i64..3).prop_map(|id| Condition::Organisation {
            id,
            name: format!("Org {id}")
        }),
    ]
}

fn offer() -> impl Strategy<Value = Offer> {
    (
        1i64..1000,
        proptest::option::of(proptest::collection::btree_set(1i64..6, 1..4)),
        condition(),
        benefit(),
        -3i32..3,
        any::<bool>(),
    )
        .prop_map(
            |(id, products, condition, benefit, priority, exclusive)| Offer {
                id,
                name: format!("Offer {id}"),
                range: match products {
                    Some(products) => Range::of("Range", products),
                    None => Range::everything(),
                },
                condition,
                benefit,
                priority,
                exclusive,
            },
        )
}

/// Up to five offers with distinct ids.
fn offers() -> impl Strategy<Value = Vec<Offer>> {
    proptest::collection::vec(offer(), 0..5).prop_map(|offers| {
        offers
            .into_iter()
            .enumerate()
            .map(|(i, o)| Offer {
                id: i as i64 + 1,
                name: format!("Offer {}", i + 1),
                ..o
            })
            .collect()
    })
}

fn basket() -> impl Strategy<Value = OfferBasket> {
    (
        proptest::collection::vec((1i64..6, 0i64..100_000, 1u32..20), 0..8),
        proptest::option::of(0i64..3_000),
        proptest::collection::vec(1i64..3, 0..2),
    )
        .prop_map(|(lines, shipping, organisations)| OfferBasket {
            currency: Currency::EUR,
            lines: lines
                .into_iter()
                .map(|(product_id, minor, quantity)| OfferLine {
                    product_id,
                    unit_price: eur(minor),
                    quantity,
                })
                .collect(),
            shipping: shipping.map(eur),
            organisations,
        })
}

fn summary(basket: &OfferBasket, d: &Discounts, included: bool) -> BasketSummary {
    let de = Country::parse("DE").unwrap();
    let rates = vec![TaxRate {
        country: de,
        tax_class: "standard".into(),
        percent: Decimal::from(19),
        included,
    }];
    BasketSummary::of(&SummaryInput {
        currency: Currency::EUR,
        country: de,
        lines: basket
            .lines
            .iter()
            .zip(&d.lines)
            .map(|(l, discount)| LineInput {
                unit_price: l.unit_price,
                quantity: Quantity::new(i64::from(l.quantity)).unwrap(),
                tax_class: "standard".into(),
                discount: *discount,
            })
            .collect(),
        shipping: basket.shipping,
        shipping_discount: d.shipping,
        rates,
    })
    .unwrap()
}

proptest! {
    #[test]
    fn discounts_never_overshoot_and_add_up_through_tax(
        basket in basket(),
        offers in offers(),
        voucher in proptest::option::of(offer().prop_map(|o| Offer { id: 100, ..o })),
        included in any::<bool>(),
    ) {
        let d = discounts(&basket, &offers, voucher.as_ref().map(|v| ("CODE", v)));
        let zero = Decimal::ZERO;
        for (line, off) in basket.lines.iter().zip(&d.lines) {
            prop_assert!(off.amount() >= zero && off.amount() <= line.total().amount());
            prop_assert!(off.amount().normalize().scale() <= 2, "whole cents: {off:?}");
        }
        let shipping = basket.shipping.map_or(zero, |s| s.amount());
        prop_assert!(d.shipping.amount() >= zero && d.shipping.amount() <= shipping);
        let per_offer: Decimal = d.applied.iter().map(|a| a.amount.amount()).sum();
        let per_line: Decimal = d.lines.iter().map(|m| m.amount()).sum::<Decimal>() + d.shipping.amount();
        prop_assert_eq!(per_offer, per_line);
        // An exclusive offer stands alone; automatic ones come by priority.
        let exclusive = |a: &AppliedOffer| match &a.voucher {
            Some(_) => voucher.as_ref().is_some_and(|v| v.exclusive),
            None => offers.iter().any(|o| o.id == a.offer_id && o.exclusive),
        };
        prop_assert!(!d.applied.iter().any(exclusive) || d.applied.len() == 1);
        let priorities: Vec<i32> = d.applied.iter().filter(|a| a.voucher.is_none())
            .filter_map(|a| offers.iter().filter(|o| o.id == a.offer_id).map(|o| o.priority).max())
            .collect();
        prop_assert!(priorities.windows(2).all(|w| w[0] >= w[1]));
        match &d.voucher {
            Some(VoucherResult::Applied) => prop_assert!(d.applied.iter().any(|a| a.voucher.is_some())),
            _ => prop_assert!(d.applied.iter().all(|a| a.voucher.is_none())),
        }
        // Through tax: never negative, exact, and never dearer than without.
        let with = summary(&basket, &d, included);
        let without = summary(&basket, &discounts(&basket, &[], None), included);
        prop_assert_eq!(with.discount_total.amount(), per_offer);
        prop_assert!(with.grand_total.amount() >= zero);
        prop_assert!(with.grand_total.amount() <= without.grand_total.amount());
        prop_assert_eq!(with.net_total.amount() + with.tax_total.amount(), with.grand_total.amount());
        for line in &with.lines {
            prop_assert!(line.amounts.net.amount() >= zero && line.amounts.tax.amount() >= zero);
        }
        if included {
            prop_assert_eq!(without.grand_total.amount() - with.grand_total.amount(), per_offer);
        }
    }

    #[test]
    fn every_applied_offer_meets_its_condition(
        basket in basket(),
        offers in offers(),
    ) {
        let d = discounts(&basket, &offers, None);
        for applied in &d.applied {
            let offer = offers.iter().find(|o| o.id == applied.offer_id).unwrap();
            prop_assert_eq!(shortfall(offer, &basket), None);
        }
        let exclusive = d.applied.iter().filter(|a| offers.iter().any(|o| o.id == a.offer_id && o.exclusive)).count();
        prop_assert!(exclusive == 0 || d.applied.len() == 1);
    }
}
