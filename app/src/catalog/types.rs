use crate::domain::{Availability, Money};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryLink {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductCard {
    pub slug: String,
    pub title: String,
    pub price: Money,
    pub availability: Availability,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListingPage {
    /// `None` for the whole catalog.
    pub category: Option<CategoryLink>,
    pub products: Vec<ProductCard>,
    /// 1-based.
    pub page: u32,
    pub page_count: u32,
    pub total: u64,
}

impl ListingPage {
    pub const PAGE_SIZE: u32 = 24;

    pub fn page_count_for(total: u64) -> u32 {
        (total.div_ceil(Self::PAGE_SIZE as u64)).max(1) as u32
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductDetail {
    pub slug: String,
    pub sku: String,
    pub title: String,
    pub description: String,
    pub category: CategoryLink,
    /// The variant a basket line refers to; products have one until variants
    /// are offered for choice.
    pub variant_id: i64,
    pub price: Money,
    pub availability: Availability,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_count_rounds_up_and_is_at_least_one() {
        assert_eq!(ListingPage::page_count_for(0), 1);
        assert_eq!(ListingPage::page_count_for(24), 1);
        assert_eq!(ListingPage::page_count_for(25), 2);
        assert_eq!(ListingPage::page_count_for(2000), 84);
    }
}
