//! Offers as stored, and how a stored offer becomes the domain's.

use crate::db::StoreError;
use app::admin::offers::types::{BenefitKind, ConditionKind};
use app::domain::offers::{Benefit, Condition, Offer, Range, Window};
use app::domain::{Currency, Money};
use rust_decimal::Decimal;

pub const OFFER_COLUMNS: &str = "id, name, kind, range_kind, range_id, condition_kind, \
     condition_value, benefit_kind, benefit_value, priority, exclusive, active, starts_at, ends_at";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OfferRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub range_kind: String,
    pub range_id: Option<i64>,
    pub condition_kind: String,
    pub condition_value: i64,
    pub benefit_kind: String,
    pub benefit_value: i64,
    pub priority: i64,
    pub exclusive: bool,
    pub active: bool,
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
}

fn corrupt(row: &OfferRow, what: &str) -> StoreError {
    StoreError::Corrupt(format!("offer {}: unknown {what}", row.id))
}

impl OfferRow {
    pub fn window(&self) -> Window {
        Window {
            starts_at: self.starts_at,
            ends_at: self.ends_at,
        }
    }

    /// The domain's offer, given its resolved range and, for an
    /// organisation condition, the organisation's name.
    pub fn offer(
        &self,
        range: Range,
        organisation: Option<String>,
        currency: Currency,
    ) -> Result<Offer, StoreError> {
        let money = |minor: i64| Money::from_minor(minor, currency);
        let condition = match ConditionKind::parse(&self.condition_kind) {
            Some(ConditionKind::Count) => {
                Condition::Count(u32::try_from(self.condition_value).unwrap_or(u32::MAX))
            }
            Some(ConditionKind::Value) => Condition::Value(money(self.condition_value)),
            Some(ConditionKind::BasketTotal) => Condition::BasketTotal(money(self.condition_value)),
            Some(ConditionKind::Organisation) => Condition::Organisation {
                id: self.condition_value,
                name: organisation.unwrap_or_else(|| "an organisation".into()),
            },
            None => return Err(corrupt(self, "condition")),
        };
        let benefit = match BenefitKind::parse(&self.benefit_kind) {
            Some(BenefitKind::Percent) => Benefit::PercentOff(Decimal::new(self.benefit_value, 2)),
            Some(BenefitKind::AmountRange) => Benefit::AmountOffRange(money(self.benefit_value)),
            Some(BenefitKind::AmountBasket) => Benefit::AmountOffBasket(money(self.benefit_value)),
            Some(BenefitKind::FixedPrice) => Benefit::FixedPrice(money(self.benefit_value)),
            Some(BenefitKind::FreeShipping) => Benefit::FreeShipping,
            Some(BenefitKind::CheapestFree) => {
                Benefit::CheapestFree(u32::try_from(self.benefit_value).unwrap_or(u32::MAX))
            }
            None => return Err(corrupt(self, "benefit")),
        };
        Ok(Offer {
            id: self.id,
            name: self.name.clone(),
            range,
            condition,
            benefit,
            priority: i32::try_from(self.priority).unwrap_or(0),
            exclusive: self.exclusive,
        })
    }
}
