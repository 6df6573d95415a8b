//! The catalog CSV format (v1): `#` comment lines, then a header
//! `sku,title,description,category,price_usd,stock,weight_kg`, then rows
//! whose fields contain no comma, quote or newline.

use app::domain::{Currency, Money};
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq)]
pub struct CatalogRow {
    pub sku: String,
    pub title: String,
    pub description: String,
    pub category: String,
    pub price_minor: i64,
    pub currency: Currency,
    pub stock: i64,
    pub weight_grams: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    #[error("the file has no header line")]
    MissingHeader,
    #[error("the header must be `{expected}`, found `{found}`")]
    WrongHeader {
        expected: &'static str,
        found: String,
    },
    #[error("{} invalid row(s):\n{}", .0.len(), .0.join("\n"))]
    InvalidRows(Vec<String>),
}

const HEADER: &str = "sku,title,description,category,price_usd,stock,weight_kg";
const MAX_STOCK: i64 = 1_000_000;

/// Parses and validates the whole file; nothing is imported unless every
/// row is valid, and every problem is reported with its line number.
pub fn parse_catalog_csv(text: &str) -> Result<Vec<CatalogRow>, CsvError> {
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
    let (_, header) = lines.next().ok_or(CsvError::MissingHeader)?;
    if header.trim() != HEADER {
        return Err(CsvError::WrongHeader {
            expected: HEADER,
            found: header.chars().take(120).collect(),
        });
    }
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (number, line) in lines {
        match parse_row(line) {
            Ok(row) if !seen.insert(row.sku.clone()) => {
                errors.push(format!("line {number}: duplicate sku {}", row.sku))
            }
            Ok(row) => rows.push(row),
            Err(message) => errors.push(format!("line {number}: {message}")),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(CsvError::InvalidRows(errors))
    }
}

fn parse_row(line: &str) -> Result<CatalogRow, String> {
    let fields: Vec<&str> = line.split(',').map(str::trim).collect();
    let [sku, title, description, category, price, stock, weight] = fields[..] else {
        return Err(format!("expected 7 fields, found {}", fields.len()));
    };
    let text = |name: &str, value: &str, max: usize| -> Result<String, String> {
        if value.is_empty() {
            Err(format!("{name} is empty"))
        } else if value.chars().count() > max {
            Err(format!("{name} is longer than {max} characters"))
        } else {
            Ok(value.to_owned())
        }
    };
    let price = Money::parse(price, Currency::USD).map_err(|e| format!("price_usd: {e}"))?;
    let stock: i64 = stock
        .parse()
        .map_err(|_| format!("stock “{stock}” is not a whole number"))?;
    if !(0..=MAX_STOCK).contains(&stock) {
        return Err(format!("stock must be between 0 and {MAX_STOCK}"));
    }
    let weight: Decimal = weight
        .parse()
        .map_err(|_| format!("weight_kg “{weight}” is not a number"))?;
    if weight.is_sign_negative() || weight > Decimal::from(100_000) {
        return Err("weight_kg must be between 0 and 100000".into());
    }
    let grams = (weight * Decimal::from(1000)).round();
    Ok(CatalogRow {
        sku: text("sku", sku, 64)?,
        title: text("title", title, 200)?,
        description: description.chars().take(5000).collect(),
        category: text("category", category, 100)?,
        price_minor: price.to_minor().map_err(|e| e.to_string())?,
        currency: price.currency(),
        stock,
        weight_grams: i64::try_from(grams).map_err(|_| "weight_kg is too large".to_owned())?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "# comment\n\
        sku,title,description,category,price_usd,stock,weight_kg\n\
        PEER-000001,Blue Pencil,A pencil.,Office,1.50,30,0.010\n\
        PEER-000002,Hose,Long hose.,Garden,49.99,0,2.5\n";

    #[test]
    fn parses_valid_rows() {
        let rows = parse_catalog_csv(GOOD).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].price_minor, 150);
        assert_eq!(rows[0].weight_grams, 10);
        assert_eq!(rows[1].stock, 0);
        assert_eq!(rows[1].weight_grams, 2500);
    }

    #[test]
    fn rejects_bad_header() {
        assert!(matches!(
            parse_catalog_csv("sku,title\n"),
            Err(CsvError::WrongHeader { .. })
        ));
        assert!(matches!(
            parse_catalog_csv("# only comments\n"),
            Err(CsvError::MissingHeader)
        ));
    }

    #[test]
    fn reports_every_bad_row_with_its_line() {
        let text = "sku,title,description,category,price_usd,stock,weight_kg\n\
            A,T,D,C,1.999,1,0\n\
            B,T2,D,C,1.00,-5,0\n\
            C,T3,D,C,1.00,1\n\
            A2,T4,D,C,abc,1,0\n\
            D,T5,D,C,1.00,1,0\n\
            D,T6,D,C,1.00,1,0\n";
        let CsvError::InvalidRows(errors) = parse_catalog_csv(text).unwrap_err() else {
            panic!()
        };
        assert_eq!(errors.len(), 5, "{errors:?}");
        assert!(errors[0].starts_with("line 2:"));
        assert!(errors[4].contains("duplicate sku D"));
    }

    #[test]
    fn parses_the_demo_catalog() {
        let text = include_str!("../../seed/catalog-2000.csv");
        let rows = parse_catalog_csv(text).unwrap();
        assert_eq!(rows.len(), 2000);
        let categories: std::collections::HashSet<_> = rows.iter().map(|r| &r.category).collect();
        assert_eq!(categories.len(), 20);
    }
}
