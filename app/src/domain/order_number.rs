//! Order numbers as shoppers see them: `YYYY-NNNNN`, the year and a
//! sequence that restarts every year (more digits once it passes 99,999).

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct OrderNumber {
    pub year: u16,
    pub sequence: u32,
}

impl OrderNumber {
    pub fn parse(text: &str) -> Option<OrderNumber> {
        let (year, sequence) = text.trim().split_once('-')?;
        if year.len() != 4
            || sequence.len() < 5
            || !year
                .bytes()
                .chain(sequence.bytes())
                .all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let sequence: u32 = sequence.parse().ok()?;
        (sequence > 0).then_some(OrderNumber {
            year: year.parse().ok()?,
            sequence,
        })
    }
}

impl fmt::Display for OrderNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:05}", self.year, self.sequence)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_format_and_parse() {
        let n = OrderNumber {
            year: 2026,
            sequence: 42,
        };
        assert_eq!(n.to_string(), "2026-00042");
        assert_eq!(OrderNumber::parse("2026-00042"), Some(n));
        assert_eq!(
            OrderNumber::parse("2026-123456").map(|n| n.sequence),
            Some(123456)
        );
        for bad in [
            "2026-42",
            "26-00042",
            "2026-0004a",
            "2026-00000",
            "",
            "2026 00042",
        ] {
            assert_eq!(OrderNumber::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn numbers_order_by_year_then_sequence() {
        let a = OrderNumber {
            year: 2025,
            sequence: 99_999,
        };
        let b = OrderNumber {
            year: 2026,
            sequence: 1,
        };
        assert!(a < b);
    }
}
