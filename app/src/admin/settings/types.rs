//! The store's settings as the admin shows and posts them.

use serde::{Deserialize, Serialize};

/// How the store runs: read by checkout, baskets, emails and the expiry of
/// unpaid orders.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct StoreSettings {
    /// The currency new baskets and the catalogue use (ISO 4217).
    pub currency: String,
    /// The currency the running store uses; a changed currency applies
    /// when the store is restarted.
    pub running_currency: String,
    pub prices_include_tax: bool,
    /// The sender of order emails, e.g. `Ferrostore <orders@example.com>`.
    pub mail_from: String,
    /// How long adding to the basket holds stock.
    pub reservation_minutes: u32,
    /// How long an order may stay unpaid before it expires.
    pub unpaid_order_hours: u32,
}

/// The settings form as posted: text, checked by `rules::settings`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    pub currency: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    pub prices_include_tax: Option<String>,
    #[serde(default)]
    pub mail_from: String,
    #[serde(default)]
    pub reservation_minutes: String,
    #[serde(default)]
    pub unpaid_order_hours: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaxRateRow {
    pub country: String,
    pub tax_class: String,
    /// Decimal text, e.g. `19` or `5.5`.
    pub percent: String,
}

/// A shipping method as the admin edits it: amounts as decimal text in
/// the store's currency, weight bands as `grams: price` pairs.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ShippingMethodForm {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub name: String,
    /// `flat`, `free_over` or `weight`.
    #[serde(default)]
    pub kind: String,
    /// The price (flat), or the price below the threshold (free_over).
    #[serde(default)]
    pub amount: String,
    #[serde(default)]
    pub threshold: String,
    /// `1000: 5.90; 5000: 9.90`: up to 1 kg costs 5.90, up to 5 kg 9.90.
    #[serde(default)]
    pub bands: String,
    /// Comma-separated country codes; empty means everywhere.
    #[serde(default)]
    pub countries: String,
    #[serde(default)]
    pub position: String,
    #[serde(default)]
    pub active: Option<String>,
}

/// A payment provider and its configuration, secrets masked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProviderView {
    pub code: String,
    pub name: String,
    /// Offered at checkout. Orders already paying with a disabled provider
    /// still complete and can be refunded.
    pub enabled: bool,
    /// Name and value; secrets show only whether they are set.
    pub settings: Vec<(String, String)>,
}

/// Everything on the settings page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SettingsOverview {
    pub settings: StoreSettings,
    pub providers: Vec<ProviderView>,
    pub tax_rates: Vec<TaxRateRow>,
    pub methods: Vec<ShippingMethodForm>,
}
