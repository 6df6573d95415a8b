//! Voucher codes: how they are written and why one may not be used.

use super::model::{Window, WindowStatus};
use crate::domain::dates::format_utc;

/// The longest code a shopper can enter.
pub const MAX_CODE: usize = 40;

/// Codes are case-insensitive and ignore spaces around them: stored and
/// compared in upper case. `None` for text that cannot be a code.
pub fn normalise_code(text: &str) -> Option<String> {
    let code = text.trim().to_uppercase();
    let fits = !code.is_empty()
        && code.chars().count() <= MAX_CODE
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    fits.then_some(code)
}

/// The letters of generated codes: no 0/O, 1/I/L, so they can be read
/// out and typed without mistakes.
const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// A generated code: the campaign's prefix, then twelve characters in
/// groups of four (about 59 random bits), e.g. `SPRING-7KQ4-M2XD-9PRT`.
pub fn format_code(prefix: &str, random: &[u8; 12]) -> String {
    let mut code = String::with_capacity(prefix.len() + 16);
    if !prefix.is_empty() {
        code.push_str(prefix);
        code.push('-');
    }
    for (i, byte) in random.iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            code.push('-');
        }
        // The slight modulo bias does not matter: uniqueness is enforced
        // by the database, and guessing is what the length prevents.
        code.push(ALPHABET[usize::from(*byte) % ALPHABET.len()] as char);
    }
    code
}

/// Why a code cannot be used, as the shopper is told.
#[derive(Debug, Clone, PartialEq)]
pub enum VoucherRefusal {
    Unknown,
    Inactive,
    NotYetValid(i64),
    Expired,
    UsedUp,
    UsedByYou,
    /// What the basket lacks, from the offer's condition.
    Conditions(String),
    NoDiscount,
    /// The offers that save the shopper more and cannot be combined.
    NotCombinable(String),
}

impl VoucherRefusal {
    pub fn message(&self) -> String {
        match self {
            VoucherRefusal::Unknown => "We do not know this voucher code.".into(),
            VoucherRefusal::Inactive => "This voucher code is no longer valid.".into(),
            VoucherRefusal::NotYetValid(from) => {
                format!("This voucher code is valid from {}.", format_utc(*from))
            }
            VoucherRefusal::Expired => "This voucher code has expired.".into(),
            VoucherRefusal::UsedUp => "This voucher code has reached its usage limit.".into(),
            VoucherRefusal::UsedByYou => {
                "You have already used this voucher code as often as it allows.".into()
            }
            VoucherRefusal::Conditions(missing) => {
                format!("This voucher's conditions are not met yet. {missing}")
            }
            VoucherRefusal::NoDiscount => {
                "This voucher code gives no discount on your basket.".into()
            }
            VoucherRefusal::NotCombinable(offers) => {
                format!("This voucher code cannot be combined with {offers}, which saves you more.")
            }
        }
    }
}

/// A voucher's state and its usage, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoucherFacts {
    /// The voucher and its offer are both switched on.
    pub active: bool,
    pub window: Window,
    pub uses: i64,
    pub max_uses: Option<i64>,
    /// Redemptions by this customer (0 when not known yet).
    pub customer_uses: i64,
    pub max_per_customer: Option<i64>,
}

impl VoucherFacts {
    pub fn check(&self, now: i64) -> Result<(), VoucherRefusal> {
        if !self.active {
            return Err(VoucherRefusal::Inactive);
        }
        match self.window.status(now) {
            WindowStatus::NotYet => {
                return Err(VoucherRefusal::NotYetValid(
                    self.window.starts_at.unwrap_or(now),
                ));
            }
            WindowStatus::Ended => return Err(VoucherRefusal::Expired),
            WindowStatus::Open => {}
        }
        if self.max_uses.is_some_and(|max| self.uses >= max) {
            return Err(VoucherRefusal::UsedUp);
        }
        if self
            .max_per_customer
            .is_some_and(|max| self.customer_uses >= max)
        {
            return Err(VoucherRefusal::UsedByYou);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> VoucherFacts {
        VoucherFacts {
            active: true,
            window: Window {
                starts_at: Some(1_000),
                ends_at: Some(2_000),
            },
            uses: 0,
            max_uses: Some(1),
            customer_uses: 0,
            max_per_customer: None,
        }
    }

    #[test]
    fn codes_are_case_insensitive_and_plain() {
        assert_eq!(normalise_code("  save10 ").as_deref(), Some("SAVE10"));
        assert_eq!(
            normalise_code("spring-7kq4").as_deref(),
            Some("SPRING-7KQ4")
        );
        assert_eq!(normalise_code(""), None);
        assert_eq!(normalise_code("50% OFF"), None);
        assert_eq!(normalise_code(&"A".repeat(41)), None);
    }

    #[test]
    fn generated_codes_avoid_look_alikes() {
        let code = format_code("SPRING", &[0, 1, 2, 3, 30, 31, 62, 255, 8, 9, 10, 11]);
        assert_eq!(code.len(), "SPRING-".len() + 14);
        assert!(code.starts_with("SPRING-"));
        assert!(!code[7..].contains(['0', 'O', '1', 'I', 'L']), "{code}");
        assert_eq!(normalise_code(&code), Some(code.clone()));
        assert_eq!(format_code("", &[0; 12]), "2222-2222-2222");
    }

    #[test]
    fn refusals_in_the_order_a_shopper_needs_them() {
        assert_eq!(facts().check(1_500), Ok(()));
        assert_eq!(facts().check(999), Err(VoucherRefusal::NotYetValid(1_000)));
        assert_eq!(facts().check(2_000), Err(VoucherRefusal::Expired));
        let used = VoucherFacts { uses: 1, ..facts() };
        assert_eq!(used.check(1_500), Err(VoucherRefusal::UsedUp));
        let mine = VoucherFacts {
            max_uses: None,
            customer_uses: 2,
            max_per_customer: Some(2),
            ..facts()
        };
        assert_eq!(mine.check(1_500), Err(VoucherRefusal::UsedByYou));
        let off = VoucherFacts {
            active: false,
            ..facts()
        };
        assert_eq!(off.check(1_500), Err(VoucherRefusal::Inactive));
        assert!(VoucherRefusal::Expired.message().contains("expired"));
    }
}
