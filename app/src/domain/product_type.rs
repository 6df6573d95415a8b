use serde::{Deserialize, Serialize};

/// What kind of thing a product is; decides shipping and fulfilment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProductType {
    Physical,
    Digital,
    Service,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("“{0}” is not a product type (physical, digital or service)")]
pub struct ProductTypeError(String);

impl ProductType {
    pub fn code(self) -> &'static str {
        match self {
            ProductType::Physical => "physical",
            ProductType::Digital => "digital",
            ProductType::Service => "service",
        }
    }

    pub fn parse(text: &str) -> Result<Self, ProductTypeError> {
        match text.trim() {
            "physical" => Ok(ProductType::Physical),
            "digital" => Ok(ProductType::Digital),
            "service" => Ok(ProductType::Service),
            other => Err(ProductTypeError(other.chars().take(32).collect())),
        }
    }

    /// Whether products of this type need shipping unless told otherwise.
    pub fn ships_by_default(self) -> bool {
        self == ProductType::Physical
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_physical_goods_ship_by_default() {
        assert!(ProductType::Physical.ships_by_default());
        assert!(!ProductType::Digital.ships_by_default());
        assert!(!ProductType::Service.ships_by_default());
        assert_eq!(ProductType::parse("digital"), Ok(ProductType::Digital));
        assert!(ProductType::parse("vapour").is_err());
    }
}
