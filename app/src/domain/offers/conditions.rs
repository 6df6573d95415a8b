//! Whether a basket meets an offer's condition, and if not, what is
//! missing, in words a shopper can act on. Conditions look at the basket's
//! prices before any discount.

use super::model::{Condition, Offer, OfferBasket};
use crate::domain::Money;
use rust_decimal::Decimal;

fn range_value(offer: &Offer, basket: &OfferBasket) -> Decimal {
    basket
        .lines
        .iter()
        .filter(|l| offer.range.contains(l.product_id))
        .map(|l| l.total().amount())
        .sum()
}

fn range_count(offer: &Offer, basket: &OfferBasket) -> u64 {
    basket
        .lines
        .iter()
        .filter(|l| offer.range.contains(l.product_id))
        .map(|l| u64::from(l.quantity))
        .sum()
}

/// The range as a phrase: "of Garden products", or nothing for everything.
fn of_range(offer: &Offer) -> String {
    if offer.range.is_everything() {
        " to your basket".to_owned()
    } else {
        format!(" of {} products", offer.range.name)
    }
}

/// `None` when the condition is met; otherwise what the shopper must do,
/// e.g. "Add €12.00 more of Garden products."
pub fn shortfall(offer: &Offer, basket: &OfferBasket) -> Option<String> {
    let money = |amount: Decimal| Money::new(amount, basket.currency);
    match &offer.condition {
        Condition::Count(count) => {
            let missing = u64::from(*count).saturating_sub(range_count(offer, basket));
            (missing > 0).then(|| {
                let items = if missing == 1 { "item" } else { "items" };
                if offer.range.is_everything() {
                    format!("Add {missing} more {items} to your basket.")
                } else {
                    format!("Add {missing} more {} {items}.", offer.range.name)
                }
            })
        }
        Condition::Value(value) => {
            let missing = value.amount() - range_value(offer, basket);
            (missing > Decimal::ZERO)
                .then(|| format!("Add {} more{}.", money(missing), of_range(offer)))
        }
        Condition::BasketTotal(value) => {
            let total: Decimal = basket.lines.iter().map(|l| l.total().amount()).sum();
            let missing = value.amount() - total;
            (missing > Decimal::ZERO)
                .then(|| format!("Add {} more to your basket.", money(missing)))
        }
        Condition::Organisation { id, name } => (!basket.organisations.contains(id))
            .then(|| format!("This offer is only for members of {name}; please sign in.")),
    }
}

#[cfg(test)]
fn met(offer: &Offer, basket: &OfferBasket) -> bool {
    shortfall(offer, basket).is_none()
}

#[cfg(test)]
mod tests {
    use super::super::model::{Benefit, OfferLine, Range};
    use super::*;
    use crate::domain::Currency;

    fn eur(minor: i64) -> Money {
        Money::from_minor(minor, Currency::EUR)
    }

    fn offer(condition: Condition) -> Offer {
        Offer {
            id: 1,
            name: "Garden sale".into(),
            range: Range::of("Garden", [10]),
            condition,
            benefit: Benefit::FreeShipping,
            priority: 0,
            exclusive: false,
        }
    }

    fn basket() -> OfferBasket {
        OfferBasket {
            currency: Currency::EUR,
            lines: vec![
                OfferLine {
                    product_id: 10,
                    unit_price: eur(1900),
                    quantity: 2,
                },
                OfferLine {
                    product_id: 11,
                    unit_price: eur(5000),
                    quantity: 1,
                },
            ],
            shipping: None,
            organisations: vec![3],
        }
    }

    #[test]
    fn a_value_threshold_says_how_much_more_of_the_range() {
        let o = offer(Condition::Value(eur(5000)));
        assert_eq!(
            shortfall(&o, &basket()).as_deref(),
            Some("Add €12.00 more of Garden products.")
        );
        assert!(met(&offer(Condition::Value(eur(3800))), &basket()));
    }

    #[test]
    fn a_count_threshold_counts_items_in_the_range_only() {
        assert_eq!(
            shortfall(&offer(Condition::Count(3)), &basket()).as_deref(),
            Some("Add 1 more Garden item.")
        );
        assert!(met(&offer(Condition::Count(2)), &basket()));
    }

    #[test]
    fn basket_totals_and_organisations() {
        assert_eq!(
            shortfall(&offer(Condition::BasketTotal(eur(10000))), &basket()).as_deref(),
            Some("Add €12.00 more to your basket.")
        );
        let member = Condition::Organisation {
            id: 3,
            name: "Acme".into(),
        };
        assert!(met(&offer(member), &basket()));
        let other = Condition::Organisation {
            id: 4,
            name: "Initech".into(),
        };
        assert!(
            shortfall(&offer(other), &basket())
                .unwrap()
                .contains("Initech")
        );
    }
}
