use serde::{Deserialize, Serialize};

/// What a shopper is told about stock. Low stock is announced so that
/// shoppers know to hurry; the exact count is shown only then.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Availability {
    InStock,
    OnlyFewLeft(u32),
    SoldOut,
}

impl Availability {
    pub const LOW_STOCK_THRESHOLD: i64 = 5;

    pub fn from_stock(on_hand: i64) -> Self {
        match on_hand {
            n if n <= 0 => Availability::SoldOut,
            n if n <= Self::LOW_STOCK_THRESHOLD => Availability::OnlyFewLeft(n as u32),
            _ => Availability::InStock,
        }
    }

    pub fn label(&self) -> String {
        match self {
            Availability::InStock => "In stock".to_owned(),
            Availability::OnlyFewLeft(n) => format!("Only {n} left"),
            Availability::SoldOut => "Sold out".to_owned(),
        }
    }

    pub fn css_class(&self) -> &'static str {
        match self {
            Availability::InStock => "stock stock--in",
            Availability::OnlyFewLeft(_) => "stock stock--low",
            Availability::SoldOut => "stock stock--out",
        }
    }

    pub fn can_buy(&self) -> bool {
        !matches!(self, Availability::SoldOut)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_follow_stock() {
        assert_eq!(Availability::from_stock(0).label(), "Sold out");
        assert_eq!(Availability::from_stock(-2), Availability::SoldOut);
        assert_eq!(Availability::from_stock(3).label(), "Only 3 left");
        assert_eq!(Availability::from_stock(5).label(), "Only 5 left");
        assert_eq!(Availability::from_stock(6).label(), "In stock");
        assert!(!Availability::SoldOut.can_buy());
    }
}
