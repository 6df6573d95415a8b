//! Checks the offer and voucher forms and turns them into typed values.
//! Pure, so the rules are unit-tested and the same wherever they run.

use super::types::{BenefitKind, ConditionKind, OfferForm, OfferKind, RangeKind, VoucherForm};
use crate::domain::dates::parse_day;
use crate::domain::offers::{Window, normalise_code};
use crate::domain::{Currency, FieldError, Money};
use rust_decimal::Decimal;
use std::str::FromStr;

const MAX_NAME: usize = 100;
const MAX_SKUS: usize = 500;
const MAX_SKU: usize = 64;
const PRIORITY: std::ops::RangeInclusive<i64> = -1000..=1000;
pub const MAX_BATCH: u32 = 10_000;
const MAX_PREFIX: usize = 12;

#[derive(Debug, Clone, PartialEq)]
pub enum ValidRange {
    All,
    Catalog(i64),
    Category(i64),
    Products(Vec<String>),
}

impl ValidRange {
    pub fn kind(&self) -> RangeKind {
        match self {
            ValidRange::All => RangeKind::All,
            ValidRange::Catalog(_) => RangeKind::Catalog,
            ValidRange::Category(_) => RangeKind::Category,
            ValidRange::Products(_) => RangeKind::Products,
        }
    }

