//! Postal addresses as a shopper enters them, and the rules they must meet.

use super::country::Country;
use serde::{Deserialize, Serialize};

/// The longest text any address field accepts.
pub const MAX_FIELD: usize = 200;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub name: String,
    pub company: String,
    pub line1: String,
    pub line2: String,
    pub city: String,
    pub postcode: String,
    /// ISO alpha-2, as picked from the country list.
    pub country: String,
}

/// A problem with one form field: the field's name and what to fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Trims a field and caps it at `MAX_FIELD` characters, so stored text is
/// always bounded whatever was posted.
pub fn clean(text: &str) -> String {
    text.trim().chars().take(MAX_FIELD + 1).collect()
}

impl Address {
    pub fn cleaned(&self) -> Address {
        Address {
            name: clean(&self.name),
            company: clean(&self.company),
            line1: clean(&self.line1),
            line2: clean(&self.line2),
            city: clean(&self.city),
            postcode: clean(&self.postcode),
            country: clean(&self.country).to_ascii_uppercase(),
        }
    }

    /// Field problems, with field names prefixed (`shipping_city`).
    pub fn problems(&self, prefix: &str) -> Vec<FieldError> {
        let mut problems = Vec::new();
        let required = [
            ("name", &self.name, "Please enter the full name."),
            ("line1", &self.line1, "Please enter the street and number."),
            ("city", &self.city, "Please enter the town or city."),
            ("postcode", &self.postcode, "Please enter the postcode."),
        ];
        for (field, value, message) in required {
            if value.trim().is_empty() {
                problems.push(FieldError::new(format!("{prefix}_{field}"), message));
            }
        }
        let all = [
            ("name", &self.name),
            ("company", &self.company),
            ("line1", &self.line1),
            ("line2", &self.line2),
            ("city", &self.city),
            ("postcode", &self.postcode),
        ];
        for (field, value) in all {
            if value.trim().chars().count() > MAX_FIELD {
                problems.push(FieldError::new(
                    format!("{prefix}_{field}"),
                    format!("Please use at most {MAX_FIELD} characters."),
                ));
            }
        }
        if self.country().is_none() {
            problems.push(FieldError::new(
                format!("{prefix}_country"),
                "Please choose a country from the list.",
            ));
        }
        problems
    }

    /// The country, if it is one the store lists.
    pub fn country(&self) -> Option<Country> {
        Country::parse(&self.country)
            .ok()
            .filter(|c| c.name().is_some())
    }

    /// The lines as printed on a label.
    pub fn lines(&self) -> Vec<String> {
        let country = self
            .country()
            .and_then(|c| c.name())
            .unwrap_or(&self.country)
            .to_owned();
        [
            self.name.clone(),
            self.company.clone(),
            self.line1.clone(),
            self.line2.clone(),
            format!("{} {}", self.postcode, self.city).trim().to_owned(),
            country,
        ]
        .into_iter()
        .filter(|l| !l.trim().is_empty())
        .collect()
    }
}

/// A plausible email address: one `@`, something either side, a dot in
/// the domain, no spaces, at most 254 characters.
pub fn valid_email(email: &str) -> bool {
    let email = email.trim();
    if email.len() > 254 || email.chars().any(char::is_whitespace) {
        return false;
    }
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn berlin() -> Address {
        Address {
            name: "Erika Mustermann".into(),
            line1: "Heidestraße 17".into(),
            city: "Köln".into(),
            postcode: "51147".into(),
            country: "DE".into(),
            ..Address::default()
        }
    }

    #[test]
    fn a_complete_address_has_no_problems() {
        assert!(berlin().problems("shipping").is_empty());
        assert_eq!(
            berlin().lines(),
            [
                "Erika Mustermann",
                "Heidestraße 17",
                "51147 Köln",
                "Germany"
            ]
        );
    }

    #[test]
    fn missing_fields_are_named_with_the_prefix() {
        let address = Address {
            city: " ".into(),
            country: "XX".into(),
            ..berlin()
        };
        let fields: Vec<_> = address
            .problems("billing")
            .into_iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(fields, ["billing_city", "billing_country"]);
    }

    #[test]
    fn oversized_fields_are_refused_and_cleaning_bounds_them() {
        let long = "x".repeat(MAX_FIELD + 50);
        let address = Address {
            line2: long.clone(),
            ..berlin()
        };
        assert_eq!(address.problems("shipping")[0].field, "shipping_line2");
        assert_eq!(clean(&long).chars().count(), MAX_FIELD + 1);
    }

    #[test]
    fn emails_are_checked_for_shape() {
        assert!(valid_email("erika@example.de"));
        for bad in [
            "",
            "erika",
            "erika@",
            "@example.de",
            "a b@example.de",
            "a@b@c.de",
            "a@example",
        ] {
            assert!(!valid_email(bad), "{bad}");
        }
        assert!(!valid_email(&format!("{}@example.de", "a".repeat(250))));
    }
}
