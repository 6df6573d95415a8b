//! Basket arithmetic: line totals and the subtotal, in the basket's currency.
//! Lines are rounded individually (see the rounding rule in `money`), so the
//! subtotal is always exactly the sum of what the shopper sees per line.

use super::currency::Currency;
use super::money::{Money, MoneyError};
use super::quantity::Quantity;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PricedLine {
    pub unit_price: Money,
    pub quantity: Quantity,
}

impl PricedLine {
    pub fn total(&self) -> Result<Money, MoneyError> {
        Ok(self.unit_price.checked_mul(self.quantity.get())?.rounded())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BasketTotals {
    pub item_count: u32,
    pub subtotal: Money,
}

impl BasketTotals {
    pub fn of(currency: Currency, lines: &[PricedLine]) -> Result<Self, MoneyError> {
        let mut subtotal = Money::zero(currency);
        let mut item_count = 0u32;
        for line in lines {
            subtotal = subtotal.checked_add(&line.total()?)?;
            item_count = item_count.saturating_add(line.quantity.get());
        }
        Ok(BasketTotals {
            item_count,
            subtotal,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    fn line(minor: i64, qty: i64) -> PricedLine {
        PricedLine {
            unit_price: Money::from_minor(minor, Currency::USD),
            quantity: Quantity::new(qty).unwrap(),
        }
    }

    #[test]
    fn sums_lines() {
        let totals = BasketTotals::of(Currency::USD, &[line(1250, 2), line(99, 3)]).unwrap();
        assert_eq!(totals.item_count, 5);
        assert_eq!(totals.subtotal, Money::from_minor(2797, Currency::USD));
    }

    #[test]
    fn empty_basket_is_zero() {
        let totals = BasketTotals::of(Currency::EUR, &[]).unwrap();
        assert_eq!(totals.item_count, 0);
        assert!(totals.subtotal.is_zero());
    }

    #[test]
    fn rounds_each_line_before_summing() {
        // 0.335 per unit is not a whole number of cents; each line rounds on its own.
        let odd = PricedLine {
            unit_price: Money::new(Decimal::new(335, 3), Currency::USD),
            quantity: Quantity::new(1).unwrap(),
        };
        let totals = BasketTotals::of(Currency::USD, &[odd, odd]).unwrap();
        assert_eq!(totals.subtotal.to_minor().unwrap(), 68);
    }

    #[test]
    fn rejects_foreign_currency_lines() {
        let eur = PricedLine {
            unit_price: Money::from_minor(100, Currency::EUR),
            quantity: Quantity::new(1).unwrap(),
        };
        assert!(BasketTotals::of(Currency::USD, &[eur]).is_err());
    }

    proptest! {
        #[test]
        fn subtotal_is_the_sum_of_line_totals(
            lines in proptest::collection::vec((0i64..10_000_000, 1i64..=999), 0..40)
        ) {
            let priced: Vec<_> = lines.iter().map(|&(m, q)| line(m, q)).collect();
            let totals = BasketTotals::of(Currency::USD, &priced).unwrap();
            let expected: i64 = lines.iter().map(|&(m, q)| m * q).sum();
            prop_assert_eq!(totals.subtotal.to_minor().unwrap(), expected);
            prop_assert!(!totals.subtotal.amount().is_sign_negative() || totals.subtotal.is_zero());
        }
    }
}
