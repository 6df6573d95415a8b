use crate::domain::{Availability, Price, ProductType};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryLink {
    pub slug: String,
    pub name: String,
    /// 0 for top-level categories.
    pub depth: u32,
}

/// One stored image in its two generated sizes. Width and height are sent
/// with the markup so the page does not shift while images load.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImageView {
    pub alt: String,
    pub small_url: String,
    pub small_width: u32,
    pub small_height: u32,
    pub large_url: String,
    pub large_width: u32,
    pub large_height: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductCard {
    pub slug: String,
    pub title: String,
    /// The lowest price among the product's variants; `None` when it has
    /// no price in the store's currency.
    pub price: Option<Price>,
    /// "from $10.00" when variants are priced differently.
    pub price_varies: bool,
    pub availability: Availability,
    pub image: Option<ImageView>,
    /// The running offers on this product, e.g. "20 % off in Garden".
    #[serde(default)]
    pub offers: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListingPage {
    /// The category browsed, with its ancestors first; empty for the whole
    /// catalog.
    pub breadcrumbs: Vec<CategoryLink>,
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

    pub fn category(&self) -> Option<&CategoryLink> {
        self.breadcrumbs.last()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OptionValue {
    pub name: String,
    pub value: String,
}

/// A serial-numbered unit a shopper can pick.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitView {
    pub id: i64,
    pub serial_number: String,
    pub notes: String,
    pub price: Price,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantView {
    pub id: i64,
    pub sku: String,
    pub options: Vec<OptionValue>,
    pub price: Price,
    pub availability: Availability,
    /// Sold as individual, serial-numbered units.
    pub serial: bool,
    /// The units that can be picked now (serial variants only).
    pub units: Vec<UnitView>,
    pub images: Vec<ImageView>,
}

impl VariantView {
    /// "Seat: verified, Colour: yellow"; the SKU when there are no options.
    pub fn label(&self) -> String {
        if self.options.is_empty() {
            return self.sku.clone();
        }
        self.options
            .iter()
            .map(|o| format!("{}: {}", o.name, o.value))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductDetail {
    pub slug: String,
    pub sku: String,
    pub title: String,
    pub description: String,
    pub product_type: ProductType,
    pub shippable: bool,
    /// Primary category, root first. The browser never reads them (the
    /// trail is server HTML), so its build skips them rather than carry a
    /// reader for category links to every product page.
    #[cfg_attr(feature = "hydrate", serde(skip_deserializing))]
    pub breadcrumbs: Vec<CategoryLink>,
    pub images: Vec<ImageView>,
    /// At least one, in display order.
    pub variants: Vec<VariantView>,
    /// The running offers on this product, e.g. "20 % off in Garden".
    #[serde(default)]
    pub offers: Vec<String>,
}

impl ProductDetail {
    /// The variant with this SKU, or the first one that can be bought, or
    /// the first one.
    pub fn pick_variant(&self, sku: Option<&str>) -> Option<&VariantView> {
        sku.and_then(|s| self.variants.iter().find(|v| v.sku == s))
            .or_else(|| self.variants.iter().find(|v| v.availability.can_buy()))
            .or_else(|| self.variants.first())
    }
}

/// How search results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum SortOrder {
    #[default]
    Relevance,
    PriceLowToHigh,
    PriceHighToLow,
    Name,
    Newest,
}

impl SortOrder {
    pub const ALL: [SortOrder; 5] = [
        SortOrder::Relevance,
        SortOrder::PriceLowToHigh,
        SortOrder::PriceHighToLow,
        SortOrder::Name,
        SortOrder::Newest,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SortOrder::Relevance => "relevance",
            SortOrder::PriceLowToHigh => "price",
            SortOrder::PriceHighToLow => "price-desc",
            SortOrder::Name => "name",
            SortOrder::Newest => "newest",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortOrder::Relevance => "Relevance",
            SortOrder::PriceLowToHigh => "Price: low to high",
            SortOrder::PriceHighToLow => "Price: high to low",
            SortOrder::Name => "Name",
            SortOrder::Newest => "Newest",
        }
    }

    /// Unknown codes sort by relevance rather than fail the page.
    pub fn parse(code: &str) -> SortOrder {
        SortOrder::ALL
            .into_iter()
            .find(|s| s.code() == code)
            .unwrap_or_default()
    }
}

/// A search or browse request as the shopper typed it; the server validates
/// each field and answers bad ones with a clear message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SearchQuery {
    pub text: String,
    pub category: Option<String>,
    /// Plain decimals in the store's currency, e.g. "10" or "24.99".
    pub min_price: Option<String>,
    pub max_price: Option<String>,
    pub in_stock: bool,
    pub sort: SortOrder,
    pub page: u32,
}

impl SearchQuery {
    pub const MAX_TEXT: usize = 200;

    /// From URL query parameters (`q`, `category`, `min`, `max`,
    /// `in_stock`, `sort`, `page`); blanks count as absent.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> SearchQuery {
        let present = |key: &str| get(key).filter(|v| !v.trim().is_empty());
        SearchQuery {
            text: present("q").unwrap_or_default(),
            category: present("category"),
            min_price: present("min"),
            max_price: present("max"),
            in_stock: present("in_stock").is_some(),
            sort: present("sort")
                .map(|s| SortOrder::parse(&s))
                .unwrap_or_default(),
            page: present("page")
                .and_then(|p| p.parse().ok())
                .unwrap_or(1)
                .max(1),
        }
    }

    /// The query string for this search on another page.
    pub fn to_params(&self, page: u32) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.text.is_empty() {
            pairs.push(("q", self.text.clone()));
        }
        if let Some(c) = &self.category {
            pairs.push(("category", c.clone()));
        }
        if let Some(m) = &self.min_price {
            pairs.push(("min", m.clone()));
        }
        if let Some(m) = &self.max_price {
            pairs.push(("max", m.clone()));
        }
        if self.in_stock {
            pairs.push(("in_stock", "1".to_owned()));
        }
        if self.sort != SortOrder::Relevance {
            pairs.push(("sort", self.sort.code().to_owned()));
        }
        if page > 1 {
            pairs.push(("page", page.to_string()));
        }
        pairs
            .into_iter()
            .map(|(k, v)| format!("{k}={}", encode_component(&v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// Percent-encodes a query value (RFC 3986 unreserved characters pass).
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn page_count_rounds_up_and_is_at_least_one() {
        assert_eq!(ListingPage::page_count_for(0), 1);
        assert_eq!(ListingPage::page_count_for(24), 1);
        assert_eq!(ListingPage::page_count_for(25), 2);
        assert_eq!(ListingPage::page_count_for(2000), 84);
    }

    #[test]
    fn search_queries_round_trip_through_the_url() {
        let params: HashMap<&str, &str> = HashMap::from([
            ("q", "red pencil & co"),
            ("category", "office"),
            ("min", "2.50"),
            ("in_stock", "on"),
            ("sort", "price-desc"),
            ("page", "3"),
        ]);
        let query = SearchQuery::from_params(|k| params.get(k).map(|v| v.to_string()));
        assert_eq!(query.text, "red pencil & co");
        assert_eq!(query.sort, SortOrder::PriceHighToLow);
        assert!(query.in_stock);
        assert_eq!(query.max_price, None);
        assert_eq!(
            query.to_params(2),
            "q=red%20pencil%20%26%20co&category=office&min=2.50&in_stock=1&sort=price-desc&page=2"
        );
    }

    #[test]
    fn blank_and_unknown_parameters_fall_back_to_defaults() {
        let query = SearchQuery::from_params(|k| match k {
            "q" => Some("  ".into()),
            "sort" => Some("cheapest".into()),
            "page" => Some("-4".into()),
            _ => None,
        });
        assert_eq!(
            query,
            SearchQuery {
                page: 1,
                ..SearchQuery::default()
            }
        );
    }
}
