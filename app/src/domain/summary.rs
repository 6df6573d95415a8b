//! The basket summary shown at checkout and frozen into orders: lines,
//! discounts, shipping, taxes per rate and the grand total, in one currency.
//!
//! Each line is rounded on its own (half away from zero, see `money`), then
//! taxed on its own (see `tax`); totals are sums of what is shown, so they
//! never drift from the lines. Discounts (worked out by `offers`) lower a
//! line or the shipping charge before tax and never below zero.

use super::country::Country;
use super::currency::Currency;
use super::money::{Money, MoneyError};
use super::quantity::Quantity;
use super::tax::{LineTax, TaxRate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq)]
pub struct LineInput {
    pub unit_price: Money,
    pub quantity: Quantity,
    pub tax_class: String,
    /// Taken off this line before tax.
    pub discount: Money,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SummaryInput {
    pub currency: Currency,
    pub country: Country,
    pub lines: Vec<LineInput>,
    /// The chosen method's price, taxed with the `standard` class.
    pub shipping: Option<Money>,
    /// Taken off shipping before tax.
    pub shipping_discount: Money,
    pub rates: Vec<TaxRate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryLine {
    pub unit_price: Money,
    pub quantity: u32,
    /// Unit price × quantity, before the discount.
    pub line_total: Money,
    pub discount: Money,
    pub tax_percent: Decimal,
    pub amounts: LineTax,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaxTotal {
    pub percent: Decimal,
    pub included: bool,
    pub amount: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BasketSummary {
    pub currency: Currency,
    pub lines: Vec<SummaryLine>,
    /// Off the lines and shipping together.
    pub discount_total: Money,
    pub shipping: Option<LineTax>,
    /// One entry per distinct rate, highest first.
    pub taxes: Vec<TaxTotal>,
    pub net_total: Money,
    pub tax_total: Money,
    pub grand_total: Money,
}

/// The class shipping is taxed with.
pub const SHIPPING_TAX_CLASS: &str = "standard";

fn untaxed(amount: Money) -> LineTax {
    LineTax {
        net: amount,
        tax: Money::zero(amount.currency()),
        gross: amount,
    }
}

/// A discount, rounded, and never more than the amount it comes off.
fn clamp_discount(discount: Money, amount: Money) -> Result<Money, MoneyError> {
    if discount.amount().is_sign_negative() {
        return Err(MoneyError::Negative);
    }
    Ok(if discount.amount() > amount.amount() {
        amount
    } else {
        discount.rounded()
    })
}

impl BasketSummary {
    pub fn of(input: &SummaryInput) -> Result<Self, MoneyError> {
        let currency = input.currency;
        let zero = Money::zero(currency);
        let mut taxes: Vec<TaxTotal> = Vec::new();
        let mut add_tax = |rate: Option<&TaxRate>, amounts: &LineTax| -> Result<(), MoneyError> {
            let (percent, included) =
                rate.map_or((Decimal::ZERO, false), |r| (r.percent, r.included));
            match taxes
                .iter_mut()
                .find(|t| t.percent == percent && t.included == included)
            {
                Some(total) => total.amount = total.amount.checked_add(&amounts.tax)?,
                None => taxes.push(TaxTotal {
                    percent,
                    included,
                    amount: amounts.tax,
                }),
            }
            Ok(())
        };
        let mut lines = Vec::with_capacity(input.lines.len());
        let mut discount_total = zero;
        for line in &input.lines {
            let line_total = line.unit_price.checked_mul(line.quantity.get())?.rounded();
            let discount = clamp_discount(line.discount, line_total)?;
            let rate = TaxRate::find(&input.rates, input.country, &line.tax_class);
            let payable = line_total.checked_sub(&discount)?;
            let amounts = match rate {
                Some(rate) => rate.apply(payable)?,
                None => untaxed(payable),
            };
            add_tax(rate, &amounts)?;
            discount_total = discount_total.checked_add(&discount)?;
            lines.push(SummaryLine {
                unit_price: line.unit_price,
                quantity: line.quantity.get(),
                line_total,
                discount,
                tax_percent: rate.map_or(Decimal::ZERO, |r| r.percent),
                amounts,
            });
        }
        let shipping = match input.shipping {
            Some(price) => {
                let price = price.rounded();
                let off = clamp_discount(input.shipping_discount, price)?;
                discount_total = discount_total.checked_add(&off)?;
                let price = price.checked_sub(&off)?;
                let rate = TaxRate::find(&input.rates, input.country, SHIPPING_TAX_CLASS);
                let amounts = match rate {
                    Some(rate) => rate.apply(price)?,
                    None => untaxed(price.rounded()),
                };
                add_tax(rate, &amounts)?;
                Some(amounts)
            }
            None => None,
        };
        taxes.retain(|t| !t.amount.is_zero());
        taxes.sort_by(|a, b| b.percent.cmp(&a.percent));
        let all = lines.iter().map(|l| &l.amounts).chain(shipping.iter());
        let (mut net_total, mut tax_total, mut grand_total) = (zero, zero, zero);
        for amounts in all {
            net_total = net_total.checked_add(&amounts.net)?;
            tax_total = tax_total.checked_add(&amounts.tax)?;
            grand_total = grand_total.checked_add(&amounts.gross)?;
        }
        Ok(BasketSummary {
            currency,
            lines,
            discount_total,
            shipping,
            taxes,
            net_total,
            tax_total,
            grand_total,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn de() -> Country {
        Country::parse("DE").unwrap()
    }

    fn rates() -> Vec<TaxRate> {
        vec![
            TaxRate {
                country: de(),
                tax_class: "standard".into(),
                percent: Decimal::from(19),
                included: false,
            },
            TaxRate {
                country: de(),
                tax_class: "reduced-books".into(),
                percent: Decimal::from(7),
                included: false,
            },
        ]
    }

    fn eur(minor: i64) -> Money {
        Money::from_minor(minor, Currency::EUR)
    }

    fn line(minor: i64, qty: i64, class: &str) -> LineInput {
        LineInput {
            unit_price: eur(minor),
            quantity: Quantity::new(qty).unwrap(),
            tax_class: class.into(),
            discount: eur(0),
        }
    }

    #[test]
    fn a_german_basket_with_books_and_shipping() {
        let summary = BasketSummary::of(&SummaryInput {
            currency: Currency::EUR,
            country: de(),
            lines: vec![line(1000, 2, "standard"), line(2200, 1, "reduced-books")],
            shipping: Some(eur(495)),
            shipping_discount: eur(0),
            rates: rates(),
        })
        .unwrap();
        // 20.00 + 19 % = 23.80; 22.00 + 7 % = 23.54; shipping 4.95 + 19 % = 5.89.
        assert_eq!(summary.lines[0].amounts.gross, eur(2380));
        assert_eq!(summary.lines[1].amounts.tax, eur(154));
        assert_eq!(summary.shipping.unwrap().gross, eur(589));
        assert_eq!(summary.taxes.len(), 2);
        assert_eq!(summary.taxes[0].amount, eur(380 + 94));
        assert_eq!(summary.taxes[1].amount, eur(154));
        assert_eq!(summary.net_total, eur(4695));
        assert_eq!(summary.grand_total, eur(2380 + 2354 + 589));
    }

    #[test]
    fn discounts_lower_the_line_before_tax_and_never_below_zero() {
        let mut discounted = line(1000, 1, "standard");
        discounted.discount = eur(5000);
        let summary = BasketSummary::of(&SummaryInput {
            currency: Currency::EUR,
            country: de(),
            lines: vec![discounted],
            shipping: None,
            shipping_discount: eur(0),
            rates: rates(),
        })
        .unwrap();
        assert_eq!(summary.discount_total, eur(1000));
        assert_eq!(summary.grand_total, eur(0));
        assert!(summary.taxes.is_empty());
    }

    proptest! {
        #[test]
        fn totals_are_exactly_the_sum_of_the_lines(
            lines in proptest::collection::vec(
                (0i64..2_000_000, 1i64..=999, 0usize..3, 0i64..5_000),
                0..12,
            ),
            shipping in proptest::option::of(0i64..10_000),
            included in any::<bool>(),
        ) {
            let mut table = rates();
            for rate in &mut table { rate.included = included; }
            let classes = ["standard", "reduced-books", "untaxed"];
            let input = SummaryInput {
                currency: Currency::EUR,
                country: de(),
                lines: lines.iter().map(|(price, qty, class, discount)| LineInput {
                    unit_price: eur(*price),
                    quantity: Quantity::new(*qty).unwrap(),
                    tax_class: classes[*class].into(),
                    discount: eur(*discount),
                }).collect(),
                shipping: shipping.map(eur),
                shipping_discount: eur(0),
                rates: table,
            };
            let s = BasketSummary::of(&input).unwrap();
            let sum = |f: &dyn Fn(&LineTax) -> Money| {
                s.lines.iter().map(|l| l.amounts).chain(s.shipping)
                    .fold(Decimal::ZERO, |acc, a| acc + f(&a).amount())
            };
            prop_assert_eq!(s.grand_total.amount(), sum(&|a| a.gross));
            prop_assert_eq!(s.tax_total.amount(), s.taxes.iter().map(|t| t.amount.amount()).sum::<Decimal>());
            prop_assert_eq!(s.net_total.amount() + s.tax_total.amount(), s.grand_total.amount());
            prop_assert!(!s.grand_total.amount().is_sign_negative() || s.grand_total.is_zero());
            for l in &s.lines {
                prop_assert!(l.amounts.net.amount() >= Decimal::ZERO);
                prop_assert_eq!(l.amounts.net.amount() + l.amounts.tax.amount(), l.amounts.gross.amount());
                // Every amount is in whole cents.
                prop_assert!(l.amounts.tax.amount().normalize().scale() <= 2);
            }
        }
    }
}