    pub fn id(&self) -> Option<i64> {
        match self {
            ValidRange::Catalog(id) | ValidRange::Category(id) => Some(*id),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidOffer {
    pub id: Option<i64>,
    pub name: String,
    pub kind: OfferKind,
    pub range: ValidRange,
    pub condition: ConditionKind,
    /// A count, minor units, or an organisation's id.
    pub condition_value: i64,
    pub benefit: BenefitKind,
    /// Hundredths of a percent, minor units, or N.
    pub benefit_value: i64,
    pub priority: i64,
    pub exclusive: bool,
    pub active: bool,
    pub window: Window,
}

fn id_of(text: &str) -> Option<i64> {
    text.trim().parse().ok().filter(|id| *id > 0)
}

fn minor(text: &str, currency: Currency) -> Option<i64> {
    Money::parse(text, currency).ok()?.to_minor().ok()
}

fn range(form: &OfferForm, errors: &mut Vec<FieldError>) -> ValidRange {
    let (kind, id) = form.range.split_once(':').unwrap_or((&form.range, ""));
    let range = match RangeKind::parse(kind.trim()) {
        Some(RangeKind::All) => Some(ValidRange::All),
        Some(RangeKind::Catalog) => id_of(id).map(ValidRange::Catalog),
        Some(RangeKind::Category) => id_of(id).map(ValidRange::Category),
        Some(RangeKind::Products) => {
            let skus: Vec<String> = form
                .skus
                .split([',', '\n', ';'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            if skus.is_empty() || skus.len() > MAX_SKUS || skus.iter().any(|s| s.len() > MAX_SKU) {
                errors.push(FieldError::new(
                    "skus",
                    "List between 1 and 500 product SKUs, separated by commas.",
                ));
            }
            Some(ValidRange::Products(skus))
        }
        None => None,
    };
    range.unwrap_or_else(|| {
        errors.push(FieldError::new(
            "range",
            "Please choose which products the offer covers.",
        ));
        ValidRange::All
    })
}

fn condition(
    form: &OfferForm,
    currency: Currency,
    errors: &mut Vec<FieldError>,
) -> (ConditionKind, i64) {
    let Some(kind) = ConditionKind::parse(form.condition_kind.trim()) else {
        errors.push(FieldError::new(
            "condition_kind",
            "Please choose a condition.",
        ));
        return (ConditionKind::Count, 0);
    };
    let (field, value) = match kind {
        ConditionKind::Count => (
            "condition_value",
            form.condition_value
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|n| (1..=10_000).contains(n))
                .ok_or("Enter a number of items from 1 to 10,000."),
        ),
        ConditionKind::Value | ConditionKind::BasketTotal => (
            "condition_value",
            minor(&form.condition_value, currency).ok_or("Enter an amount such as 50.00."),
        ),
        ConditionKind::Organisation => (
            "organisation",
            id_of(&form.organisation).ok_or("Please choose an organisation."),
        ),
    };
    match value {
        Ok(value) => (kind, value),
        Err(message) => {
            errors.push(FieldError::new(field, message));
            (kind, 0)
        }
    }
}

fn benefit(
    form: &OfferForm,
    currency: Currency,
    errors: &mut Vec<FieldError>,
) -> (BenefitKind, i64) {
    let Some(kind) = BenefitKind::parse(form.benefit_kind.trim()) else {
        errors.push(FieldError::new(
            "benefit_kind",
            "Please choose what the offer gives.",
        ));
        return (BenefitKind::Percent, 0);
    };
    let text = form.benefit_value.trim();
    let value = match kind {
        BenefitKind::Percent => Decimal::from_str(text)
            .ok()
            .filter(|p| {
                *p > Decimal::ZERO && *p <= Decimal::ONE_HUNDRED && p.normalize().scale() <= 2
            })
            .and_then(|p| i64::try_from(p * Decimal::ONE_HUNDRED).ok())
            .ok_or("Enter a percentage above 0 and up to 100, such as 20 or 12.5."),
        BenefitKind::AmountRange | BenefitKind::AmountBasket => minor(text, currency)
            .filter(|m| *m > 0)
            .ok_or("Enter an amount above zero, such as 5.00."),
        BenefitKind::FixedPrice => minor(text, currency).ok_or("Enter a price such as 9.99."),
        BenefitKind::FreeShipping => Ok(0),
        BenefitKind::CheapestFree => text
            .parse::<i64>()
            .ok()
            .filter(|n| (2..=100).contains(n))
            .ok_or("Enter how many items make one free, from 2 to 100."),
    };
    match value {
        Ok(value) => (kind, value),
        Err(message) => {
            errors.push(FieldError::new("benefit_value", message));
            (kind, 0)
        }
    }
}

fn window(form: &OfferForm, errors: &mut Vec<FieldError>) -> Window {
    let day = |text: &str, field: &str, errors: &mut Vec<FieldError>| {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let parsed = parse_day(text);
        if parsed.is_none() {
            errors.push(FieldError::new(field, "Enter a date as YYYY-MM-DD."));
        }
        parsed
    };
    let starts_at = day(&form.starts_on, "starts_on", errors);
    let ends_at = day(&form.ends_on, "ends_on", errors).map(|d| d + 86_400);
    if let (Some(start), Some(end)) = (starts_at, ends_at) {
        if end <= start {
            errors.push(FieldError::new(
                "ends_on",
                "The last day cannot be before the first.",
            ));
        }
    }
    Window { starts_at, ends_at }
}

pub fn offer(form: &OfferForm, currency: Currency) -> Result<ValidOffer, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = form.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
        errors.push(FieldError::new(
            "name",
            "Give the offer a name of up to 100 characters.",
        ));
    }
    let id = match form.id.trim() {
        "" => None,
        text => {
            let id = id_of(text);
            if id.is_none() {
                errors.push(FieldError::new("id", "There is no such offer."));
            }
            id
        }
    };
    let kind = OfferKind::parse(form.kind.trim()).unwrap_or_else(|| {
        errors.push(FieldError::new(
            "kind",
            "Choose automatic or voucher codes.",
        ));
        OfferKind::Automatic
    });
    let range = range(form, &mut errors);
    let (condition, condition_value) = condition(form, currency, &mut errors);
    let (benefit, benefit_value) = benefit(form, currency, &mut errors);
    let priority = match form.priority.trim() {
        "" => 0,
        text => text
            .parse()
            .ok()
            .filter(|p| PRIORITY.contains(p))
            .unwrap_or_else(|| {
                errors.push(FieldError::new(
                    "priority",
                    "Enter a priority from -1000 to 1000.",
                ));
                0
            }),
    };
    let window = window(form, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ValidOffer {
        id,
        name,
        kind,
        range,
        condition,
        condition_value,
        benefit,
        benefit_value,
        priority,
        exclusive: form.exclusive.is_some(),
        active: form.active.is_some(),
        window,
    })
}

/// Codes to create: one named code, or a generated batch.
#[derive(Debug, Clone, PartialEq)]
pub enum NewCodes {
    One(String),
    Batch { count: u32, prefix: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidVouchers {
    pub offer: i64,
    pub codes: NewCodes,
    pub max_uses: Option<i64>,
    pub max_per_customer: Option<i64>,
}

fn limit(text: &str, field: &str, errors: &mut Vec<FieldError>) -> Option<i64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let parsed = text.parse().ok().filter(|n| (1..=1_000_000).contains(n));
    if parsed.is_none() {
        errors.push(FieldError::new(
            field,
            "Enter a limit from 1 to 1,000,000, or leave it empty for none.",
        ));
    }
    parsed
}

pub fn vouchers(form: &VoucherForm) -> Result<ValidVouchers, Vec<FieldError>> {
    let mut errors = Vec::new();
    let offer = id_of(&form.offer).unwrap_or_else(|| {
        errors.push(FieldError::new("offer", "There is no such offer."));
        0
    });
    let codes = if form.count.trim().is_empty() {
        match normalise_code(&form.code) {
            Some(code) => NewCodes::One(code),
            None => {
                errors.push(FieldError::new(
                    "code",
                    "A code has up to 40 letters, digits, dashes or underscores.",
                ));
                NewCodes::One(String::new())
            }
        }
    } else {
        let count = form
            .count
            .trim()
            .parse()
            .ok()
            .filter(|n| (1..=MAX_BATCH).contains(n));
        let prefix = match form.prefix.trim() {
            "" => Some(String::new()),
            text => normalise_code(text).filter(|p| p.len() <= MAX_PREFIX),
        };
        if count.is_none() {
            errors.push(FieldError::new(
                "count",
                "Generate from 1 to 10,000 codes at a time.",
            ));
        }
        if prefix.is_none() {
            errors.push(FieldError::new(
                "prefix",
                "A prefix has up to 12 letters, digits, dashes or underscores.",
            ));
        }
        NewCodes::Batch {
            count: count.unwrap_or(0),
            prefix: prefix.unwrap_or_default(),
        }
    };
    let max_uses = limit(&form.max_uses, "max_uses", &mut errors);
    let max_per_customer = limit(&form.max_per_customer, "max_per_customer", &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ValidVouchers {
        offer,
        codes,
        max_uses,
        max_per_customer,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> OfferForm {
        OfferForm {
            name: "Garden sale".into(),
            kind: "automatic".into(),
            range: "category:4".into(),
            condition_kind: "count".into(),
            condition_value: "1".into(),
            benefit_kind: "percent".into(),
            benefit_value: "20".into(),
            active: Some("on".into()),
            starts_on: "2026-06-01".into(),
            ends_on: "2026-06-30".into(),
            ..OfferForm::default()
        }
    }

    fn fields(form: &OfferForm) -> Vec<String> {
        offer(form, Currency::EUR)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_garden_sale_passes() {
        let valid = offer(&form(), Currency::EUR).unwrap();
        assert_eq!(valid.range, ValidRange::Category(4));
        assert_eq!(
            (valid.benefit, valid.benefit_value),
            (BenefitKind::Percent, 2000)
        );
        // The last day counts in full.
        assert_eq!(
            valid.window.ends_at.unwrap() - valid.window.starts_at.unwrap(),
            30 * 86_400
        );
        assert!(valid.active && !valid.exclusive);
    }

    #[test]
    fn bad_values_are_named_per_field() {
        let mut f = form();
        f.name = " ".into();
        f.benefit_value = "120".into();
        f.priority = "5000".into();
        f.ends_on = "2026-05-01".into();
        assert_eq!(fields(&f), ["name", "benefit_value", "priority", "ends_on"]);
        let mut f = form();
        f.range = "products".into();
        f.condition_kind = "value".into();
        f.condition_value = "-5".into();
        f.benefit_kind = "amount_basket".into();
        f.benefit_value = "0".into();
        assert_eq!(fields(&f), ["skus", "condition_value", "benefit_value"]);
        let mut f = form();
        f.range = "category:x".into();
        f.kind = "secret".into();
        f.condition_kind = "organisation".into();
        assert_eq!(fields(&f), ["kind", "range", "organisation"]);
    }

    #[test]
    fn amounts_follow_the_currency_and_products_are_listed_by_sku() {
        let mut f = form();
        f.range = "products".into();
        f.skus = "TEST-0002, TEST-0004\nTEST-0006".into();
        f.benefit_kind = "fixed_price".into();
        f.benefit_value = "9.99".into();
        let valid = offer(&f, Currency::EUR).unwrap();
        assert_eq!(
            valid.range,
            ValidRange::Products(vec![
                "TEST-0002".into(),
                "TEST-0004".into(),
                "TEST-0006".into()
            ])
        );
        assert_eq!(valid.benefit_value, 999);
        assert_eq!(fields(&f).len(), 0);
        assert!(offer(&f, Currency::JPY).is_err(), "yen have no cents");
    }

    #[test]
    fn voucher_forms_make_one_code_or_a_batch() {
        let one = VoucherForm {
            offer: "3".into(),
            code: " summer10 ".into(),
            max_uses: "1".into(),
            ..VoucherForm::default()
        };
        let valid = vouchers(&one).unwrap();
        assert_eq!(valid.codes, NewCodes::One("SUMMER10".into()));
        assert_eq!(valid.max_uses, Some(1));
        let batch = VoucherForm {
            offer: "3".into(),
            count: "1000".into(),
            prefix: "spring".into(),
            ..VoucherForm::default()
        };
        assert_eq!(
            vouchers(&batch).unwrap().codes,
            NewCodes::Batch {
                count: 1000,
                prefix: "SPRING".into()
            }
        );
        let bad = VoucherForm {
            offer: "x".into(),
            count: "20000".into(),
            prefix: "far-too-long-prefix".into(),
            max_per_customer: "0".into(),
            ..VoucherForm::default()
        };
        let fields: Vec<String> = vouchers(&bad)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["offer", "count", "prefix", "max_per_customer"]);
    }
}
