//! Applies the automatic offers and a voucher to a basket (the order and
//! rounding are described in the module's documentation).

use super::benefits::{Cut, Remaining, cut};
use super::conditions::shortfall;
use super::model::{Benefit, Offer, OfferBasket};
use super::voucher::VoucherRefusal;
use crate::domain::Money;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One offer as the summary lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppliedOffer {
    pub offer_id: i64,
    pub name: String,
    /// The code that unlocked it, for a voucher.
    pub voucher: Option<String>,
    /// Everything it takes off, shipping included.
    pub amount: Money,
    /// Of `amount`, what comes off shipping.
    pub shipping: Money,
}

#[derive(Debug, Clone, PartialEq)]
pub enum VoucherResult {
    Applied,
    Refused(VoucherRefusal),
}

/// The discounts for a basket: per line (in the basket's line order), on
/// shipping, and per offer.
#[derive(Debug, Clone, PartialEq)]
pub struct Discounts {
    pub lines: Vec<Money>,
    pub shipping: Money,
    pub applied: Vec<AppliedOffer>,
    /// What became of the voucher, if one was given.
    pub voucher: Option<VoucherResult>,
}

struct Run<'a> {
    applied: Vec<(&'a Offer, Option<&'a str>, Cut)>,
}

impl Run<'_> {
    fn total(&self) -> Decimal {
        self.applied.iter().map(|(_, _, cut)| cut.total()).sum()
    }

    fn has(&self, offer: &Offer, code: &str) -> bool {
        self.applied
            .iter()
            .any(|(o, c, _)| o.id == offer.id && *c == Some(code))
    }
}

fn run<'a>(basket: &OfferBasket, offers: &[(&'a Offer, Option<&'a str>)]) -> Run<'a> {
    let mut left = Remaining {
        lines: basket.lines.iter().map(|l| l.total().amount()).collect(),
        shipping: basket
            .shipping
            .map_or(Decimal::ZERO, |s| s.rounded().amount()),
    };
    let mut applied: Vec<(&Offer, Option<&str>, Cut)> = Vec::new();
    for (offer, code) in offers {
        if applied.last().is_some_and(|(o, _, _)| o.exclusive) {
            break;
        }
        if (offer.exclusive && !applied.is_empty()) || shortfall(offer, basket).is_some() {
            continue;
        }
        let cut = cut(offer, basket, &left);
        let ships = basket.shipping.is_some();
        if cut.total().is_zero() && !(offer.benefit == Benefit::FreeShipping && ships) {
            continue;
        }
        for (rest, off) in left.lines.iter_mut().zip(&cut.lines) {
            *rest -= *off;
        }
        left.shipping -= cut.shipping;
        applied.push((offer, *code, cut));
    }
    Run { applied }
}

/// The discounts the basket gets from the live automatic offers and, if
/// given, the offer a voucher code unlocks (already checked for validity
/// and limits).
pub fn discounts(
    basket: &OfferBasket,
    automatic: &[Offer],
    voucher: Option<(&str, &Offer)>,
) -> Discounts {
    let mut ordered: Vec<&Offer> = automatic.iter().collect();
    ordered.sort_by(|a, b| b.priority.cmp(&a.priority).then(a.id.cmp(&b.id)));
    let autos: Vec<(&Offer, Option<&str>)> = ordered.into_iter().map(|o| (o, None)).collect();
    let base = run(basket, &autos);
    let Some((code, offer)) = voucher else {
        return finish(basket, base, None);
    };
    if let Some(reason) = shortfall(offer, basket) {
        let refused = VoucherResult::Refused(VoucherRefusal::Conditions(reason));
        return finish(basket, base, Some(refused));
    }
    let mut all = autos.clone();
    all.push((offer, Some(code)));
    let with = run(basket, &all);
    if with.has(offer, code) {
        return finish(basket, with, Some(VoucherResult::Applied));
    }
    let alone = run(basket, &[(offer, Some(code))]);
    if !alone.has(offer, code) {
        let refused = VoucherResult::Refused(VoucherRefusal::NoDiscount);
        return finish(basket, base, Some(refused));
    }
    if alone.total() > base.total() {
        return finish(basket, alone, Some(VoucherResult::Applied));
    }
    let names: Vec<String> = base
        .applied
        .iter()
        .map(|(o, _, _)| o.name.clone())
        .collect();
    let refused = VoucherResult::Refused(VoucherRefusal::NotCombinable(names.join(", ")));
    finish(basket, base, Some(refused))
}

