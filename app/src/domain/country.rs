use serde::{Deserialize, Serialize};
use std::fmt;

/// An ISO 3166-1 alpha-2 country code, e.g. `DE`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Country([u8; 2]);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("“{0}” is not a two-letter country code")]
pub struct CountryError(String);

impl Country {
    /// "No country chosen yet" (ISO reserves ZZ for user assignment).
    pub const UNKNOWN: Country = Country(*b"ZZ");

    pub fn parse(code: &str) -> Result<Self, CountryError> {
        match code.trim().as_bytes() {
            [a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => {
                Ok(Country([a.to_ascii_uppercase(), b.to_ascii_uppercase()]))
            }
            _ => Err(CountryError(code.chars().take(8).collect())),
        }
    }

    pub fn code(&self) -> &str {
        // Built only from ASCII letters.
        std::str::from_utf8(&self.0).unwrap_or("ZZ")
    }

    /// The English name, for the countries the store lists.
    pub fn name(&self) -> Option<&'static str> {
        COUNTRIES
            .iter()
            .find(|(code, _)| *code == self.code())
            .map(|(_, name)| *name)
    }
}

/// The countries a shopper can pick at checkout, by English name.
pub const COUNTRIES: &[(&str, &str)] = &[
    ("AT", "Austria"),
    ("BE", "Belgium"),
    ("CA", "Canada"),
    ("CH", "Switzerland"),
    ("CZ", "Czechia"),
    ("DK", "Denmark"),
    ("ES", "Spain"),
    ("FI", "Finland"),
    ("FR", "France"),
    ("DE", "Germany"),
    ("IE", "Ireland"),
    ("IT", "Italy"),
    ("LU", "Luxembourg"),
    ("NL", "Netherlands"),
    ("NO", "Norway"),
    ("PL", "Poland"),
    ("PT", "Portugal"),
    ("SE", "Sweden"),
    ("GB", "United Kingdom"),
    ("US", "United States"),
];

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Debug for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Country({})", self.code())
    }
}

impl TryFrom<String> for Country {
    type Error = CountryError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Country::parse(&value)
    }
}

impl From<Country> for String {
    fn from(value: Country) -> Self {
        value.code().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_two_letters_in_capitals() {
        assert_eq!(Country::parse(" de ").unwrap().code(), "DE");
        assert!(Country::parse("DEU").is_err());
        assert!(Country::parse("D1").is_err());
    }

    #[test]
    fn listed_countries_have_names() {
        assert_eq!(Country::parse("de").unwrap().name(), Some("Germany"));
        assert_eq!(Country::parse("ZZ").unwrap().name(), None);
        assert!(COUNTRIES.iter().all(|(c, _)| Country::parse(c).is_ok()));
    }
}
