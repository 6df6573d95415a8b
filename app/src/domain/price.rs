//! A price as a shopper sees it: an amount and how often it is charged.

use super::money::Money;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BillingInterval {
    OneOff,
    Month,
    Year,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("“{0}” is not a billing interval (one_off, month or year)")]
pub struct IntervalError(String);

impl BillingInterval {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            BillingInterval::OneOff => "one_off",
            BillingInterval::Month => "month",
            BillingInterval::Year => "year",
        }
    }

    pub fn parse(text: &str) -> Result<Self, IntervalError> {
        match text.trim() {
            "" | "one_off" | "once" => Ok(BillingInterval::OneOff),
            "month" | "monthly" => Ok(BillingInterval::Month),
            "year" | "yearly" | "annual" => Ok(BillingInterval::Year),
            other => Err(IntervalError(other.chars().take(32).collect())),
        }
    }

    pub fn is_recurring(self) -> bool {
        self != BillingInterval::OneOff
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Price {
    pub amount: Money,
    pub interval: BillingInterval,
}

impl Price {
    pub fn one_off(amount: Money) -> Self {
        Price {
            amount,
            interval: BillingInterval::OneOff,
        }
    }
}

/// "$12.50" for one-off prices, "€9.00 / month" for recurring ones.
impl fmt::Display for Price {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.interval {
            BillingInterval::OneOff => write!(f, "{}", self.amount),
            BillingInterval::Month => write!(f, "{} / month", self.amount),
            BillingInterval::Year => write!(f, "{} / year", self.amount),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Currency;

    fn price(minor: i64, currency: Currency, interval: BillingInterval) -> Price {
        Price {
            amount: Money::from_minor(minor, currency),
            interval,
        }
    }

    #[test]
    fn recurring_prices_name_their_interval() {
        assert_eq!(
            price(900, Currency::EUR, BillingInterval::Month).to_string(),
            "€9.00 / month"
        );
        assert_eq!(
            price(9900, Currency::USD, BillingInterval::Year).to_string(),
            "$99.00 / year"
        );
    }

    #[test]
    fn one_off_prices_are_just_the_amount() {
        assert_eq!(
            price(123456, Currency::USD, BillingInterval::OneOff).to_string(),
            "$1,234.56"
        );
        assert!(!BillingInterval::OneOff.is_recurring());
    }

    #[test]
    fn intervals_round_trip_through_their_codes() {
        for interval in [
            BillingInterval::OneOff,
            BillingInterval::Month,
            BillingInterval::Year,
        ] {
            assert_eq!(BillingInterval::parse(interval.code()), Ok(interval));
        }
        assert!(BillingInterval::parse("fortnight").is_err());
    }
}
