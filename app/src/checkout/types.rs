//! What the checkout page shows and sends.

use crate::domain::address::clean;
use crate::domain::offers::AppliedOffer;
use crate::domain::summary::TaxTotal;
use crate::domain::{Address, FieldError, Money};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The checkout form as the shopper filled it in so far. It is kept in the
/// session, so a page reload or a refused form post keeps every value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CheckoutDraft {
    pub email: String,
    pub shipping: Address,
    /// Bill to the shipping address.
    pub billing_same: bool,
    pub billing: Address,
    pub vat_id: String,
    pub shipping_method: String,
    pub payment_method: String,
    pub voucher: String,
    /// Empty to order for oneself, or the id of an organisation the
    /// shopper belongs to.
    pub order_for: String,
}

impl CheckoutDraft {
    /// The form as an order was placed with it, for the next checkout: the
    /// same contact, addresses, VAT id and payment; the shipping method is
    /// offered afresh and the voucher was for that order only.
    pub fn from_order(order: &crate::orders::types::OrderSnapshot) -> CheckoutDraft {
        let billing = order.billing_address.clone();
        CheckoutDraft {
            email: order.email.clone(),
            billing_same: order
                .shipping_address
                .as_ref()
                .is_none_or(|s| *s == billing),
            shipping: order.shipping_address.clone().unwrap_or_default(),
            billing,
            vat_id: order.vat_id.clone(),
            payment_method: order.payment.code.clone(),
            ..CheckoutDraft::default()
        }
    }

    /// The form before the shopper touched it.
    pub fn blank() -> CheckoutDraft {
        CheckoutDraft {
            billing_same: true,
            ..CheckoutDraft::default()
        }
    }

    pub fn cleaned(&self) -> CheckoutDraft {
        CheckoutDraft {
            email: clean(&self.email).to_lowercase(),
            shipping: self.shipping.cleaned(),
            billing_same: self.billing_same,
            billing: self.billing.cleaned(),
            vat_id: clean(&self.vat_id).to_ascii_uppercase(),
            shipping_method: clean(&self.shipping_method),
            payment_method: clean(&self.payment_method),
            voucher: clean(&self.voucher),
            order_for: clean(&self.order_for),
        }
    }

    /// The address on the invoice.
    pub fn billing_address(&self, needs_shipping: bool) -> &Address {
        if needs_shipping && self.billing_same {
            &self.shipping
        } else {
            &self.billing
        }
    }

    /// Where tax is due: the destination of the goods, or the billing
    /// address when nothing is shipped.
    pub fn tax_address(&self, needs_shipping: bool) -> &Address {
        if needs_shipping {
            &self.shipping
        } else {
            &self.billing
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MethodOffer {
    pub code: String,
    pub name: String,
    pub price: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaymentOption {
    pub code: String,
    pub name: String,
    pub description: String,
}

/// One line of an order summary, with the names the shopper saw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryLineView {
    pub variant_id: i64,
    pub sku: String,
    pub title: String,
    pub variant_label: String,
    pub unit_id: Option<i64>,
    pub serial_number: Option<String>,
    pub quantity: u32,
    pub unit_price: Money,
    pub line_total: Money,
    pub discount: Money,
    pub tax_percent: Decimal,
    pub net: Money,
    pub tax: Money,
    pub gross: Money,
}

impl SummaryLineView {
    /// The product's name with its variant, e.g. "Pencil 30-pack (blue)".
    pub fn full_name(&self) -> String {
        match self.variant_label.as_str() {
            "" => self.title.clone(),
            label => format!("{} ({label})", self.title),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShippingLineView {
    pub code: String,
    pub name: String,
    pub net: Money,
    pub tax: Money,
    pub gross: Money,
}

/// Lines, shipping, taxes per rate and totals, in the basket's currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryView {
    pub lines: Vec<SummaryLineView>,
    pub shipping: Option<ShippingLineView>,
    pub taxes: Vec<TaxTotal>,
    /// Whether the prices shown already include tax.
    pub prices_include_tax: bool,
    /// Every offer and voucher applied, in the order they were applied.
    #[serde(default)]
    pub offers: Vec<AppliedOffer>,
    /// Off the lines and shipping together.
    pub discount_total: Money,
    pub net_total: Money,
    pub tax_total: Money,
    pub grand_total: Money,
}

/// The voucher code the shopper entered and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VoucherStatus {
    pub code: String,
    pub applied: bool,
    /// What it saves, or why it cannot be used.
    pub message: String,
}

impl VoucherStatus {
    /// `refusal` is why the code cannot be used; otherwise what it saves
    /// is read from the applied offers.
    pub fn new(code: &str, refusal: Option<String>, applied: &[AppliedOffer]) -> VoucherStatus {
        match refusal {
            Some(message) => VoucherStatus {
                code: code.to_owned(),
                applied: false,
                message,
            },
            None => {
                let saved = applied
                    .iter()
                    .find(|a| a.voucher.as_deref() == Some(code))
                    .map(|a| a.amount);
                VoucherStatus {
                    code: code.to_owned(),
                    applied: true,
                    message: match saved {
                        Some(amount) => format!("Voucher {code} applied: you save {amount}."),
                        None => format!("Voucher {code} applied."),
                    },
                }
            }
        }
    }
}

/// The order the shopper's basket is waiting on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingOrder {
    pub number: String,
    /// Where the shopper can see, pay or cancel it.
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckoutView {
    pub summary: SummaryView,
    /// False for baskets of digital goods and services only.
    pub needs_shipping: bool,
    pub methods: Vec<MethodOffer>,
    pub payments: Vec<PaymentOption>,
    pub draft: CheckoutDraft,
    /// Problems found when the shopper last tried to place the order.
    pub errors: Vec<FieldError>,
    /// Organisations the shopper may order for.
    pub organisations: Vec<(i64, String)>,
    /// Lines that can no longer be had in the basket's quantity.
    pub unavailable: Vec<String>,
    pub pending: Option<PendingOrder>,
    pub signed_in: bool,
    pub voucher: Option<VoucherStatus>,
}

impl CheckoutView {
    pub fn error_for(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.clone())
    }
}

/// The result of a checkout form post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CheckoutOutcome {
    /// The form was saved and the totals recomputed.
    Updated,
    /// The order was placed; the shopper is sent to its page.
    Placed {
        number: String,
        url: String,
        /// The processor's page, when the shopper pays there next.
        pay_url: Option<String>,
    },
}
