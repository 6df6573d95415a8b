//! Money: an exact decimal amount in one currency.
//!
//! Persistence stores integer minor units plus the currency code; the domain
//! computes with `rust_decimal` so that tax and discount arithmetic never
//! drifts. Rounding rule for the whole store: amounts are rounded to the
//! currency's minor unit with *half away from zero* ("commercial rounding"),
//! once per line.

use super::currency::Currency;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("cannot combine {0} with {1}")]
    CurrencyMismatch(Currency, Currency),
    #[error("the amount is too large")]
    Overflow,
    #[error("“{0}” is not a valid amount")]
    Malformed(String),
    #[error("an amount in {0} has at most {1} decimal places")]
    TooPrecise(Currency, u32),
    #[error("the amount must not be negative")]
    Negative,
}

impl Money {
    pub fn new(amount: Decimal, currency: Currency) -> Self {
        Money { amount, currency }
    }

    pub fn zero(currency: Currency) -> Self {
        Money::new(Decimal::ZERO, currency)
    }

    /// From integer minor units, e.g. cents.
    pub fn from_minor(minor: i64, currency: Currency) -> Self {
        Money::new(Decimal::new(minor, currency.minor_units()), currency)
    }

    /// Parses a plain decimal such as `12.50` (no symbol, no grouping).
    /// Rejects negative amounts and more decimals than the currency has.
    pub fn parse(text: &str, currency: Currency) -> Result<Self, MoneyError> {
        let trimmed = text.trim();
        let well_formed = !trimmed.is_empty()
            && trimmed.len() <= 32
            && trimmed
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
            && trimmed.chars().filter(|&c| c == '.').count() <= 1;
        if !well_formed {
            return Err(MoneyError::Malformed(trimmed.chars().take(32).collect()));
        }
        let amount: Decimal = trimmed
            .parse()
            .map_err(|_| MoneyError::Malformed(trimmed.chars().take(32).collect()))?;
        if amount.is_sign_negative() && !amount.is_zero() {
            return Err(MoneyError::Negative);
        }
        if amount.normalize().scale() > currency.minor_units() {
            return Err(MoneyError::TooPrecise(currency, currency.minor_units()));
        }
        let money = Money::new(amount, currency);
        money.to_minor()?;
        Ok(money)
    }

    pub fn amount(&self) -> Decimal {
        self.amount
    }

    pub fn currency(&self) -> Currency {
        self.currency
    }

    pub fn is_zero(&self) -> bool {
        self.amount.is_zero()
    }

    /// Rounds to the currency's minor unit with the store's rounding rule.
    pub fn rounded(&self) -> Self {
        Money::new(
            self.amount.round_dp_with_strategy(
                self.currency.minor_units(),
                RoundingStrategy::MidpointAwayFromZero,
            ),
            self.currency,
        )
    }

    /// Integer minor units after rounding; fails only if it does not fit in i64.
    pub fn to_minor(&self) -> Result<i64, MoneyError> {
        let scaled = self.rounded().amount * Decimal::from(10_i64.pow(self.currency.minor_units()));
        i64::try_from(scaled.trunc()).map_err(|_| MoneyError::Overflow)
    }

    pub fn checked_add(&self, other: &Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        self.amount
            .checked_add(other.amount)
            .map(|a| Money::new(a, self.currency))
            .ok_or(MoneyError::Overflow)
    }

    pub fn checked_sub(&self, other: &Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        self.amount
            .checked_sub(other.amount)
            .map(|a| Money::new(a, self.currency))
            .ok_or(MoneyError::Overflow)
    }

    pub fn checked_mul(&self, factor: u32) -> Result<Money, MoneyError> {
        self.amount
            .checked_mul(Decimal::from(factor))
            .map(|a| Money::new(a, self.currency))
            .ok_or(MoneyError::Overflow)
    }

    fn same_currency(&self, other: &Money) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch(self.currency, other.currency))
        }
    }
}

