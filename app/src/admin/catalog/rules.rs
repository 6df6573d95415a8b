//! Checks a posted product form and turns it into typed values. Pure, so
//! the rules are the same wherever they run and are unit-tested.

use super::types::{ProductForm, VariantForm};
use crate::domain::{BillingInterval, Currency, FieldError, Locale, Money, ProductType};

pub const MAX_NAME: usize = 200;
pub const MAX_TEXT: usize = 20_000;
pub const MAX_SKU: usize = 64;
pub const MAX_VARIANTS: usize = 100;
pub const MAX_STOCK: i64 = 1_000_000_000;

#[derive(Debug, Clone, PartialEq)]
pub struct ValidPrice {
    pub amount: Money,
    pub minor: i64,
    pub interval: BillingInterval,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidVariant {
    /// The form row it came from, to name fields in later refusals.
    pub row: usize,
    pub id: Option<i64>,
    pub sku: String,
    pub option: Option<(String, String)>,
    /// The options after the first, in order.
    pub more_options: Vec<(String, String)>,
    pub prices: Vec<ValidPrice>,
    pub stock: i64,
    pub serial: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidTranslation {
    pub locale: Locale,
    pub name: Option<String>,
    pub short_description: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidProduct {
    pub id: Option<i64>,
    pub sku: String,
    pub name: String,
    pub slug: Option<String>,
    pub short_description: String,
    pub description: String,
    pub product_type: ProductType,
    pub tax_class: String,
    pub weight_grams: i64,
    pub shippable: bool,
    pub active: bool,
    pub categories: Vec<i64>,
    pub catalogs: Vec<i64>,
    pub variants: Vec<ValidVariant>,
    pub translations: Vec<ValidTranslation>,
    pub download_attempts: i64,
    pub download_days: i64,
}

/// The form field a variant's problem belongs to.
pub fn variant_field(index: usize, name: &str) -> String {
    format!("variant-{index}-{name}")
}

fn checked(value: &Option<String>) -> bool {
    value
        .as_deref()
        .is_some_and(|v| matches!(v, "on" | "true" | "1"))
}

fn sku_ok(sku: &str) -> bool {
    !sku.is_empty()
        && sku.len() <= MAX_SKU
        && sku
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn id(text: &str) -> Option<i64> {
    text.trim().parse::<i64>().ok().filter(|id| *id > 0)
}

/// A whole number in `range`, or the message for its field.
fn whole(text: &str, what: &str, min: i64, max: i64) -> Result<i64, String> {
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| format!("{what} must be a whole number from {min} to {max}."))
}

/// Parses price lines: "EUR 19.99" or "EUR 9.99 month", one per currency.
pub fn parse_prices(text: &str) -> Result<Vec<ValidPrice>, String> {
    let mut prices: Vec<ValidPrice> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let mut words = line.split_whitespace();
        let (Some(code), Some(amount)) = (words.next(), words.next()) else {
            return Err(format!(
                "“{}”: write a currency and an amount, e.g. EUR 19.99.",
                clip(line)
            ));
        };
        let interval = BillingInterval::parse(words.next().unwrap_or(""))
            .map_err(|e| format!("“{}”: {e}.", clip(line)))?;
        if words.next().is_some() {
            return Err(format!("“{}”: one price per line.", clip(line)));
        }
        let currency = Currency::parse(&code.to_ascii_uppercase())
            .map_err(|e| format!("“{}”: {e}.", clip(line)))?;
        let amount =
            Money::parse(amount, currency).map_err(|e| format!("“{}”: {e}.", clip(line)))?;
        let minor = amount
            .to_minor()
            .map_err(|e| format!("“{}”: {e}.", clip(line)))?;
        if prices.iter().any(|p| p.amount.currency() == currency) {
            return Err(format!("{} is priced twice.", currency.code()));
        }
        prices.push(ValidPrice {
            amount,
            minor,
            interval,
        });
    }
    if prices.is_empty() {
        return Err("Give at least one price, e.g. EUR 19.99.".into());
    }
    Ok(prices)
}

pub const MAX_OPTIONS: usize = 5;
const MAX_OPTION: usize = 60;

/// `Colour: Red; Material: Oak` → pairs; names are unique, case aside, and
/// differ from the first option's.
fn parse_more_options(text: &str, first: Option<&str>) -> Result<Vec<(String, String)>, String> {
    let mut options: Vec<(String, String)> = Vec::new();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((name, value)) = part.split_once(':') else {
            return Err(format!(
                "Write each further option as name: value, e.g. Colour: Red (not “{}”).",
                clip(part)
            ));
        };
        let (name, value) = (name.trim(), value.trim());
        if name.is_empty() || value.is_empty() {
            return Err("Give each further option a name and a value.".into());
        }
        if name.chars().count() > MAX_OPTION || value.chars().count() > MAX_OPTION {
            return Err(format!(
                "Option names and values have at most {MAX_OPTION} characters."
            ));
        }
        let clash = |other: &str| other.eq_ignore_ascii_case(name);
        if first.is_some_and(clash) || options.iter().any(|(n, _)| clash(n)) {
            return Err(format!("The option {name} is given twice."));
        }
        options.push((name.to_owned(), value.to_owned()));
    }
    if !options.is_empty() && first.is_none() {
        return Err("Fill in the first option before further ones.".into());
    }
    if options.len() + 1 > MAX_OPTIONS {
        return Err(format!("A variant has at most {MAX_OPTIONS} options."));
    }
    Ok(options)
}

fn clip(text: &str) -> String {
    text.chars().take(40).collect()
}

fn check_variant(
    index: usize,
    v: &VariantForm,
    errors: &mut Vec<FieldError>,
) -> Option<ValidVariant> {
    let mut field = |name: &str, message: String| {
        errors.push(FieldError::new(variant_field(index, name), message));
    };
    let sku = v.sku.trim().to_owned();
    let mut ok = true;
    if !sku_ok(&sku) {
        field(
            "sku",
            format!("A SKU is 1 to {MAX_SKU} letters, digits, dashes, dots or underscores."),
        );
        ok = false;
    }
    let option = match (v.option_name.trim(), v.option_value.trim()) {
        ("", "") => None,
        (name, value) if name.is_empty() || value.is_empty() => {
            field("option", "Give the option both a name and a value.".into());
            ok = false;
            None
        }
        (name, value) if name.chars().count() > 60 || value.chars().count() > 60 => {
            field(
                "option",
                "Option names and values have at most 60 characters.".into(),
            );
            ok = false;
            None
        }
        (name, value) => Some((name.to_owned(), value.to_owned())),
    };
    let more_options = match parse_more_options(
        &v.more_options,
        option.as_ref().map(|(name, _)| name.as_str()),
    ) {
        Ok(options) => options,
        Err(message) => {
            field("more_options", message);
            ok = false;
            Vec::new()
        }
    };
    let prices = match parse_prices(&v.prices) {
        Ok(prices) => prices,
        Err(message) => {
            field("prices", message);
            ok = false;
            Vec::new()
        }
    };
    let serial = checked(&v.serial);
    let stock = match (serial, v.stock.trim()) {
        (true, _) | (false, "") => 0,
        (false, text) => match whole(text, "Stock", 0, MAX_STOCK) {
            Ok(n) => n,
            Err(message) => {
                field("stock", message);
                ok = false;
                0
            }
        },
    };
    ok.then(|| ValidVariant {
        row: index,
        id: id(&v.id),
        sku,
        option,
        more_options,
        prices,
        stock,
        serial,
    })
}

fn limited(text: &str, max: usize) -> Option<String> {
    let text = text.trim();
    (text.chars().count() <= max).then(|| text.to_owned())
}

/// Checks everything, collecting one message per field.
pub fn validate(form: &ProductForm) -> Result<ValidProduct, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut error = |field: &str, message: &str| errors.push(FieldError::new(field, message));
    let sku = form.sku.trim().to_owned();
    if !sku_ok(&sku) {
        error(
            "sku",
            "A SKU is 1 to 64 letters, digits, dashes, dots or underscores.",
        );
    }
    let name = form.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > MAX_NAME {
        error("name", "Give the product a name of at most 200 characters.");
    }
    let slug = form.slug.trim().to_owned();
    let slug_ok = slug.len() <= 120
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !slug_ok {
        error(
            "slug",
            "A web address uses lower-case letters, digits and dashes (at most 120).",
        );
    }
    let short_description = limited(&form.short_description, 500).unwrap_or_else(|| {
        error("short_description", "At most 500 characters.");
        String::new()
    });
    let description = limited(&form.description, MAX_TEXT).unwrap_or_else(|| {
        error("description", "At most 20,000 characters.");
        String::new()
    });
    let product_type = ProductType::parse(form.product_type.trim()).unwrap_or_else(|_| {
        error("product_type", "Choose physical, digital or service.");
        ProductType::Physical
    });
    let tax_class = form.tax_class.trim().to_owned();
    if tax_class.is_empty()
        || tax_class.len() > 40
        || !tax_class
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit())
    {
        error("tax_class", "Choose a tax class.");
    }
    let weight_grams = match form.weight_grams.trim() {
        "" => 0,
        text => whole(text, "Weight", 0, 1_000_000).unwrap_or_else(|m| {
            error("weight_grams", &m);
            0
        }),
    };
    let categories: Vec<i64> = form.categories.iter().filter_map(|c| id(c)).collect();
    if categories.is_empty() || categories.len() != form.categories.len() {
        error("categories", "Choose at least one category.");
    }
    let catalogs: Vec<i64> = form.catalogs.iter().filter_map(|c| id(c)).collect();
    let download_attempts = match form.download_attempts.trim() {
        "" => 3,
        text => whole(text, "Downloads per link", 1, 1000).unwrap_or_else(|m| {
            error("download_attempts", &m);
            3
        }),
    };
    let download_days = match form.download_days.trim() {
        "" => 7,
        text => whole(text, "Days a link works", 1, 3650).unwrap_or_else(|m| {
            error("download_days", &m);
            7
        }),
    };
    let mut translations = Vec::new();
    for t in &form.translations {
        let Some(locale) = Locale::parse(&t.locale).filter(|l| *l != Locale::DEFAULT) else {
            continue;
        };
        let field = |name: &str| format!("translation-{}-{name}", locale.code());
        let optional =
            |text: &str, max: usize, name: &str, errors: &mut Vec<FieldError>| match limited(
                text, max,
            ) {
                Some(text) if text.is_empty() => None,
                Some(text) => Some(text),
                None => {
                    errors.push(FieldError::new(field(name), "That is too long."));
                    None
                }
            };
        translations.push(ValidTranslation {
            locale,
            name: optional(&t.name, MAX_NAME, "name", &mut errors),
            short_description: optional(
                &t.short_description,
                500,
                "short_description",
                &mut errors,
            ),
            description: optional(&t.description, MAX_TEXT, "description", &mut errors),
        });
    }
    // Rows left blank (the editor always offers one more) are not variants.
    let rows: Vec<(usize, &VariantForm)> = form
        .variants
        .iter()
        .enumerate()
        .filter(|(_, v)| {
            !(v.id.trim().is_empty()
                && v.sku.trim().is_empty()
                && v.prices.trim().is_empty()
                && v.option_value.trim().is_empty()
                && v.more_options.trim().is_empty())
        })
        .collect();
    let mut variants = Vec::new();
    if rows.is_empty() {
        errors.push(FieldError::new(
            variant_field(0, "sku"),
            "A product needs at least one variant with a SKU and a price.",
        ));
    } else if rows.len() > MAX_VARIANTS {
        errors.push(FieldError::new("variants", "At most 100 variants."));
    }
    let mut seen: Vec<&str> = Vec::new();
    for (index, v) in rows {
        let sku = v.sku.trim();
        if !sku.is_empty() && seen.contains(&sku) {
            errors.push(FieldError::new(
                variant_field(index, "sku"),
                "Two variants have this SKU.",
            ));
        }
        seen.push(sku);
        if let Some(valid) = check_variant(index, v, &mut errors) {
            variants.push(valid);
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ValidProduct {
        id: id(&form.id),
        sku,
        name,
        slug: Some(slug).filter(|s| !s.is_empty()),
        short_description,
        description,
        shippable: checked(&form.shippable),
        active: checked(&form.active),
        product_type,
        tax_class,
        weight_grams,
        categories,
        catalogs,
        variants,
        translations,
        download_attempts,
        download_days,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::admin::catalog::types::TranslationForm;

    fn form() -> ProductForm {
        ProductForm {
            sku: "TEE".into(),
            name: "Tee".into(),
            product_type: "physical".into(),
            tax_class: "standard".into(),
            weight_grams: "180".into(),
            active: Some("on".into()),
            shippable: Some("on".into()),
            categories: vec!["3".into()],
            variants: vec![
                VariantForm {
                    sku: "TEE-S".into(),
                    option_name: "Size".into(),
                    option_value: "S".into(),
                    prices: "EUR 19.99\nusd 21 month".into(),
                    stock: "5".into(),
                    ..VariantForm::default()
                },
                VariantForm::default(),
            ],
            ..ProductForm::default()
        }
    }

    fn fields(form: &ProductForm) -> Vec<String> {
        validate(form)
            .expect_err("refused")
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_good_form_parses_exactly_and_blank_rows_are_skipped() {
        let valid = validate(&form()).expect("valid");
        assert_eq!(valid.variants.len(), 1);
        let v = &valid.variants[0];
        assert_eq!(v.prices[0].minor, 1999);
        assert_eq!(v.prices[1].minor, 2100);
        assert_eq!(v.prices[1].interval, BillingInterval::Month);
        assert_eq!(v.stock, 5);
        assert_eq!(v.option, Some(("Size".into(), "S".into())));
        assert!(valid.active && valid.shippable);
        assert_eq!(valid.weight_grams, 180);
    }

    #[test]
    fn malformed_money_is_refused_on_its_field() {
        for bad in [
            "EUR 19,99",
            "EUR 1.999",
            "EUR -3",
            "19.99",
            "XXX1 3",
            "EUR 1 2 3",
            "EUR 9 fortnight",
        ] {
            let mut f = form();
            f.variants[0].prices = bad.into();
            assert_eq!(fields(&f), ["variant-0-prices"], "{bad}");
        }
        let mut f = form();
        f.variants[0].prices = "EUR 1\nEUR 2".into();
        assert_eq!(fields(&f), ["variant-0-prices"]);
    }

    #[test]
    fn each_problem_names_its_field() {
        let mut f = form();
        f.sku = "bad sku".into();
        f.name = String::new();
        f.weight_grams = "-1".into();
        f.categories = vec![];
        f.slug = "Not A Slug".into();
        f.variants[0].stock = "lots".into();
        f.variants[0].option_value = String::new();
        assert_eq!(
            fields(&f),
            [
                "sku",
                "name",
                "slug",
                "weight_grams",
                "categories",
                "variant-0-option",
                "variant-0-stock"
            ]
        );
    }

    #[test]
    fn huge_and_duplicate_values_are_refused() {
        let mut f = form();
        f.name = "x".repeat(MAX_NAME + 1);
        f.variants[0].stock = (MAX_STOCK + 1).to_string();
        f.variants[1] = f.variants[0].clone();
        f.variants[1].stock = "1".into();
        let got = fields(&f);
        assert!(got.contains(&"name".to_owned()));
        assert!(got.contains(&"variant-0-stock".to_owned()));
        assert!(got.contains(&"variant-1-sku".to_owned()), "{got:?}");
    }

    #[test]
    fn a_product_needs_a_variant_and_translations_are_kept_per_locale() {
        let mut f = form();
        f.variants = vec![VariantForm::default()];
        assert_eq!(fields(&f), ["variant-0-sku"]);
        let mut f = form();
        f.translations = vec![
            TranslationForm {
                locale: "de".into(),
                name: "Hemd".into(),
                ..TranslationForm::default()
            },
            TranslationForm {
                locale: "en".into(),
                name: "ignored: the default language is the product itself".into(),
                ..TranslationForm::default()
            },
        ];
        let valid = validate(&f).expect("valid");
        assert_eq!(valid.translations.len(), 1);
        assert_eq!(valid.translations[0].name.as_deref(), Some("Hemd"));
        assert_eq!(valid.translations[0].description, None);
    }

    #[test]
    fn further_options_are_parsed_and_checked() {
        assert_eq!(
            parse_more_options(" Colour: Red ;Material:Oak; ", Some("Size")).unwrap(),
            vec![
                ("Colour".into(), "Red".into()),
                ("Material".into(), "Oak".into())
            ]
        );
        assert_eq!(parse_more_options("", None).unwrap(), Vec::new());
        for (text, first) in [
            ("Colour Red", Some("Size")),
            ("Colour: ", Some("Size")),
            ("size: L", Some("Size")),
            ("Colour: Red; colour: Blue", Some("Size")),
            ("Colour: Red", None),
            ("A: 1; B: 2; C: 3; D: 4; E: 5", Some("Size")),
        ] {
            assert!(parse_more_options(text, first).is_err(), "{text}");
        }
        let long = format!("Colour: {}", "r".repeat(61));
        assert!(parse_more_options(&long, Some("Size")).is_err());
    }
}
