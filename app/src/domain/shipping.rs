//! Shipping methods the checkout can offer. Each method may be limited to
//! some countries; `quote` says what it costs for a basket, or `None` when
//! it does not apply. Baskets with nothing to ship have no shipping step.

use super::country::Country;
use super::money::Money;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ShippingRule {
    FlatRate(Money),
    /// Bands of (up to this many grams inclusive, price), in ascending
    /// order; heavier baskets than the last band cannot use the method.
    ByWeight(Vec<(u64, Money)>),
    /// Free from `threshold` (the goods' total) up, `otherwise` below it.
    FreeOver {
        threshold: Money,
        otherwise: Money,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShippingMethod {
    pub code: String,
    pub name: String,
    pub rule: ShippingRule,
    /// `None` ships everywhere.
    pub countries: Option<Vec<Country>>,
}

/// What shipping depends on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shipment {
    pub goods_total: Money,
    pub weight_grams: u64,
    pub country: Country,
    /// False when every line is digital or a service.
    pub needs_shipping: bool,
}

impl ShippingMethod {
    pub fn quote(&self, shipment: &Shipment) -> Option<Money> {
        if !shipment.needs_shipping {
            return None;
        }
        if let Some(countries) = &self.countries {
            if !countries.contains(&shipment.country) {
                return None;
            }
        }
        let price = match &self.rule {
            ShippingRule::FlatRate(price) => *price,
            ShippingRule::ByWeight(bands) => bands
                .iter()
                .find(|(max, _)| shipment.weight_grams <= *max)
                .map(|(_, price)| *price)?,
            ShippingRule::FreeOver {
                threshold,
                otherwise,
            } => {
                if shipment.goods_total.amount() >= threshold.amount() {
                    Money::zero(otherwise.currency())
                } else {
                    *otherwise
                }
            }
        };
        (price.currency() == shipment.goods_total.currency()).then_some(price)
    }

    /// The methods to offer for this basket and address, with their price.
    pub fn offers<'a>(
        methods: &'a [ShippingMethod],
        shipment: &Shipment,
    ) -> Vec<(&'a ShippingMethod, Money)> {
        methods
            .iter()
            .filter_map(|m| m.quote(shipment).map(|price| (m, price)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Currency;

    fn eur(minor: i64) -> Money {
        Money::from_minor(minor, Currency::EUR)
    }

    fn shipment(total: i64, grams: u64, country: &str) -> Shipment {
        Shipment {
            goods_total: eur(total),
            weight_grams: grams,
            country: Country::parse(country).unwrap(),
            needs_shipping: true,
        }
    }

    fn methods() -> Vec<ShippingMethod> {
        vec![
            ShippingMethod {
                code: "flat".into(),
                name: "Standard".into(),
                rule: ShippingRule::FlatRate(eur(495)),
                countries: None,
            },
            ShippingMethod {
                code: "weight".into(),
                name: "Parcel by weight".into(),
                rule: ShippingRule::ByWeight(vec![
                    (1_000, eur(390)),
                    (5_000, eur(690)),
                    (31_500, eur(1590)),
                ]),
                countries: Some(vec![
                    Country::parse("DE").unwrap(),
                    Country::parse("AT").unwrap(),
                ]),
            },
            ShippingMethod {
                code: "free".into(),
                name: "Free over €50".into(),
                rule: ShippingRule::FreeOver {
                    threshold: eur(5000),
                    otherwise: eur(595),
                },
                countries: None,
            },
        ]
    }

    #[test]
    fn flat_rate_and_free_over_a_threshold() {
        let m = methods();
        assert_eq!(m[0].quote(&shipment(1000, 100, "FR")), Some(eur(495)));
        assert_eq!(m[2].quote(&shipment(4999, 100, "FR")), Some(eur(595)));
        assert_eq!(m[2].quote(&shipment(5000, 100, "FR")), Some(eur(0)));
    }

    #[test]
    fn weight_bands_and_country_limits() {
        let m = methods();
        assert_eq!(m[1].quote(&shipment(1000, 1_000, "DE")), Some(eur(390)));
        assert_eq!(m[1].quote(&shipment(1000, 1_001, "AT")), Some(eur(690)));
        assert_eq!(m[1].quote(&shipment(1000, 40_000, "DE")), None, "too heavy");
        assert_eq!(
            m[1].quote(&shipment(1000, 500, "FR")),
            None,
            "not shipped to FR"
        );
        let offered: Vec<_> = ShippingMethod::offers(&m, &shipment(1000, 500, "FR"))
            .into_iter()
            .map(|(m, _)| m.code.as_str())
            .collect();
        assert_eq!(offered, ["flat", "free"]);
    }

    #[test]
    fn digital_baskets_have_no_shipping_step() {
        let digital = Shipment {
            needs_shipping: false,
            ..shipment(1000, 0, "DE")
        };
        assert!(ShippingMethod::offers(&methods(), &digital).is_empty());
    }
}
