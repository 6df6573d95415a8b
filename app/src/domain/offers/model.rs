//! The offer model: a range of products, a condition, a benefit, a window
//! and how it combines with others.

use crate::domain::Money;
use rust_decimal::Decimal;
use std::collections::BTreeSet;
use std::sync::Arc;

/// The products an offer looks at: a catalog, a category (with its
/// subcategories) or a hand-picked set, resolved to product ids.
#[derive(Debug, Clone, PartialEq)]
pub struct Range {
    /// How shoppers know it, e.g. "Garden".
    pub name: String,
    /// `None` covers every product. Shared, so handing the running offers
    /// to each checkout copies no product lists.
    pub products: Option<Arc<BTreeSet<i64>>>,
}

impl Range {
    /// A range of the given products.
    pub fn of(name: &str, products: impl IntoIterator<Item = i64>) -> Range {
        Range {
            name: name.to_owned(),
            products: Some(Arc::new(products.into_iter().collect())),
        }
    }
}

impl Range {
    pub fn everything() -> Range {
        Range {
            name: String::new(),
            products: None,
        }
    }

    pub fn contains(&self, product: i64) -> bool {
        self.products.as_ref().is_none_or(|p| p.contains(&product))
    }

    pub fn is_everything(&self) -> bool {
        self.products.is_none()
    }
}

/// What a basket must have for the offer to apply.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// At least this many items from the range.
    Count(u32),
    /// Items from the range worth at least this much.
    Value(Money),
    /// The whole basket is worth at least this much.
    BasketTotal(Money),
    /// The shopper belongs to this organisation.
    Organisation { id: i64, name: String },
}

/// What the offer gives.
#[derive(Debug, Clone, PartialEq)]
pub enum Benefit {
    /// This percentage off each item in the range.
    PercentOff(Decimal),
    /// This amount off the items in the range, together.
    AmountOffRange(Money),
    /// This amount off the whole basket.
    AmountOffBasket(Money),
    /// Each item in the range costs at most this.
    FixedPrice(Money),
    FreeShipping,
    /// Of every `n` items in the range, the cheapest is free: the items
    /// are ranked by price, highest first, and every `n`th one is free.
    CheapestFree(u32),
}

/// When an offer can be used: from `starts_at` (inclusive) until
/// `ends_at` (exclusive), in Unix seconds; either end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Window {
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowStatus {
    NotYet,
    Open,
    Ended,
}

impl Window {
    pub fn status(&self, now: i64) -> WindowStatus {
        if self.starts_at.is_some_and(|s| now < s) {
            WindowStatus::NotYet
        } else if self.ends_at.is_some_and(|e| now >= e) {
            WindowStatus::Ended
        } else {
            WindowStatus::Open
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    pub id: i64,
    /// Shown in the basket summary, e.g. "Garden sale".
    pub name: String,
    pub range: Range,
    pub condition: Condition,
    pub benefit: Benefit,
    /// Higher applies first.
    pub priority: i32,
    /// Cannot be combined with any other offer.
    pub exclusive: bool,
}

/// A basket line as offers see it.
#[derive(Debug, Clone, PartialEq)]
pub struct OfferLine {
    pub product_id: i64,
    pub unit_price: Money,
    pub quantity: u32,
}

impl OfferLine {
    pub fn total(&self) -> Money {
        Money::new(
            self.unit_price.amount() * Decimal::from(self.quantity),
            self.unit_price.currency(),
        )
        .rounded()
    }
}

/// Everything a discount depends on.
#[derive(Debug, Clone, PartialEq)]
pub struct OfferBasket {
    pub currency: crate::domain::Currency,
    pub lines: Vec<OfferLine>,
    /// The chosen shipping method's price, if the basket ships.
    pub shipping: Option<Money>,
    /// The organisations the shopper belongs to.
    pub organisations: Vec<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_include_their_start_and_exclude_their_end() {
        let w = Window {
            starts_at: Some(100),
            ends_at: Some(200),
        };
        assert_eq!(w.status(99), WindowStatus::NotYet);
        assert_eq!(w.status(100), WindowStatus::Open);
        assert_eq!(w.status(199), WindowStatus::Open);
        assert_eq!(w.status(200), WindowStatus::Ended);
        assert_eq!(Window::default().status(i64::MAX), WindowStatus::Open);
    }

    #[test]
    fn ranges_cover_their_products_or_everything() {
        let garden = Range::of("Garden", [2, 4]);
        assert!(garden.contains(4) && !garden.contains(3));
        assert!(Range::everything().contains(3));
    }
}
