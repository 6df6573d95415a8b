//! Orders as shoppers see them. The snapshot is written once, when the
//! order is placed, and every order page is rendered from it, so later
//! price or name changes never alter an order.

use crate::checkout::types::{PaymentOption, SummaryView};
use crate::domain::{Address, Money};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderSnapshot {
    pub number: String,
    pub placed_at: i64,
    /// The language the names are in.
    pub locale: String,
    pub email: String,
    /// `None` when nothing is shipped.
    pub shipping_address: Option<Address>,
    pub billing_address: Address,
    pub vat_id: String,
    /// The organisation the order was placed for.
    pub organisation: Option<String>,
    pub summary: SummaryView,
    pub payment: PaymentOption,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderEventView {
    pub at: i64,
    pub label: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderDetail {
    pub snapshot: OrderSnapshot,
    pub status_label: String,
    /// Not paid yet: the shopper may pay or cancel it.
    pub awaiting_payment: bool,
    pub events: Vec<OrderEventView>,
    /// This page's own address: the shopper's account or the secret link.
    pub url: String,
    /// The latest attempt to pay through a processor, if any.
    pub payment: Option<PaymentPanel>,
    /// The order is paid through a processor's page, and the shopper may
    /// (again) go there to pay.
    pub can_pay: bool,
    /// How to pay an unpaid order by hand (bank details), if that is how.
    pub instructions: Option<PaymentInstructions>,
    /// The order's download links, once it is paid and fulfilled.
    pub downloads: Vec<DownloadView>,
    /// The carrier's tracking number, once shipped.
    pub tracking_number: Option<String>,
}

/// A download link of a paid order's digital line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DownloadView {
    /// For the merchant's actions; shoppers never need it.
    pub id: i64,
    pub name: String,
    /// The masked address (`/download/<token>`).
    pub url: String,
    pub remaining: u32,
    pub max_attempts: u32,
    pub expires_at: i64,
    /// Attempts left, not expired, and the order not refunded.
    pub usable: bool,
}

/// What a shopper needs to pay an order themselves, e.g. by bank transfer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaymentInstructions {
    pub intro: String,
    /// Label and value, e.g. ("IBAN", "DE89 …").
    pub details: Vec<(String, String)>,
}

/// Where paying an order through a processor stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaymentPanel {
    pub message: String,
    /// Not decided yet: the page looks again shortly.
    pub processing: bool,
    /// Declined or cancelled: the shopper may try again.
    pub failed: bool,
    /// While pending: what a wallet opens to pay, e.g. a bitcoin invoice.
    pub wallet: Option<WalletPayment>,
}

/// A payment URI (BIP21 for bitcoin) and its QR code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WalletPayment {
    pub uri: String,
    /// The QR code as inline SVG, rendered by the server.
    pub qr_svg: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderListItem {
    pub number: String,
    pub placed_at: i64,
    pub status_label: String,
    pub total: Money,
    pub url: String,
}

/// How a shopper proves an order is theirs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrderAccess {
    /// A signed-in user and one of their order numbers.
    Owner { user: i64, number: String },
    /// The secret from an order link.
    Token(String),
    /// A member of staff, whose role the server function has checked
    /// (`admin::guard`); `actor` names them in the order's events.
    Staff { number: String, actor: String },
}

/// What re-ordering did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReorderReport {
    pub added: u32,
    /// One sentence per line that could not be added, and why.
    pub unavailable: Vec<String>,
}

impl ReorderReport {
    pub fn message(&self) -> String {
        let added = match self.added {
            0 => "Nothing could be added to your basket.".to_owned(),
            1 => "1 item was added to your basket.".to_owned(),
            n => format!("{n} items were added to your basket."),
        };
        if self.unavailable.is_empty() {
            added
        } else {
            format!("{added} {}", self.unavailable.join(" "))
        }
    }
}

/// The page of an order reached by its secret link.
pub fn token_url(token: &str) -> String {
    format!("/orders/{token}")
}

/// The query that marks an order page as the one a checkout just led to.
pub const JUST_PLACED: &str = "placed";

/// Where a checkout sends the shopper: the order page, with thanks.
pub fn just_placed(url: &str) -> String {
    format!("{url}?{JUST_PLACED}=1")
}

/// The page of a signed-in shopper's order.
pub fn owner_url(number: &str) -> String {
    format!("/account/orders/{number}")
}
