//! What one offer takes off each line and off shipping, given what they
//! still cost after the offers applied before it.

use super::model::{Benefit, Offer, OfferBasket};
use crate::domain::Currency;
use rust_decimal::Decimal;

/// Amounts still payable: one per line, and shipping.
#[derive(Debug, Clone, PartialEq)]
pub struct Remaining {
    pub lines: Vec<Decimal>,
    pub shipping: Decimal,
}

/// One offer's discount per line and on shipping.
#[derive(Debug, Clone, PartialEq)]
pub struct Cut {
    pub lines: Vec<Decimal>,
    pub shipping: Decimal,
}

impl Cut {
    pub fn total(&self) -> Decimal {
        self.lines.iter().sum::<Decimal>() + self.shipping
    }
}

fn round(amount: Decimal, currency: Currency) -> Decimal {
    crate::domain::Money::new(amount, currency)
        .rounded()
        .amount()
}

pub fn cut(offer: &Offer, basket: &OfferBasket, left: &Remaining) -> Cut {
    let currency = basket.currency;
    let qualifying: Vec<bool> = basket
        .lines
        .iter()
        .map(|l| offer.range.contains(l.product_id))
        .collect();
    let mut lines = vec![Decimal::ZERO; basket.lines.len()];
    let mut shipping = Decimal::ZERO;
    match &offer.benefit {
        Benefit::PercentOff(percent) => {
            for (i, rest) in left.lines.iter().enumerate() {
                if qualifying[i] {
                    let off = round(*rest * *percent / Decimal::ONE_HUNDRED, currency);
                    lines[i] = off.clamp(Decimal::ZERO, *rest);
                }
            }
        }
        Benefit::AmountOffRange(amount) => {
            let weights: Vec<Decimal> = left
                .lines
                .iter()
                .zip(&qualifying)
                .map(|(rest, q)| if *q { *rest } else { Decimal::ZERO })
                .collect();
            lines = spread(amount.amount(), &weights, currency);
        }
        Benefit::AmountOffBasket(amount) => {
            lines = spread(amount.amount(), &left.lines, currency);
        }
        Benefit::FixedPrice(price) => {
            for (i, (rest, line)) in left.lines.iter().zip(&basket.lines).enumerate() {
                if qualifying[i] {
                    let target = round(price.amount() * Decimal::from(line.quantity), currency);
                    lines[i] = (*rest - target).max(Decimal::ZERO);
                }
            }
        }
        Benefit::FreeShipping => shipping = left.shipping,
        Benefit::CheapestFree(every) => {
            lines = cheapest_free(*every, basket, left, &qualifying, currency);
        }
    }
    Cut { lines, shipping }
}

/// Splits `amount` over the weights in proportion, in whole minor units,
/// never giving a line more than its weight; the parts add up to `amount`
/// (or to all the weights, if they are less).
fn spread(amount: Decimal, weights: &[Decimal], currency: Currency) -> Vec<Decimal> {
    let whole: Decimal = weights.iter().sum();
    if whole <= Decimal::ZERO || amount <= Decimal::ZERO {
        return vec![Decimal::ZERO; weights.len()];
    }
    if amount >= whole {
        return weights.to_vec();
    }
    let unit = Decimal::new(1, currency.minor_units());
    let exact: Vec<Decimal> = weights.iter().map(|w| amount * *w / whole).collect();
    let mut parts: Vec<Decimal> = exact.iter().map(|e| (*e / unit).floor() * unit).collect();
    let mut short = ((amount - parts.iter().sum::<Decimal>()) / unit)
        .round()
        .try_into()
        .unwrap_or(0usize);
    // Largest fraction first; ties keep line order.
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|a, b| (exact[*b] - parts[*b]).cmp(&(exact[*a] - parts[*a])));
    for i in order {
        if short == 0 {
            break;
        }
        if parts[i] + unit <= weights[i] {
            parts[i] += unit;
            short -= 1;
        }
    }
    parts
}

