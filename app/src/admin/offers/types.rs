//! Offers and vouchers as the admin lists, edits and posts them.

use crate::domain::Money;
use serde::{Deserialize, Serialize};

/// Generates `code()`, `parse()` and `label()` for a kind stored as text.
macro_rules! coded {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $code:literal : $label:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn parse(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

coded!(
    /// Applies by itself, or needs a code.
    OfferKind {
        Automatic = "automatic": "Automatic",
        Voucher = "voucher": "Voucher codes",
    }
);

coded!(
    RangeKind {
        All = "all": "All products",
        Catalog = "catalog": "A catalog",
        Category = "category": "A category",
        Products = "products": "Chosen products",
    }
);

coded!(
    ConditionKind {
        Count = "count": "Number of items from the products",
        Value = "value": "Value of items from the products",
        BasketTotal = "basket_total": "Basket total",
        Organisation = "organisation": "Customer belongs to an organisation",
    }
);

coded!(
    BenefitKind {
        Percent = "percent": "Percentage off the products",
        AmountRange = "amount_range": "Amount off the products",
        AmountBasket = "amount_basket": "Amount off the basket",
        FixedPrice = "fixed_price": "Fixed price per item",
        FreeShipping = "free_shipping": "Free shipping",
        CheapestFree = "cheapest_free": "Buy N, get the cheapest free",
    }
);

/// The offer form as posted: text, checked by `rules::offer`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct OfferForm {
    /// Empty for a new offer.
    pub id: String,
    pub name: String,
    pub kind: String,
    /// `all`, `products`, `catalog:<id>` or `category:<id>`.
    pub range: String,
    /// For chosen products: their SKUs, separated by commas or lines.
    pub skus: String,
    pub condition_kind: String,
    /// A number of items or an amount.
    pub condition_value: String,
    pub organisation: String,
    pub benefit_kind: String,
    /// A percentage, an amount, or N.
    pub benefit_value: String,
    pub priority: String,
    pub exclusive: Option<String>,
    pub active: Option<String>,
    /// `YYYY-MM-DD`, the first day it applies (from 00:00 UTC).
    pub starts_on: String,
    /// `YYYY-MM-DD`, the last day it applies (until 24:00 UTC).
    pub ends_on: String,
}

/// What the editor needs besides the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferEditor {
    pub form: OfferForm,
    /// Problems with the form as last posted.
    pub errors: Vec<crate::domain::FieldError>,
    pub currency: String,
    pub categories: Vec<(i64, String)>,
    pub catalogs: Vec<(i64, String)>,
    pub organisations: Vec<(i64, String)>,
    /// For a saved voucher offer.
    pub vouchers: Vec<VoucherRow>,
    pub voucher_count: i64,
    pub stats: Option<OfferStats>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VoucherRow {
    pub id: i64,
    pub code: String,
    pub batch: String,
    pub uses: i64,
    pub max_uses: Option<i64>,
    pub max_per_customer: Option<i64>,
    pub active: bool,
}

/// Orders that got the offer, not counting those cancelled unpaid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferStats {
    pub redemptions: i64,
    /// What the offer took off those orders.
    pub discount: Money,
    /// What those orders came to, after the discount.
    pub revenue: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferRow {
    pub id: i64,
    pub name: String,
    pub kind: OfferKind,
    pub headline: String,
    /// "Running", "Scheduled", "Ended" or "Switched off".
    pub status: String,
    pub window: String,
    pub priority: i64,
    pub exclusive: bool,
    pub codes: i64,
    pub stats: OfferStats,
}

/// Codes to add to a voucher offer: one given code, or a batch.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct VoucherForm {
    pub offer: String,
    /// One code, as the merchant wants it written.
    pub code: String,
    /// How many codes to generate instead, and their prefix.
    pub count: String,
    pub prefix: String,
    /// Empty for no limit; 1 for single-use codes.
    pub max_uses: String,
    pub max_per_customer: String,
}