/// English formatting: symbol first, thousands grouped with commas,
/// exactly the currency's minor digits, e.g. `$1,234.50`, `-€3.00`, `¥1,200`.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rounded = self.rounded();
        let digits = self.currency.minor_units() as usize;
        let plain = format!("{:.*}", digits, rounded.amount.abs());
        let (whole, fraction) = match plain.split_once('.') {
            Some((w, fr)) => (w.to_owned(), Some(fr.to_owned())),
            None => (plain.clone(), None),
        };
        let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
        for (i, ch) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        if rounded.amount.is_sign_negative() && !rounded.amount.is_zero() {
            f.write_str("-")?;
        }
        let symbol = self.currency.symbol();
        if symbol.is_empty() {
            write!(f, "{} ", self.currency.code())?;
        } else {
            f.write_str(symbol)?;
        }
        f.write_str(&grouped)?;
        if let Some(fraction) = fraction {
            write!(f, ".{fraction}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Money({} {})", self.amount, self.currency.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn usd(minor: i64) -> Money {
        Money::from_minor(minor, Currency::USD)
    }

    #[test]
    fn formats_with_symbol_grouping_and_minor_digits() {
        assert_eq!(usd(0).to_string(), "$0.00");
        assert_eq!(usd(5).to_string(), "$0.05");
        assert_eq!(usd(123_456).to_string(), "$1,234.56");
        assert_eq!(usd(100_000_000).to_string(), "$1,000,000.00");
        assert_eq!(usd(-300).to_string(), "-$3.00");
        assert_eq!(Money::from_minor(1200, Currency::JPY).to_string(), "¥1,200");
        assert_eq!(Money::from_minor(1250, Currency::EUR).to_string(), "€12.50");
        let kwd = Currency::parse("KWD").unwrap();
        assert_eq!(Money::from_minor(1_500, kwd).to_string(), "KWD 1.500");
    }

    #[test]
    fn rounds_half_away_from_zero_to_minor_units() {
        let m = Money::new(Decimal::new(1005, 3), Currency::USD); // 1.005
        assert_eq!(m.rounded().to_minor().unwrap(), 101);
        let m = Money::new(Decimal::new(1004, 3), Currency::USD);
        assert_eq!(m.to_minor().unwrap(), 100);
    }

    #[test]
    fn parses_plain_amounts() {
        assert_eq!(Money::parse("12.50", Currency::USD).unwrap(), usd(1250));
        assert_eq!(Money::parse("7", Currency::USD).unwrap(), usd(700));
        assert_eq!(
            Money::parse("499.99", Currency::USD)
                .unwrap()
                .to_minor()
                .unwrap(),
            49_999
        );
    }

    #[test]
    fn rejects_malformed_amounts() {
        assert!(matches!(
            Money::parse("", Currency::USD),
            Err(MoneyError::Malformed(_))
        ));
        assert!(matches!(
            Money::parse("12,50", Currency::USD),
            Err(MoneyError::Malformed(_))
        ));
        assert!(matches!(
            Money::parse("1.2.3", Currency::USD),
            Err(MoneyError::Malformed(_))
        ));
        assert!(matches!(
            Money::parse("$5", Currency::USD),
            Err(MoneyError::Malformed(_))
        ));
        assert_eq!(
            Money::parse("-1.00", Currency::USD),
            Err(MoneyError::Negative)
        );
        assert!(matches!(
            Money::parse("1.234", Currency::USD),
            Err(MoneyError::TooPrecise(..))
        ));
        assert!(matches!(
            Money::parse("1.5", Currency::JPY),
            Err(MoneyError::TooPrecise(..))
        ));
        assert!(Money::parse("99999999999999999999999", Currency::USD).is_err());
    }

    #[test]
    fn refuses_to_mix_currencies() {
        let eur = Money::from_minor(100, Currency::EUR);
        assert_eq!(
            usd(100).checked_add(&eur),
            Err(MoneyError::CurrencyMismatch(Currency::USD, Currency::EUR))
        );
    }

    #[test]
    fn multiplies_and_subtracts() {
        assert_eq!(usd(250).checked_mul(3).unwrap(), usd(750));
        assert_eq!(usd(250).checked_sub(&usd(300)).unwrap(), usd(-50));
    }

    proptest! {
        #[test]
        fn minor_units_round_trip(minor in -1_000_000_000_000i64..1_000_000_000_000i64) {
            prop_assert_eq!(usd(minor).to_minor().unwrap(), minor);
        }

        #[test]
        fn addition_is_exact(a in 0i64..10_000_000_000, b in 0i64..10_000_000_000) {
            prop_assert_eq!(usd(a).checked_add(&usd(b)).unwrap().to_minor().unwrap(), a + b);
        }

        #[test]
        fn display_then_parse_round_trips(minor in 0i64..1_000_000_000) {
            let shown = usd(minor).to_string().replace(['$', ','], "");
            prop_assert_eq!(Money::parse(&shown, Currency::USD).unwrap(), usd(minor));
        }
    }
}
