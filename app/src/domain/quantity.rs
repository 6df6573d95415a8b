use serde::{Deserialize, Serialize};

/// How many of one item a basket line holds: a whole number from 1 to 999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Quantity(u16);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuantityError {
    #[error("Please enter the quantity as a whole number.")]
    NotANumber,
    #[error("The quantity must be between {min} and {max}.", min = Quantity::MIN, max = Quantity::MAX)]
    OutOfRange,
}

impl Quantity {
    pub const MIN: u16 = 1;
    pub const MAX: u16 = 999;
    pub const ONE: Quantity = Quantity(1);

    pub fn new(value: i64) -> Result<Self, QuantityError> {
        if (Self::MIN as i64..=Self::MAX as i64).contains(&value) {
            Ok(Quantity(value as u16))
        } else {
            Err(QuantityError::OutOfRange)
        }
    }

    /// Parses form input. Anything but an optional sign and digits is not a
    /// number; numbers too long to fit anywhere are simply out of range.
    pub fn parse(text: &str) -> Result<Self, QuantityError> {
        let trimmed = text.trim();
        let digits = trimmed.strip_prefix(['-', '+']).unwrap_or(trimmed);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(QuantityError::NotANumber);
        }
        match trimmed.parse::<i64>() {
            Ok(value) => Quantity::new(value),
            Err(_) => Err(QuantityError::OutOfRange),
        }
    }

    pub fn get(self) -> u32 {
        self.0 as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_whole_range() {
        assert_eq!(Quantity::parse("1").unwrap().get(), 1);
        assert_eq!(Quantity::parse(" 42 ").unwrap().get(), 42);
        assert_eq!(Quantity::parse("999").unwrap().get(), 999);
        assert_eq!(Quantity::parse("+3").unwrap().get(), 3);
    }

    #[test]
    fn rejects_out_of_range() {
        for bad in ["0", "-1", "1000", "99999999999999999999999999"] {
            assert_eq!(
                Quantity::parse(bad),
                Err(QuantityError::OutOfRange),
                "{bad}"
            );
        }
    }

    #[test]
    fn rejects_non_numbers() {
        for bad in ["", " ", "abc", "1.5", "1e3", "2 3", "--1", "٣"] {
            assert_eq!(
                Quantity::parse(bad),
                Err(QuantityError::NotANumber),
                "{bad}"
            );
        }
    }
}
