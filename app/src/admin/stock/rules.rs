//! Checks a serial unit as the admin posts it. Pure and unit-tested.

use crate::domain::{Currency, FieldError, Money};

pub const MAX_SERIAL: usize = 64;
pub const MAX_NOTES: usize = 500;

/// What the admin may set a unit to; `reserved` belongs to baskets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitStatus {
    Available,
    Reserved,
    Sold,
}

impl UnitStatus {
    pub fn parse(code: &str) -> Option<UnitStatus> {
        match code {
            "available" => Some(UnitStatus::Available),
            "reserved" => Some(UnitStatus::Reserved),
            "sold" => Some(UnitStatus::Sold),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            UnitStatus::Available => "available",
            UnitStatus::Reserved => "reserved",
            UnitStatus::Sold => "sold",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidUnit {
    pub serial_number: String,
    pub notes: String,
    /// The unit's own price; `None` sells it at its variant's price.
    pub price: Option<Money>,
    pub status: UnitStatus,
}

pub fn unit(
    serial_number: &str,
    notes: &str,
    price: &str,
    status: &str,
    currency: Currency,
) -> Result<ValidUnit, Vec<FieldError>> {
    let mut errors = Vec::new();
    let serial = serial_number.trim();
    if serial.is_empty()
        || serial.chars().count() > MAX_SERIAL
        || serial.chars().any(char::is_control)
    {
        errors.push(FieldError::new(
            "serial_number",
            format!("Serial number: between 1 and {MAX_SERIAL} characters."),
        ));
    }
    let notes = notes.trim();
    if notes.chars().count() > MAX_NOTES {
        errors.push(FieldError::new(
            "notes",
            format!("Notes: at most {MAX_NOTES} characters."),
        ));
    }
    let price = match price.trim() {
        "" => Some(None),
        text => Money::parse(text, currency).ok().map(Some),
    };
    if price.is_none() {
        errors.push(FieldError::new(
            "price",
            "Price: give an amount such as 249.00, or leave it empty for the variant's price.",
        ));
    }
    let status = UnitStatus::parse(status.trim());
    if status.is_none() {
        errors.push(FieldError::new("status", "Status: available or sold."));
    }
    match (price, status) {
        (Some(price), Some(status)) if errors.is_empty() => Ok(ValidUnit {
            serial_number: serial.to_owned(),
            notes: notes.to_owned(),
            price,
            status,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_is_parsed() {
        let u = unit(
            " SN-0001 ",
            " scratched lid ",
            "249.5",
            "available",
            Currency::EUR,
        )
        .unwrap();
        assert_eq!(u.serial_number, "SN-0001");
        assert_eq!(u.notes, "scratched lid");
        assert_eq!(u.price, Some(Money::from_minor(24_950, Currency::EUR)));
        assert_eq!(u.status, UnitStatus::Available);
        let plain = unit("SN-2", "", "", "sold", Currency::EUR).unwrap();
        assert_eq!((plain.price, plain.status), (None, UnitStatus::Sold));
    }

    #[test]
    fn bad_units_name_each_field() {
        let fields = |s: &str, n: &str, p: &str, st: &str| -> Vec<String> {
            unit(s, n, p, st, Currency::EUR)
                .unwrap_err()
                .into_iter()
                .map(|e| e.field)
                .collect()
        };
        assert_eq!(fields("", "", "", "available"), ["serial_number"]);
        assert_eq!(
            fields(&"x".repeat(65), "", "", "available"),
            ["serial_number"]
        );
        assert_eq!(fields("SN\n1", "", "", "available"), ["serial_number"]);
        assert_eq!(fields("SN", &"n".repeat(501), "", "available"), ["notes"]);
        assert_eq!(fields("SN", "", "-5", "available"), ["price"]);
        assert_eq!(fields("SN", "", "1.999", "available"), ["price"]);
        assert_eq!(fields("SN", "", "abc", "lost"), ["price", "status"]);
    }

    #[test]
    fn status_codes_round_trip() {
        for s in [
            UnitStatus::Available,
            UnitStatus::Reserved,
            UnitStatus::Sold,
        ] {
            assert_eq!(UnitStatus::parse(s.code()), Some(s));
        }
    }
}
