//! Checks the settings forms and turns them into typed values. Pure, so
//! the rules are unit-tested and the same wherever they run.

use super::types::{SettingsForm, ShippingMethodForm};
use crate::domain::shipping::ShippingRule;
use crate::domain::{Country, Currency, FieldError, Money};
use rust_decimal::Decimal;
use std::str::FromStr;

pub const RESERVATION_MINUTES: std::ops::RangeInclusive<u32> = 5..=10_080;
pub const UNPAID_HOURS: std::ops::RangeInclusive<u32> = 1..=2_160;
const MAX_NAME: usize = 200;
const MAX_BANDS: usize = 50;

#[derive(Debug, Clone, PartialEq)]
pub struct ValidSettings {
    pub currency: Currency,
    pub prices_include_tax: bool,
    pub mail_from: String,
    pub reservation_minutes: u32,
    pub unpaid_order_hours: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidTaxRate {
    pub country: Country,
    pub tax_class: String,
    pub percent: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidMethod {
    pub code: String,
    pub name: String,
    pub rule: ShippingRule,
    /// `None` ships everywhere.
    pub countries: Option<Vec<Country>>,
    pub position: i64,
    pub active: bool,
}

fn whole_in(text: &str, range: &std::ops::RangeInclusive<u32>) -> Option<u32> {
    text.trim().parse().ok().filter(|n| range.contains(n))
}

/// A sender as mail programs write it: `orders@example.com` or
/// `Shop name <orders@example.com>`. The server parses it fully again.
pub fn sender_ok(text: &str) -> bool {
    let text = text.trim();
    if text.is_empty() || text.len() > MAX_NAME || text.chars().any(char::is_control) {
        return false;
    }
    let address = match (text.rfind('<'), text.strip_suffix('>')) {
        (Some(open), Some(inner)) => &inner[open + 1..],
        (None, None) => text,
        _ => return false,
    };
    match address.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !address.contains(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    }
}

pub fn settings(form: &SettingsForm) -> Result<ValidSettings, Vec<FieldError>> {
    let mut errors = Vec::new();
    let currency = Currency::parse(&form.currency).ok();
    if currency.is_none() {
        errors.push(FieldError::new(
            "currency",
            "Currency: give a three-letter code such as EUR or USD.",
        ));
    }
    if !sender_ok(&form.mail_from) {
        errors.push(FieldError::new(
            "mail_from",
            "Email sender: give an address such as Shop <orders@example.com>.",
        ));
    }
    let reservation = whole_in(&form.reservation_minutes, &RESERVATION_MINUTES);
    if reservation.is_none() {
        errors.push(FieldError::new(
            "reservation_minutes",
            format!(
                "Reservation time: give whole minutes from {} to {} (a week).",
                RESERVATION_MINUTES.start(),
                RESERVATION_MINUTES.end()
            ),
        ));
    }
    let unpaid = whole_in(&form.unpaid_order_hours, &UNPAID_HOURS);
    if unpaid.is_none() {
        errors.push(FieldError::new(
            "unpaid_order_hours",
            format!(
                "Unpaid orders expire after: give whole hours from {} to {} (90 days).",
                UNPAID_HOURS.start(),
                UNPAID_HOURS.end()
            ),
        ));
    }
    match (currency, reservation, unpaid) {
        (Some(currency), Some(reservation_minutes), Some(unpaid_order_hours))
            if errors.is_empty() =>
        {
            Ok(ValidSettings {
                currency,
                prices_include_tax: form.prices_include_tax.is_some(),
                mail_from: form.mail_from.trim().to_owned(),
                reservation_minutes,
                unpaid_order_hours,
            })
        }
        _ => Err(errors),
    }
}

fn class_ok(class: &str) -> bool {
    !class.is_empty()
        && class.len() <= 40
        && class
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

pub fn tax_rate(
    country: &str,
    class: &str,
    percent: &str,
) -> Result<ValidTaxRate, Vec<FieldError>> {
    let mut errors = Vec::new();
    let parsed_country = Country::parse(country)
        .ok()
        .filter(|c| *c != Country::UNKNOWN);
    if parsed_country.is_none() {
        errors.push(FieldError::new(
            "country",
            "Country: give a two-letter code such as DE.",
        ));
    }
    let class = class.trim();
    if !class_ok(class) {
        errors.push(FieldError::new(
            "tax_class",
            "Tax class: lower-case letters, digits and dashes, such as reduced-books.",
        ));
    }
    let text = percent.trim().trim_end_matches('%').trim();
    let parsed = (text.len() <= 8 && !text.starts_with('-'))
        .then(|| Decimal::from_str(text).ok())
        .flatten()
        .filter(|p| {
            *p >= Decimal::ZERO && *p <= Decimal::ONE_HUNDRED && p.normalize().scale() <= 3
        });
    if parsed.is_none() {
        errors.push(FieldError::new(
            "percent",
            "Rate: give a percentage from 0 to 100, such as 19 or 5.5.",
        ));
    }
    match (parsed_country, parsed) {
        (Some(country), Some(percent)) if errors.is_empty() => Ok(ValidTaxRate {
            country,
            tax_class: class.to_owned(),
            percent: percent.normalize(),
        }),
        _ => Err(errors),
    }
}

fn code_ok(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 40
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// `1000: 5.90; 5000: 9.90` → bands in ascending weight.
pub fn parse_bands(text: &str, currency: Currency) -> Option<Vec<(u64, Money)>> {
    let mut bands: Vec<(u64, Money)> = Vec::new();
    for band in text.split(';').map(str::trim).filter(|b| !b.is_empty()) {
        let (grams, price) = band.split_once(':')?;
        let grams: u64 = grams
            .trim()
            .parse()
            .ok()
            .filter(|g| *g > 0 && *g <= 10_000_000)?;
        let price = Money::parse(price, currency).ok()?;
        if bands.last().is_some_and(|(last, _)| *last >= grams) || bands.len() >= MAX_BANDS {
            return None;
        }
        bands.push((grams, price));
    }
    (!bands.is_empty()).then_some(bands)
}

/// The bands as the admin form writes them.
pub fn format_bands(bands: &[(u64, Money)]) -> String {
    bands
        .iter()
        .map(|(grams, price)| format!("{grams}: {}", price.amount()))
        .collect::<Vec<_>>()
        .join("; ")
}

fn countries(text: &str) -> Option<Option<Vec<Country>>> {
    let codes: Vec<&str> = text
        .split([',', ' '])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    if codes.is_empty() {
        return Some(None);
    }
    if codes.len() > 250 {
        return None;
    }
    let mut list = codes
        .into_iter()
        .map(|c| Country::parse(c).ok().filter(|c| *c != Country::UNKNOWN))
        .collect::<Option<Vec<_>>>()?;
    list.sort();
    list.dedup();
    Some(Some(list))
}

pub fn method(
    form: &ShippingMethodForm,
    currency: Currency,
) -> Result<ValidMethod, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut fail = |field: &str, message: &str| errors.push(FieldError::new(field, message));
    let code = form.code.trim();
    if !code_ok(code) {
        fail(
            "code",
            "Code: lower-case letters, digits and dashes, such as express.",
        );
    }
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME {
        fail("name", "Name: between 1 and 200 characters.");
    }
    let money = |text: &str| Money::parse(text, currency).ok();
    let rule = match form.kind.as_str() {
        "flat" => money(&form.amount).map(ShippingRule::FlatRate),
        "free_over" => match (money(&form.threshold), money(&form.amount)) {
            (Some(threshold), Some(otherwise)) => Some(ShippingRule::FreeOver {
                threshold,
                otherwise,
            }),
            _ => None,
        },
        "weight" => parse_bands(&form.bands, currency).map(ShippingRule::ByWeight),
        _ => None,
    };
    if rule.is_none() {
        match form.kind.as_str() {
            "flat" => fail("amount", "Price: give an amount such as 4.90."),
            "free_over" => fail(
                "threshold",
                "Free from and price below it: give amounts such as 100 and 6.90.",
            ),
            "weight" => fail(
                "bands",
                "Weight bands: give grams and prices in rising order, such as 1000: 5.90; 5000: 9.90.",
            ),
            _ => fail("kind", "Choose how the method is priced."),
        }
    }
    let shipped_to = countries(&form.countries);
    if shipped_to.is_none() {
        fail(
            "countries",
            "Countries: two-letter codes separated by commas, or empty for everywhere.",
        );
    }
    let position = match form.position.trim() {
        "" => Some(0),
        text => text
            .parse::<i64>()
            .ok()
            .filter(|p| (0..=10_000).contains(p)),
    };
    if position.is_none() {
        fail("position", "Position: a whole number from 0 to 10000.");
    }
    match (rule, shipped_to, position) {
        (Some(rule), Some(countries), Some(position)) if errors.is_empty() => Ok(ValidMethod {
            code: code.to_owned(),
            name: name.to_owned(),
            rule,
            countries,
            position,
            active: form.active.is_some(),
        }),
        _ => Err(errors),
    }
}

/// The problems as one message, for forms that show a single alert.
pub fn joined(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| e.message.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Masks a secret for display: whether it is set, and for long ones the
/// last four characters, which identify a key without giving it away.
pub fn mask_secret(secret: Option<&str>) -> String {
    match secret.map(str::trim) {
        None | Some("") => "not set".into(),
        Some(s) if s.chars().count() >= 20 => {
            let tail: Vec<char> = s.chars().rev().take(4).collect();
            format!("set (…{})", tail.into_iter().rev().collect::<String>())
        }
        Some(_) => "set".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> SettingsForm {
        SettingsForm {
            currency: "eur".into(),
            prices_include_tax: Some("on".into()),
            mail_from: "Ferrostore <orders@ferrostore.test>".into(),
            reservation_minutes: "45".into(),
            unpaid_order_hours: "48".into(),
        }
    }

    #[test]
    fn settings_are_parsed() {
        let valid = settings(&form()).unwrap();
        assert_eq!(valid.currency, Currency::EUR);
        assert!(valid.prices_include_tax);
        assert_eq!(
            (valid.reservation_minutes, valid.unpaid_order_hours),
            (45, 48)
        );
        let unticked = SettingsForm {
            prices_include_tax: None,
            ..form()
        };
        assert!(!settings(&unticked).unwrap().prices_include_tax);
    }

    #[test]
    fn bad_settings_name_each_field() {
        let bad = SettingsForm {
            currency: "euro".into(),
            prices_include_tax: None,
            mail_from: "orders at shop".into(),
            reservation_minutes: "2".into(),
            unpaid_order_hours: "-1".into(),
        };
        let fields: Vec<String> = settings(&bad)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "currency",
                "mail_from",
                "reservation_minutes",
                "unpaid_order_hours"
            ]
        );
        for minutes in ["4", "10081", "1e3", "99999999999999", ""] {
            let f = SettingsForm {
                reservation_minutes: minutes.into(),
                ..form()
            };
            assert!(settings(&f).is_err(), "{minutes}");
        }
    }

    #[test]
    fn senders() {
        for good in [
            "a@b.co",
            "Shop <orders@shop.example>",
            "\"Shop, Inc\" <x@y.de>",
        ] {
            assert!(sender_ok(good), "{good}");
        }
        for bad in [
            "",
            "shop",
            "a@b",
            "Shop <a@b.co",
            "a@b.co\r\nBcc: x@y.z",
            "a b@c.de",
            "@b.co",
            "a@.co",
        ] {
            assert!(!sender_ok(bad), "{bad}");
        }
    }

    #[test]
    fn tax_rates() {
        let rate = tax_rate("de", "reduced-books", "7").unwrap();
        assert_eq!(
            (rate.country.code(), rate.percent),
            ("DE", Decimal::from(7))
        );
        assert_eq!(
            tax_rate("FI", "standard", "25.50%")
                .unwrap()
                .percent
                .to_string(),
            "25.5"
        );
        for (country, class, percent) in [
            ("", "standard", "19"),
            ("DEU", "standard", "19"),
            ("ZZ", "standard", "19"),
            ("DE", "Standard", "19"),
            ("DE", "", "19"),
            ("DE", "standard", "-1"),
            ("DE", "standard", "100.5"),
            ("DE", "standard", "nineteen"),
            ("DE", "standard", "1.2345"),
        ] {
            assert!(
                tax_rate(country, class, percent).is_err(),
                "{country} {class} {percent}"
            );
        }
    }

    fn method_form(kind: &str) -> ShippingMethodForm {
        ShippingMethodForm {
            code: "express".into(),
            name: "Express".into(),
            kind: kind.into(),
            amount: "9.90".into(),
            threshold: "150".into(),
            bands: "1000: 5.90; 5000:9.9".into(),
            countries: "de, at,DE".into(),
            position: "3".into(),
            active: Some("on".into()),
        }
    }

    #[test]
    fn methods_of_each_kind() {
        let eur = |minor| Money::from_minor(minor, Currency::EUR);
        let flat = method(&method_form("flat"), Currency::EUR).unwrap();
        assert_eq!(flat.rule, ShippingRule::FlatRate(eur(990)));
        assert_eq!(
            flat.countries
                .as_ref()
                .unwrap()
                .iter()
                .map(|c| c.code())
                .collect::<Vec<_>>(),
            ["AT", "DE"]
        );
        assert_eq!(
            method(&method_form("free_over"), Currency::EUR)
                .unwrap()
                .rule,
            ShippingRule::FreeOver {
                threshold: eur(15_000),
                otherwise: eur(990)
            }
        );
        let weight = method(&method_form("weight"), Currency::EUR).unwrap();
        assert_eq!(
            weight.rule,
            ShippingRule::ByWeight(vec![(1000, eur(590)), (5000, eur(990))])
        );
        assert_eq!(
            format_bands(&[(1000, eur(590)), (5000, eur(990))]),
            "1000: 5.90; 5000: 9.90"
        );
        let everywhere = ShippingMethodForm {
            countries: " ".into(),
            active: None,
            ..method_form("flat")
        };
        let parsed = method(&everywhere, Currency::EUR).unwrap();
        assert_eq!((parsed.countries, parsed.active), (None, false));
    }

    #[test]
    fn bad_methods_name_the_field() {
        let field = |f: ShippingMethodForm| -> Vec<String> {
            method(&f, Currency::EUR)
                .unwrap_err()
                .into_iter()
                .map(|e| e.field)
                .collect()
        };
        assert_eq!(
            field(ShippingMethodForm {
                amount: "9,90".into(),
                ..method_form("flat")
            }),
            ["amount"]
        );
        assert_eq!(
            field(ShippingMethodForm {
                amount: "-1".into(),
                ..method_form("flat")
            }),
            ["amount"]
        );
        assert_eq!(
            field(ShippingMethodForm {
                threshold: "".into(),
                ..method_form("free_over")
            }),
            ["threshold"]
        );
        for bands in [
            "",
            "5000: 9.90; 1000: 5.90",
            "1000 5.90",
            "0: 1",
            "1000: 5.999",
        ] {
            assert_eq!(
                field(ShippingMethodForm {
                    bands: bands.into(),
                    ..method_form("weight")
                }),
                ["bands"],
                "{bands}"
            );
        }
        assert_eq!(
            field(ShippingMethodForm {
                kind: "teleport".into(),
                ..method_form("flat")
            }),
            ["kind"]
        );
        assert_eq!(
            field(ShippingMethodForm {
                code: "Express!".into(),
                ..method_form("flat")
            }),
            ["code"]
        );
        assert_eq!(
            field(ShippingMethodForm {
                name: "x".repeat(201),
                ..method_form("flat")
            }),
            ["name"]
        );
        assert_eq!(
            field(ShippingMethodForm {
                countries: "DE, Germany".into(),
                ..method_form("flat")
            }),
            ["countries"]
        );
        assert_eq!(
            field(ShippingMethodForm {
                position: "-1".into(),
                ..method_form("flat")
            }),
            ["position"]
        );
    }

    #[test]
    fn secrets_are_masked() {
        assert_eq!(mask_secret(None), "not set");
        assert_eq!(mask_secret(Some("")), "not set");
        assert_eq!(mask_secret(Some("short-secret")), "set");
        let shown = mask_secret(Some("sk_live_0123456789abcdefWXYZ"));
        assert_eq!(shown, "set (…WXYZ)");
        assert!(!shown.contains("sk_live"));
    }
}