fn finish(basket: &OfferBasket, run: Run<'_>, voucher: Option<VoucherResult>) -> Discounts {
    let currency = basket.currency;
    let money = |amount: Decimal| Money::new(amount, currency);
    let mut lines = vec![Decimal::ZERO; basket.lines.len()];
    let mut shipping = Decimal::ZERO;
    let applied = run
        .applied
        .into_iter()
        .map(|(offer, code, cut)| {
            for (total, off) in lines.iter_mut().zip(&cut.lines) {
                *total += *off;
            }
            shipping += cut.shipping;
            AppliedOffer {
                offer_id: offer.id,
                name: offer.name.clone(),
                voucher: code.map(str::to_owned),
                amount: money(cut.total()),
                shipping: money(cut.shipping),
            }
        })
        .collect();
    Discounts {
        lines: lines.into_iter().map(money).collect(),
        shipping: money(shipping),
        applied,
        voucher,
    }
}

#[cfg(test)]
mod tests {
    use super::super::model::{Condition, OfferLine, Range};
    use super::*;
    use crate::domain::Currency;

    fn eur(minor: i64) -> Money {
        Money::from_minor(minor, Currency::EUR)
    }

    fn basket() -> OfferBasket {
        OfferBasket {
            currency: Currency::EUR,
            lines: vec![
                OfferLine {
                    product_id: 1,
                    unit_price: eur(2000),
                    quantity: 2,
                },
                OfferLine {
                    product_id: 2,
                    unit_price: eur(1000),
                    quantity: 1,
                },
            ],
            shipping: Some(eur(500)),
            organisations: vec![],
        }
    }

    fn offer(id: i64, benefit: Benefit, priority: i32, exclusive: bool) -> Offer {
        Offer {
            id,
            name: format!("Offer {id}"),
            range: Range::everything(),
            condition: Condition::Count(1),
            benefit,
            priority,
            exclusive,
        }
    }

    fn percent(p: i64) -> Benefit {
        Benefit::PercentOff(Decimal::from(p))
    }

    #[test]
    fn automatic_offers_apply_by_priority_each_on_what_is_left() {
        let ten = offer(1, percent(10), 1, false);
        let five_off = offer(2, Benefit::AmountOffBasket(eur(500)), 5, false);
        let d = discounts(&basket(), &[ten, five_off], None);
        // €5 first (split 40:10 → 4.00 + 1.00), then 10 % of 36.00 and 9.00.
        assert_eq!(d.applied[0].offer_id, 2);
        assert_eq!(d.applied[1].amount, eur(360 + 90));
        assert_eq!(d.lines, [eur(400 + 360), eur(100 + 90)]);
        assert_eq!(d.voucher, None);
    }

    #[test]
    fn an_exclusive_offer_stands_alone() {
        let big = offer(1, percent(50), 9, true);
        let small = offer(2, percent(10), 1, false);
        let d = discounts(&basket(), &[small.clone(), big.clone()], None);
        assert_eq!(d.applied.len(), 1);
        assert_eq!(d.applied[0].offer_id, 1);
        // Below a stackable offer that already applied, it is skipped.
        let late = offer(1, percent(50), 0, true);
        let d = discounts(&basket(), &[small, late], None);
        assert_eq!(
            d.applied.iter().map(|a| a.offer_id).collect::<Vec<_>>(),
            [2]
        );
    }

    #[test]
    fn the_voucher_comes_last_and_stacks() {
        let sale = offer(1, percent(10), 1, false);
        let code = offer(7, Benefit::FreeShipping, 100, false);
        let d = discounts(&basket(), &[sale], Some(("SHIP", &code)));
        assert_eq!(d.voucher, Some(VoucherResult::Applied));
        assert_eq!(d.applied[1].voucher.as_deref(), Some("SHIP"));
        assert_eq!((d.shipping, d.applied[1].amount), (eur(500), eur(500)));
    }

    #[test]
    fn a_blocked_voucher_wins_only_if_it_saves_more() {
        let sale = offer(1, percent(10), 1, true);
        let better = offer(7, percent(30), 0, false);
        let d = discounts(
            &basket(),
            std::slice::from_ref(&sale),
            Some(("BIG", &better)),
        );
        assert_eq!(d.voucher, Some(VoucherResult::Applied));
        assert_eq!(d.applied.len(), 1);
        assert_eq!(d.applied[0].offer_id, 7);
        let worse = offer(8, percent(5), 0, false);
        let d = discounts(&basket(), &[sale], Some(("SMALL", &worse)));
        assert_eq!(
            d.voucher,
            Some(VoucherResult::Refused(VoucherRefusal::NotCombinable(
                "Offer 1".into()
            )))
        );
        assert_eq!(d.applied[0].offer_id, 1);
    }

    #[test]
    fn an_unmet_voucher_condition_says_what_is_missing() {
        let mut code = offer(7, percent(10), 0, false);
        code.condition = Condition::BasketTotal(eur(6200));
        let d = discounts(&basket(), &[], Some(("TEN", &code)));
        assert_eq!(
            d.voucher,
            Some(VoucherResult::Refused(VoucherRefusal::Conditions(
                "Add €12.00 more to your basket.".into()
            )))
        );
        assert!(d.applied.is_empty());
    }
}