/// Ranks the range's items by what one still costs, highest first, and
/// frees every `every`th one; a line's items share its price equally.
fn cheapest_free(
    every: u32,
    basket: &OfferBasket,
    left: &Remaining,
    qualifying: &[bool],
    currency: Currency,
) -> Vec<Decimal> {
    let mut lines = vec![Decimal::ZERO; basket.lines.len()];
    if every == 0 {
        return lines;
    }
    let unit_of = |i: usize| left.lines[i] / Decimal::from(basket.lines[i].quantity.max(1));
    let mut ranked: Vec<usize> = (0..basket.lines.len()).filter(|i| qualifying[*i]).collect();
    ranked.sort_by(|a, b| unit_of(*b).cmp(&unit_of(*a)).then(a.cmp(b)));
    let every = u64::from(every);
    let mut position: u64 = 0;
    for i in ranked {
        let quantity = u64::from(basket.lines[i].quantity);
        let free = (position + quantity) / every - position / every;
        position += quantity;
        let off = round(unit_of(i) * Decimal::from(free), currency);
        lines[i] = off.clamp(Decimal::ZERO, left.lines[i]);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::super::model::{Condition, OfferLine, Range};
    use super::*;
    use crate::domain::Money;

    fn d(minor: i64) -> Decimal {
        Decimal::new(minor, 2)
    }

    fn basket(lines: &[(i64, i64, u32)]) -> OfferBasket {
        OfferBasket {
            currency: Currency::EUR,
            lines: lines
                .iter()
                .map(|(product, minor, quantity)| OfferLine {
                    product_id: *product,
                    unit_price: Money::from_minor(*minor, Currency::EUR),
                    quantity: *quantity,
                })
                .collect(),
            shipping: Some(Money::from_minor(495, Currency::EUR)),
            organisations: vec![],
        }
    }

    fn full(b: &OfferBasket) -> Remaining {
        Remaining {
            lines: b.lines.iter().map(|l| l.total().amount()).collect(),
            shipping: d(495),
        }
    }

    fn offer(benefit: Benefit) -> Offer {
        Offer {
            id: 1,
            name: "Sale".into(),
            range: Range::of("Garden", [1, 2]),
            condition: Condition::Count(1),
            benefit,
            priority: 0,
            exclusive: false,
        }
    }

    #[test]
    fn percent_off_rounds_each_line_half_away_from_zero() {
        let b = basket(&[(1, 333, 1), (2, 1005, 1), (3, 1000, 1)]);
        let c = cut(
            &offer(Benefit::PercentOff(Decimal::from(15))),
            &b,
            &full(&b),
        );
        // 3.33 × 15 % = 0.4995 → 0.50; 10.05 × 15 % = 1.5075 → 1.51.
        assert_eq!(c.lines, [d(50), d(151), d(0)]);
    }

    #[test]
    fn a_fixed_amount_is_spread_in_proportion_and_adds_up_exactly() {
        let b = basket(&[(1, 100, 1), (2, 100, 1), (1, 100, 1), (3, 100, 1)]);
        let c = cut(
            &offer(Benefit::AmountOffRange(Money::from_minor(
                100,
                Currency::EUR,
            ))),
            &b,
            &full(&b),
        );
        assert_eq!(c.lines, [d(34), d(33), d(33), d(0)]);
        let all = cut(
            &offer(Benefit::AmountOffBasket(Money::from_minor(
                10_000,
                Currency::EUR,
            ))),
            &b,
            &full(&b),
        );
        assert_eq!(all.lines, [d(100); 4], "never more than the lines cost");
    }

    #[test]
    fn fixed_price_and_free_shipping() {
        let b = basket(&[(1, 1500, 2), (2, 400, 1)]);
        let c = cut(
            &offer(Benefit::FixedPrice(Money::from_minor(999, Currency::EUR))),
            &b,
            &full(&b),
        );
        assert_eq!(c.lines, [d(1002), d(0)]);
        let s = cut(&offer(Benefit::FreeShipping), &b, &full(&b));
        assert_eq!((s.total(), s.shipping), (d(495), d(495)));
    }

    #[test]
    fn every_third_item_by_price_is_free() {
        // Items ranked: 10, 10, 10, 4, 4, 1 → the 3rd (10) and 6th (1) are free.
        let b = basket(&[(2, 400, 2), (1, 1000, 3), (1, 100, 1), (3, 50, 9)]);
        let c = cut(&offer(Benefit::CheapestFree(3)), &b, &full(&b));
        assert_eq!(c.lines, [d(0), d(1000), d(100), d(0)]);
    }
}
