//! An offer in a few words for listings and product pages, e.g.
//! "20 % off in Garden".

use super::model::{Benefit, Condition, Offer};

pub fn headline(offer: &Offer) -> String {
    let range = &offer.range;
    let everything = range.is_everything();
    let benefit = match &offer.benefit {
        Benefit::PercentOff(percent) if everything => {
            format!("{} % off everything", percent.normalize())
        }
        Benefit::PercentOff(percent) => format!("{} % off in {}", percent.normalize(), range.name),
        Benefit::AmountOffRange(amount) if !everything => {
            format!("{amount} off {} products", range.name)
        }
        Benefit::AmountOffRange(amount) | Benefit::AmountOffBasket(amount) => {
            format!("{amount} off your order")
        }
        Benefit::FixedPrice(price) if everything => format!("Everything for {price} each"),
        Benefit::FixedPrice(price) => format!("{} products for {price} each", range.name),
        Benefit::FreeShipping if everything => "Free shipping".to_owned(),
        Benefit::FreeShipping => format!("Free shipping with {} products", range.name),
        Benefit::CheapestFree(n) if everything => format!("Buy {n}, get the cheapest free"),
        Benefit::CheapestFree(n) => format!("Buy {n} in {}, get the cheapest free", range.name),
    };
    let condition = match &offer.condition {
        Condition::Count(n) if *n > 1 && !matches!(offer.benefit, Benefit::CheapestFree(_)) => {
            format!(" when you buy {n} or more")
        }
        Condition::Count(_) => String::new(),
        Condition::Value(value) => format!(" when you spend {value}"),
        Condition::BasketTotal(value) => format!(" on orders of {value} or more"),
        Condition::Organisation { name, .. } => format!(" for members of {name}"),
    };
    benefit + &condition
}

#[cfg(test)]
mod tests {
    use super::super::model::Range;
    use super::*;
    use crate::domain::{Currency, Money};
    use rust_decimal::Decimal;

    fn garden(benefit: Benefit, condition: Condition) -> Offer {
        Offer {
            id: 1,
            name: "Garden sale".into(),
            range: Range::of("Garden", [1]),
            condition,
            benefit,
            priority: 0,
            exclusive: false,
        }
    }

    #[test]
    fn headlines_name_the_benefit_the_range_and_the_condition() {
        let twenty = garden(
            Benefit::PercentOff(Decimal::new(2000, 2)),
            Condition::Count(1),
        );
        assert_eq!(headline(&twenty), "20 % off in Garden");
        let spend = garden(
            Benefit::FreeShipping,
            Condition::Value(Money::from_minor(5000, Currency::EUR)),
        );
        assert_eq!(
            headline(&spend),
            "Free shipping with Garden products when you spend €50.00"
        );
        let multibuy = garden(Benefit::CheapestFree(3), Condition::Count(3));
        assert_eq!(
            headline(&multibuy),
            "Buy 3 in Garden, get the cheapest free"
        );
    }
}
