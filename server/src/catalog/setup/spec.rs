//! The setup file: products, variants, prices, stock, units, images,
//! translations, categories and catalogs, as merchants write them in TOML
//! or JSON. `validate` checks all of it before anything is written, so a
//! bad file changes nothing.

use app::domain::{BillingInterval, Currency, Locale, Money, ProductType};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SetupFile {
    #[serde(default)]
    pub categories: Vec<CategorySpec>,
    #[serde(default)]
    pub products: Vec<ProductSpec>,
    #[serde(default)]
    pub catalogs: Vec<CatalogSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategorySpec {
    /// The category's slug, also its key.
    pub key: String,
    pub name: String,
    pub parent: Option<String>,
    #[serde(default)]
    pub position: i64,
    /// locale → name.
    #[serde(default)]
    pub translations: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogSpec {
    pub key: String,
    pub name: String,
    /// Product keys.
    #[serde(default)]
    pub products: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductSpec {
    pub key: String,
    pub slug: Option<String>,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub short_description: String,
    #[serde(default)]
    pub statement_descriptor: String,
    #[serde(rename = "type", default = "physical")]
    pub product_type: String,
    pub shippable: Option<bool>,
    #[serde(default)]
    pub weight_grams: i64,
    #[serde(default = "standard")]
    pub tax_class: String,
    #[serde(default = "yes")]
    pub active: bool,
    /// Category keys; the first is the primary one.
    pub categories: Vec<String>,
    #[serde(default)]
    pub translations: BTreeMap<String, TranslationSpec>,
    #[serde(default)]
    pub images: Vec<ImageSpec>,
    pub variants: Vec<VariantSpec>,
    /// Made and shipped by the external fulfilment partner.
    #[serde(default)]
    pub external_fulfilment: bool,
    /// What a digital product delivers.
    pub download: Option<DownloadSpec>,
}

/// A digital product's file, next to the setup file.
#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DownloadSpec {
    pub file: String,
    /// The name shoppers save it as; the file's own name by default.
    pub filename: Option<String>,
    /// Downloads each link allows (default 3).
    pub attempts: Option<i64>,
    /// Days each link works (default 7).
    pub days: Option<i64>,
}

fn physical() -> String {
    "physical".to_owned()
}
fn standard() -> String {
    "standard".to_owned()
}
fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize, Default, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TranslationSpec {
    pub name: Option<String>,
    pub description: Option<String>,
    pub short_description: Option<String>,
    pub statement_descriptor: Option<String>,
}

#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ImageSpec {
    #[serde(default)]
    pub alt: String,
    /// A file next to the setup file or under `public/`.
    pub path: Option<String>,
    /// Or a picture drawn on the spot: initials on a coloured shape.
    pub draw: Option<DrawSpec>,
}

#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DrawSpec {
    pub text: String,
    /// "#rrggbb".
    pub colour: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariantSpec {
    pub sku: String,
    /// Option name → value, e.g. `{ seat = "verified" }`.
    #[serde(default)]
    pub options: BTreeMap<String, String>,
    pub prices: Vec<PriceSpec>,
    /// Units on hand, for stock counted by quantity.
    pub stock: Option<i64>,
    /// Serial-numbered units; a variant has these or `stock`, not both.
    #[serde(default)]
    pub units: Vec<UnitSpec>,
    #[serde(default)]
    pub images: Vec<ImageSpec>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct PriceSpec {
    pub currency: String,
    /// A plain decimal, e.g. "9.00".
    pub amount: String,
    #[serde(default)]
    pub interval: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitSpec {
    pub serial: String,
    #[serde(default)]
    pub notes: String,
    pub price: Option<PriceSpec>,
}

/// What is wrong with a setup file, naming the item.
#[derive(Debug, thiserror::Error)]
#[error("{item}: {problem}")]
pub struct SpecError {
    pub item: String,
    pub problem: String,
}

fn fail<T>(item: &str, problem: impl Into<String>) -> Result<T, SpecError> {
    Err(SpecError {
        item: item.to_owned(),
        problem: problem.into(),
    })
}

const MAX_KEY: usize = 100;
const MAX_TEXT: usize = 20_000;
const MAX_STOCK: i64 = 1_000_000_000;

fn key(item: &str, what: &str, value: &str) -> Result<(), SpecError> {
    let ok = !value.is_empty()
        && value.len() <= MAX_KEY
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        fail(
            item,
            format!("{what} “{value}” must be 1–{MAX_KEY} letters, digits, '-', '_' or '.'"),
        )
    }
}

fn text(item: &str, what: &str, value: &str, required: bool) -> Result<(), SpecError> {
    if required && value.trim().is_empty() {
        return fail(item, format!("{what} is required"));
    }
    if value.len() > MAX_TEXT {
        return fail(item, format!("{what} is longer than {MAX_TEXT} bytes"));
    }
    Ok(())
}

pub fn locale(item: &str, code: &str) -> Result<Locale, SpecError> {
    match Locale::parse(code) {
        Some(l) if l.code() == code && l != Locale::DEFAULT => Ok(l),
        _ => fail(
            item,
            format!(
                "“{code}” is not a translation locale (the store default is {})",
                Locale::DEFAULT.code()
            ),
        ),
    }
}

/// A checked price: minor units, currency and interval.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedPrice {
    pub amount: Money,
    pub minor: i64,
    pub interval: BillingInterval,
}

pub fn price(item: &str, spec: &PriceSpec) -> Result<PlannedPrice, SpecError> {
    let currency = Currency::parse(&spec.currency).or_else(|e| fail(item, e.to_string()))?;
    let amount = Money::parse(&spec.amount, currency).or_else(|e| fail(item, e.to_string()))?;
    let minor = amount.to_minor().or_else(|e| fail(item, e.to_string()))?;
    let interval = BillingInterval::parse(&spec.interval).or_else(|e| fail(item, e.to_string()))?;
    Ok(PlannedPrice {
        amount,
        minor,
        interval,
    })
}

impl SetupFile {
    /// Checks everything that can be checked without the database.
    pub fn validate(&self) -> Result<(), SpecError> {
        for c in &self.categories {
            key(&c.key, "the key", &c.key)?;
            text(&c.key, "the name", &c.name, true)?;
            for (code, name) in &c.translations {
                locale(&c.key, code)?;
                text(&c.key, "a translated name", name, true)?;
            }
        }
        for c in &self.catalogs {
            key(&c.key, "the key", &c.key)?;
            text(&c.key, "the name", &c.name, true)?;
        }
        let mut skus = std::collections::HashSet::new();
        for p in &self.products {
            self.validate_product(p, &mut skus)?;
        }
        Ok(())
    }

    fn validate_product(
        &self,
        p: &ProductSpec,
        skus: &mut std::collections::HashSet<String>,
    ) -> Result<(), SpecError> {
        let item = p.key.as_str();
        key(item, "the key", &p.key)?;
        if let Some(slug) = &p.slug {
            key(item, "the slug", slug)?;
        }
        text(item, "the name", &p.name, true)?;
        text(item, "the description", &p.description, false)?;
        text(item, "the short description", &p.short_description, false)?;
        if p.statement_descriptor.chars().count() > 22 {
            return fail(item, "the statement descriptor has at most 22 characters");
        }
        ProductType::parse(&p.product_type).or_else(|e| fail(item, e.to_string()))?;
        if let Some(download) = &p.download {
            if p.product_type != "digital" {
                return fail(item, "only digital products have a download");
            }
            text(item, "the download file", &download.file, true)?;
            if download.attempts.is_some_and(|a| !(1..=1000).contains(&a)) {
                return fail(item, "downloads per link must be between 1 and 1000");
            }
            if download.days.is_some_and(|d| !(1..=3650).contains(&d)) {
                return fail(item, "download links last between 1 and 3650 days");
            }
        }
        key(item, "the tax class", &p.tax_class)?;
        if !(0..=MAX_STOCK).contains(&p.weight_grams) {
            return fail(item, "the weight must be between 0 and 1,000,000,000 grams");
        }
        if p.categories.is_empty() {
            return fail(item, "a product needs at least one category");
        }
        for (code, t) in &p.translations {
            locale(item, code)?;
            for field in [&t.name, &t.description, &t.short_description]
                .into_iter()
                .flatten()
            {
                text(item, "a translation", field, false)?;
            }
        }
        for image in p
            .images
            .iter()
            .chain(p.variants.iter().flat_map(|v| &v.images))
        {
            if image.path.is_some() == image.draw.is_some() {
                return fail(item, "an image has either a path or a drawing");
            }
        }
        if p.variants.is_empty() {
            return fail(item, "a product needs at least one variant");
        }
        for v in &p.variants {
            let item = v.sku.as_str();
            key(item, "the SKU", &v.sku)?;
            if !skus.insert(v.sku.clone()) {
                return fail(item, "the SKU appears twice");
            }
            if v.prices.is_empty() {
                return fail(item, "a variant needs at least one price");
            }
            let mut currencies = std::collections::HashSet::new();
            for spec in &v.prices {
                let planned = price(item, spec)?;
                if !currencies.insert(planned.amount.currency()) {
                    return fail(item, "two prices in one currency");
                }
            }
            match (v.stock, v.units.is_empty()) {
                (Some(_), false) => return fail(item, "a variant has stock or units, not both"),
                (Some(n), true) if !(0..=MAX_STOCK).contains(&n) => {
                    return fail(item, "stock must be between 0 and 1,000,000,000");
                }
                _ => {}
            }
            let mut serials = std::collections::HashSet::new();
            for unit in &v.units {
                key(item, "a serial number", &unit.serial)?;
                text(item, "unit notes", &unit.notes, false)?;
                if !serials.insert(unit.serial.clone()) {
                    return fail(item, format!("serial number {} appears twice", unit.serial));
                }
                if let Some(p) = &unit.price {
                    price(item, p)?;
                }
            }
            for (name, value) in &v.options {
                text(item, "an option name", name, true)?;
                text(item, "an option value", value, true)?;
            }
        }
        Ok(())
    }
}

/// Reads a setup file, JSON or TOML. The writer validates what it reads
/// before it writes anything.
pub fn parse(text: &str, json: bool) -> Result<SetupFile, SpecError> {
    let parsed = if json {
        serde_json::from_str(text).map_err(|e| e.to_string())
    } else {
        toml::from_str(text).map_err(|e| e.to_string())
    };
    parsed.or_else(|e| fail("setup file", e))
}

impl From<SpecError> for crate::db::StoreError {
    fn from(e: SpecError) -> Self {
        crate::db::StoreError::Rejected(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parsed and validated, as the writer takes it.
    fn checked(text: &str, json: bool) -> Result<SetupFile, SpecError> {
        let file = parse(text, json)?;
        file.validate()?;
        Ok(file)
    }

    const PENCILS: &str = r#"
        [[categories]]
        key = "office"
        name = "Office"
        translations = { de = "Büro" }

        [[products]]
        key = "PENCIL-30"
        name = "Pencil 30-pack"
        categories = ["office"]
        translations.de = { name = "Bleistifte, 30 Stück" }

        [[products.variants]]
        sku = "PENCIL-30"
        stock = 120
        prices = [{ currency = "USD", amount = "7.50" }, { currency = "EUR", amount = "6.90" }]
    "#;

    #[test]
    fn a_valid_file_parses_in_toml_and_json() {
        let file = checked(PENCILS, false).expect("valid");
        assert_eq!(file.products[0].variants[0].stock, Some(120));
        let json = r#"{"products":[{"key":"EBOOK","name":"E-book","type":"digital",
            "categories":["books"],"variants":[{"sku":"EBOOK","stock":10,
            "prices":[{"currency":"EUR","amount":"9.00","interval":"month"}]}]}]}"#;
        let file = checked(json, true).expect("valid");
        assert_eq!(file.products[0].product_type, "digital");
    }

    #[test]
    fn mistakes_are_reported_with_the_item() {
        let bad_amount = PENCILS.replace("\"7.50\"", "\"7.505\"");
        let err = checked(&bad_amount, false).unwrap_err();
        assert_eq!(err.item, "PENCIL-30");
        assert!(err.problem.contains("decimal places"), "{err}");

        let both = PENCILS.replace("stock = 120", "stock = 1\nunits = [{ serial = \"A1\" }]");
        assert!(
            checked(&both, false)
                .unwrap_err()
                .problem
                .contains("not both")
        );

        let unknown = PENCILS.replace("stock = 120", "stok = 120");
        assert!(checked(&unknown, false).is_err());

        let locale = PENCILS.replace("translations.de", "translations.xx");
        assert!(
            checked(&locale, false)
                .unwrap_err()
                .problem
                .contains("locale")
        );
    }
}
