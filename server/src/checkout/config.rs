//! The checkout's configuration: tax rates and shipping methods, stored
//! in the database (money as minor units plus currency) and turned into
//! domain values here. A new store gets sensible defaults.

use crate::db::{Db, StoreError};
use crate::vals;
use app::domain::shipping::{ShippingMethod, ShippingRule};
use app::domain::tax::TaxRate;
use app::domain::{Country, Currency, Money};
use rust_decimal::Decimal;
use std::str::FromStr;

#[derive(Debug, Clone)]
pub struct CheckoutConfig {
    pub rates: Vec<TaxRate>,
    pub methods: Vec<ShippingMethod>,
}

/// A `shipping_methods` row, as checkout and the admin read it.
#[derive(sqlx::FromRow)]
pub(crate) struct MethodRow {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub currency: String,
    pub amount_minor: i64,
    pub threshold_minor: Option<i64>,
    pub bands: Option<String>,
    pub countries: Option<String>,
    pub position: i64,
    pub active: bool,
}

pub(crate) const METHOD_COLUMNS: &str = "code, name, kind, currency, amount_minor, \
     threshold_minor, bands, countries, position, active";

fn corrupt(what: &str, detail: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {detail}"))
}

impl MethodRow {
    fn method(self) -> Result<ShippingMethod, StoreError> {
        let currency = Currency::parse(&self.currency).map_err(|e| corrupt(&self.code, e))?;
        let money = |minor: i64| Money::from_minor(minor, currency);
        let rule = match self.kind.as_str() {
            "flat" => ShippingRule::FlatRate(money(self.amount_minor)),
            "free_over" => ShippingRule::FreeOver {
                threshold: money(self.threshold_minor.unwrap_or(0)),
                otherwise: money(self.amount_minor),
            },
            "weight" => ShippingRule::ByWeight(
                parse_bands(self.bands.as_deref().unwrap_or(""), currency)
                    .ok_or_else(|| corrupt(&self.code, "malformed weight bands"))?,
            ),
            other => return Err(corrupt(&self.code, format!("unknown kind {other}"))),
        };
        let countries = match self.countries.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(list) => Some(
                list.split(',')
                    .map(|c| Country::parse(c).map_err(|e| corrupt(&self.code, e)))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
        };
        Ok(ShippingMethod {
            code: self.code,
            name: self.name,
            rule,
            countries,
        })
    }
}

/// `grams:minor;grams:minor`, ascending.
pub(crate) fn parse_bands(text: &str, currency: Currency) -> Option<Vec<(u64, Money)>> {
    text.split(';')
        .filter(|b| !b.trim().is_empty())
        .map(|band| {
            let (grams, minor) = band.split_once(':')?;
            Some((
                grams.trim().parse().ok()?,
                Money::from_minor(minor.trim().parse().ok()?, currency),
            ))
        })
        .collect()
}

/// The tax rates, and the active shipping methods priced in `currency`
/// (a method left in a former currency is not offered until it is saved
/// again).
pub async fn load(db: &Db, currency: Currency) -> Result<CheckoutConfig, StoreError> {
    let rates: Vec<(String, String, String, bool)> = db
        .rows(
            "SELECT country, tax_class, percent, included FROM tax_rates ORDER BY country, tax_class",
            vals![],
        )
        .await?;
    let rates = rates
        .into_iter()
        .map(|(country, tax_class, percent, included)| {
            Ok(TaxRate {
                country: Country::parse(&country).map_err(|e| corrupt("tax rate", e))?,
                percent: Decimal::from_str(&percent).map_err(|e| corrupt("tax rate", e))?,
                tax_class,
                included,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let methods: Vec<MethodRow> = db
        .rows(
            &format!(
                "SELECT {METHOD_COLUMNS} FROM shipping_methods WHERE active = TRUE AND currency = $1 ORDER BY position, code"
            ),
            vals![currency.code()],
        )
        .await?;
    let methods = methods
        .into_iter()
        .map(MethodRow::method)
        .collect::<Result<_, _>>()?;
    Ok(CheckoutConfig { rates, methods })
}

/// Standard and reduced VAT rates of the countries the store lists.
const DEFAULT_RATES: &[(&str, &str, &str)] = &[
    ("AT", "20", "10"),
    ("BE", "21", "6"),
    ("CZ", "21", "0"),
    ("DE", "19", "7"),
    ("DK", "25", "25"),
    ("ES", "21", "4"),
    ("FI", "25.5", "14"),
    ("FR", "20", "5.5"),
    ("GB", "20", "0"),
    ("IE", "23", "0"),
    ("IT", "22", "4"),
    ("LU", "17", "3"),
    ("NL", "21", "9"),
    ("PL", "23", "5"),
    ("PT", "23", "6"),
    ("SE", "25", "6"),
];

const EU_AND_UK: &str = "AT,BE,CZ,DE,DK,ES,FI,FR,GB,IE,IT,LU,NL,PL,PT,SE";

/// Fills empty tax and shipping tables with defaults: VAT for the EU and
/// UK (`included` says whether catalogue prices contain it), and three
/// shipping methods priced in the store's currency.
pub async fn seed_defaults(db: &Db, currency: Currency, included: bool) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    if tx.scalar("SELECT COUNT(*) FROM tax_rates", vals![]).await? == Some(0) {
        for (country, standard, books) in DEFAULT_RATES {
            for (class, percent) in [
                ("standard", standard),
                ("vehicles", standard),
                ("reduced-books", books),
            ] {
                tx.execute(
                    "INSERT INTO tax_rates (country, tax_class, percent, included) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                    vals![*country, class, *percent, included],
                )
                .await?;
            }
        }
    }
    if tx
        .scalar("SELECT COUNT(*) FROM shipping_methods", vals![])
        .await?
        == Some(0)
    {
        let code = currency.code();
        let methods: [(
            &str,
            &str,
            i64,
            &str,
            i64,
            Option<i64>,
            Option<&str>,
            Option<&str>,
        ); 3] = [
            (
                "standard",
                "Standard delivery (3–5 days)",
                0,
                "flat",
                490,
                None,
                None,
                None,
            ),
            (
                "parcel",
                "Tracked parcel, priced by weight",
                1,
                "weight",
                0,
                None,
                Some("1000:590;5000:990;30000:2490;250000:14900"),
                None,
            ),
            (
                "free-eu",
                "Free delivery in the EU and UK on orders over 100",
                2,
                "free_over",
                690,
                Some(10_000),
                None,
                Some(EU_AND_UK),
            ),
        ];
        for (method, name, position, kind, amount, threshold, bands, countries) in methods {
            tx.execute(
                "INSERT INTO shipping_methods (code, name, position, kind, currency, amount_minor, \
                 threshold_minor, bands, countries) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING",
                vals![method, name, position, kind, code, amount, threshold,
                      bands.map(str::to_owned), countries.map(str::to_owned)],
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weight_bands_parse_in_order() {
        let bands = parse_bands("1000:590; 5000:990", Currency::EUR).unwrap();
        assert_eq!(bands[1], (5000, Money::from_minor(990, Currency::EUR)));
        assert!(parse_bands("1000-590", Currency::EUR).is_none());
    }
}
