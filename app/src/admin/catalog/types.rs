//! What the admin shows and posts for products. Posted forms are strings,
//! so malformed input is answered per field instead of as a decoding error.

use crate::domain::{FieldError, Money};
use serde::{Deserialize, Serialize};

/// One row of the product list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductRow {
    pub id: i64,
    pub sku: String,
    pub name: String,
    pub product_type: String,
    pub active: bool,
    pub variants: u32,
    pub stock: i64,
    pub price: Option<Money>,
    pub thumbnail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductPage {
    pub rows: Vec<ProductRow>,
    pub total: u64,
    pub page: u32,
    pub pages: u32,
}

/// The product list's filters, as the URL carries them.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ProductFilter {
    pub q: String,
    /// "active", "inactive" or empty for both.
    pub status: String,
    /// A product type code, or empty.
    pub kind: String,
    pub page: u32,
}

/// The product editor's form. Checkboxes are present ("on") or absent.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ProductForm {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub sku: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub short_description: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub product_type: String,
    #[serde(default)]
    pub tax_class: String,
    #[serde(default)]
    pub weight_grams: String,
    #[serde(default)]
    pub shippable: Option<String>,
    #[serde(default)]
    pub active: Option<String>,
    /// Category ids; the first is the primary one.
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub catalogs: Vec<String>,
    #[serde(default)]
    pub variants: Vec<VariantForm>,
    #[serde(default)]
    pub translations: Vec<TranslationForm>,
    #[serde(default)]
    pub download_attempts: String,
    #[serde(default)]
    pub download_days: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct VariantForm {
    /// Empty for a new variant.
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub sku: String,
    #[serde(default)]
    pub option_name: String,
    #[serde(default)]
    pub option_value: String,
    /// Further options after the first: `Colour: Red; Material: Oak`.
    #[serde(default)]
    pub more_options: String,
    /// One price per line: "EUR 19.99", or "EUR 9.99 month" for
    /// subscriptions.
    #[serde(default)]
    pub prices: String,
    /// Units on hand, for new variants; existing stock is adjusted on the
    /// stock page, with a reason.
    #[serde(default)]
    pub stock: String,
    /// Counted by serial numbers instead of a quantity.
    #[serde(default)]
    pub serial: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TranslationForm {
    #[serde(default)]
    pub locale: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub short_description: String,
    #[serde(default)]
    pub description: String,
}

/// A choice in a list of checkboxes or a select.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub id: i64,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminImage {
    pub id: i64,
    pub url: String,
    pub alt: String,
    pub width: u32,
    pub height: u32,
}

/// A digital product's file, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DownloadFile {
    pub filename: String,
    pub attempts: u32,
    pub days: u32,
}

/// Everything the product editor shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductEditor {
    pub form: ProductForm,
    pub errors: Vec<FieldError>,
    pub categories: Vec<Choice>,
    pub catalogs: Vec<Choice>,
    pub tax_classes: Vec<String>,
    pub images: Vec<AdminImage>,
    pub download: Option<DownloadFile>,
    /// The storefront page, for products that exist.
    pub public_url: Option<String>,
}

/// A saved product: where its editor is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductSaved {
    pub id: i64,
    pub message: String,
}
