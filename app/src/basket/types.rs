use crate::domain::offers::{AppliedOffer, Offer, OfferBasket, OfferLine, discounts};
use crate::domain::{BasketTotals, Currency, Money, MoneyError, PricedLine, Quantity};
use serde::{Deserialize, Serialize};

/// The serial-numbered unit a line stands for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitRef {
    pub id: i64,
    pub serial_number: String,
}

/// A basket line as stored: what was chosen and the current price.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredLine {
    pub variant_id: i64,
    pub product_id: i64,
    pub slug: String,
    pub title: String,
    /// "Seat: verified"; empty for products without options.
    pub variant_label: String,
    pub unit: Option<UnitRef>,
    pub unit_price: Money,
    pub quantity: Quantity,
    /// Whether stock is reserved for the whole quantity. A line whose
    /// reservation lapsed and could not be renewed is not.
    pub reserved: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BasketLineView {
    pub variant_id: i64,
    pub product_id: i64,
    pub slug: String,
    pub title: String,
    pub variant_label: String,
    pub unit: Option<UnitRef>,
    pub unit_price: Money,
    pub quantity: u32,
    pub line_total: Money,
    /// False when the item is no longer available in this quantity.
    pub reserved: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BasketView {
    pub lines: Vec<BasketLineView>,
    pub totals: BasketTotals,
    /// Set while the basket waits on an order's payment: it is frozen.
    pub pending: Option<crate::checkout::types::PendingOrder>,
    /// The automatic offers the basket gets as it stands.
    #[serde(default)]
    pub offers: Vec<AppliedOffer>,
}

impl BasketView {
    pub fn empty(currency: Currency) -> Self {
        BasketView {
            lines: Vec::new(),
            totals: BasketTotals {
                item_count: 0,
                subtotal: Money::zero(currency),
            },
            pending: None,
            offers: Vec::new(),
        }
    }

    /// What the running automatic offers take off the lines (shipping and
    /// the shopper's organisations are not known yet).
    pub fn automatic_offers(&self, automatic: &[Offer]) -> Vec<AppliedOffer> {
        let basket = OfferBasket {
            currency: self.totals.subtotal.currency(),
            lines: self
                .lines
                .iter()
                .map(|l| OfferLine {
                    product_id: l.product_id,
                    unit_price: l.unit_price,
                    quantity: l.quantity,
                })
                .collect(),
            shipping: None,
            organisations: Vec::new(),
        };
        discounts(&basket, automatic, None).applied
    }

    /// The subtotal less the offers.
    pub fn after_offers(&self) -> Money {
        self.offers
            .iter()
            .try_fold(self.totals.subtotal, |sum, o| sum.checked_sub(&o.amount))
            .unwrap_or(self.totals.subtotal)
    }

    /// Prices the stored lines with the domain rules.
    pub fn build(currency: Currency, stored: Vec<StoredLine>) -> Result<Self, MoneyError> {
        let priced: Vec<PricedLine> = stored
            .iter()
            .map(|l| PricedLine {
                unit_price: l.unit_price,
                quantity: l.quantity,
            })
            .collect();
        let totals = BasketTotals::of(currency, &priced)?;
        let lines = stored
            .into_iter()
            .zip(priced.iter())
            .map(|(line, priced)| {
                Ok(BasketLineView {
                    variant_id: line.variant_id,
                    product_id: line.product_id,
                    slug: line.slug,
                    title: line.title,
                    variant_label: line.variant_label,
                    unit: line.unit,
                    unit_price: line.unit_price,
                    quantity: line.quantity.get(),
                    line_total: priced.total()?,
                    reserved: line.reserved,
                })
            })
            .collect::<Result<_, MoneyError>>()?;
        Ok(BasketView {
            lines,
            totals,
            pending: None,
            offers: Vec::new(),
        })
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Every line has its stock reserved, so the basket may go to checkout.
    pub fn can_check_out(&self) -> bool {
        self.pending.is_none() && !self.is_empty() && self.lines.iter().all(|l| l.reserved)
    }
}

/// What a basket change tells the shopper.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BasketChange {
    pub message: String,
    pub item_count: u32,
}
