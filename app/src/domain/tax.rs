//! Taxes: rates per country and tax class, included in or added to prices.
//!
//! Rounding rule (the store's one rule, see `money`): tax is computed per
//! line and rounded to the currency's minor unit, half away from zero; the
//! order's tax per rate is the sum of its rounded lines, so what the
//! shopper sees per line always adds up.

use super::country::Country;
use super::money::{Money, MoneyError};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaxRate {
    pub country: Country,
    /// The product's tax class code, e.g. `standard`, `reduced-books`.
    pub tax_class: String,
    /// Percent, e.g. 19 or 7.5.
    pub percent: Decimal,
    /// Whether prices in this country already include the tax (gross
    /// prices, as usual for consumers in the EU and UK).
    pub included: bool,
}

/// How the store shows prices to shoppers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PriceDisplay {
    WithTax,
    WithoutTax,
}

/// One line's amounts before and after tax.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineTax {
    pub net: Money,
    pub tax: Money,
    pub gross: Money,
}

impl TaxRate {
    /// The tax on a line whose price is `amount` (gross when the rate is
    /// included, net otherwise).
    pub fn apply(&self, amount: Money) -> Result<LineTax, MoneyError> {
        let hundred = Decimal::ONE_HUNDRED;
        if self.included {
            let gross = amount.rounded();
            let tax = Money::new(
                gross.amount() * self.percent / (hundred + self.percent),
                gross.currency(),
            )
            .rounded();
            Ok(LineTax {
                net: gross.checked_sub(&tax)?,
                tax,
                gross,
            })
        } else {
            let net = amount.rounded();
            let tax = Money::new(net.amount() * self.percent / hundred, net.currency()).rounded();
            Ok(LineTax {
                net,
                tax,
                gross: net.checked_add(&tax)?,
            })
        }
    }

    /// The rate for a country and tax class from a table; no rate means no
    /// tax (0 %), as for countries the store does not collect in.
    pub fn find<'a>(
        rates: &'a [TaxRate],
        country: Country,
        tax_class: &str,
    ) -> Option<&'a TaxRate> {
        rates
            .iter()
            .find(|r| r.country == country && r.tax_class == tax_class)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Currency;

    fn rate(country: &str, class: &str, percent: i64, included: bool) -> TaxRate {
        TaxRate {
            country: Country::parse(country).unwrap(),
            tax_class: class.into(),
            percent: Decimal::from(percent),
            included,
        }
    }

    fn eur(minor: i64) -> Money {
        Money::from_minor(minor, Currency::EUR)
    }

    #[test]
    fn twenty_percent_vat_included_in_gb() {
        let gbp = |m| Money::from_minor(m, Currency::GBP);
        let line = rate("GB", "standard", 20, true).apply(gbp(1200)).unwrap();
        assert_eq!(
            (line.net, line.tax, line.gross),
            (gbp(1000), gbp(200), gbp(1200))
        );
        // £9.99 gross: 9.99 × 20/120 = 1.665, rounded half away from zero.
        let odd = rate("GB", "standard", 20, true).apply(gbp(999)).unwrap();
        assert_eq!((odd.net, odd.tax), (gbp(832), gbp(167)));
    }

    #[test]
    fn nineteen_percent_added_in_de() {
        let line = rate("DE", "standard", 19, false).apply(eur(10000)).unwrap();
        assert_eq!(
            (line.net, line.tax, line.gross),
            (eur(10000), eur(1900), eur(11900))
        );
        let cents = rate("DE", "standard", 19, false).apply(eur(750)).unwrap();
        assert_eq!(cents.tax, eur(143)); // 1.425 → 1.43
    }

    #[test]
    fn zero_percent_in_the_us_and_a_reduced_rate_for_books() {
        let usd = Money::from_minor(4999, Currency::USD);
        let us = rate("US", "standard", 0, false).apply(usd).unwrap();
        assert_eq!((us.tax, us.gross), (Money::zero(Currency::USD), usd));
        let rates = vec![
            rate("DE", "standard", 19, true),
            rate("DE", "reduced-books", 7, true),
        ];
        let de = Country::parse("DE").unwrap();
        let book = TaxRate::find(&rates, de, "reduced-books")
            .unwrap()
            .apply(eur(2200))
            .unwrap();
        assert_eq!((book.net, book.tax), (eur(2056), eur(144)));
        assert!(TaxRate::find(&rates, de, "vehicles").is_none());
    }
}
