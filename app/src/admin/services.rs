//! The backend of the merchant admin as the app layer sees it. Callers
//! have checked the staff role (`admin::guard`) before calling any of
//! these; `actor` names who acts, for the records.

use super::catalog::rules::ValidProduct;
use super::catalog::types::{ProductEditor, ProductFilter, ProductPage};
use super::categories::types::{CategoryInput, Taxonomy};
use super::customers::types::CustomerPage;
use super::insights::types::{AuditPage, Dashboard, LowStockRow, StoreDetails};
use super::offers::rules::{ValidOffer, ValidVouchers};
use super::offers::types::{OfferEditor, OfferRow};
use super::orders::types::{AdminOrder, OrderFilter, OrderPage, OrderRow};
use super::settings::rules::{ValidMethod, ValidSettings, ValidTaxRate};
use super::settings::types::SettingsOverview;
use super::stock::types::StockView;
use crate::domain::FieldError;
use crate::services::ServiceError;
use async_trait::async_trait;

#[async_trait]
pub trait AdminCatalogService: Send + Sync + 'static {
    async fn products(&self, filter: &ProductFilter) -> Result<ProductPage, ServiceError>;
    /// The editor of a product, or of a new one.
    async fn editor(&self, id: Option<i64>) -> Result<ProductEditor, ServiceError>;
    /// Creates or updates the product in one transaction; returns its id,
    /// or the fields to fix (a SKU or address already taken).
    async fn save(
        &self,
        product: &ValidProduct,
        actor: &str,
    ) -> Result<Result<i64, Vec<FieldError>>, ServiceError>;
    /// Deletes a variant that was never ordered and is in no basket's
    /// reservation, unless it is the product's last; returns its SKU.
    async fn delete_variant(&self, variant: i64) -> Result<String, ServiceError>;
    /// Returns the product's SKU.
    async fn set_active(&self, id: i64, active: bool) -> Result<String, ServiceError>;
    /// The image's product id after each change.
    async fn set_image_alt(&self, image: i64, alt: &str) -> Result<i64, ServiceError>;
    /// Moves the image one place towards the front (the first is primary).
    async fn move_image_up(&self, image: i64) -> Result<i64, ServiceError>;
    async fn delete_image(&self, image: i64) -> Result<i64, ServiceError>;
    async fn low_stock(&self, limit: u32) -> Result<Vec<LowStockRow>, ServiceError>;
    async fn stock(&self, product: i64) -> Result<StockView, ServiceError>;
    /// Changes a quantity-counted variant's stock by `delta`, never below
    /// what is reserved, and records the movement; returns its SKU.
    async fn adjust_stock(
        &self,
        variant: i64,
        delta: i64,
        reason: &str,
        actor: &str,
    ) -> Result<String, ServiceError>;
    async fn release_reservation(&self, basket: i64, variant: i64) -> Result<(), ServiceError>;
    /// Adds a serial unit to a variant (`unit` is `None`) or changes one;
    /// stock follows its status. Returns the variant's SKU.
    async fn save_unit(
        &self,
        variant: i64,
        unit: Option<i64>,
        valid: &super::stock::rules::ValidUnit,
        actor: &str,
    ) -> Result<String, ServiceError>;
    async fn taxonomy(&self) -> Result<Taxonomy, ServiceError>;
    /// Creates or updates a category; refuses a parent below it. Returns its id.
    async fn save_category(&self, category: &CategoryInput) -> Result<i64, ServiceError>;
    async fn save_catalog(
        &self,
        id: Option<i64>,
        key: &str,
        name: &str,
    ) -> Result<i64, ServiceError>;
}

#[async_trait]
pub trait AdminOrderService: Send + Sync + 'static {
    async fn orders(&self, filter: &OrderFilter) -> Result<OrderPage, ServiceError>;
    async fn order(&self, number: &str) -> Result<AdminOrder, ServiceError>;
    async fn add_note(&self, number: &str, body: &str, actor: &str) -> Result<(), ServiceError>;
    /// Sends an email the customer already got once more, noting it on the
    /// order; returns the email's name.
    async fn resend_email(
        &self,
        number: &str,
        kind: &str,
        actor: &str,
    ) -> Result<String, ServiceError>;
    /// Cancels an unpaid order; its stock is released.
    async fn cancel(&self, number: &str, actor: &str) -> Result<(), ServiceError>;
    /// Accounts whose email contains `query`, newest first.
    async fn customers(&self, query: &str, page: u32) -> Result<CustomerPage, ServiceError>;
    /// When the account was made, and its orders, newest first.
    async fn customer_orders(&self, user: i64) -> Result<(i64, Vec<OrderRow>), ServiceError>;
}

#[async_trait]
pub trait AdminInsightService: Send + Sync + 'static {
    async fn dashboard(&self, now: i64) -> Result<Dashboard, ServiceError>;
    /// Writes one row of the audit log.
    async fn record(
        &self,
        user: i64,
        action: &str,
        subject: &str,
        detail: &str,
    ) -> Result<(), ServiceError>;
    async fn audit(&self, page: u32) -> Result<AuditPage, ServiceError>;
    /// Gives up a dead or waiting job.
    async fn discard_job(&self, id: i64) -> Result<(), ServiceError>;
    async fn store_details(&self) -> Result<StoreDetails, ServiceError>;
    async fn save_store_details(&self, details: &StoreDetails) -> Result<(), ServiceError>;
}

#[async_trait]
pub trait AdminSettingsService: Send + Sync + 'static {
    async fn overview(&self) -> Result<SettingsOverview, ServiceError>;
    /// Refuses (409) a currency some active variant has no price in.
    async fn save_settings(&self, settings: &ValidSettings) -> Result<(), ServiceError>;
    /// Adds the rate, or changes the rate of that country and class.
    async fn save_tax_rate(&self, rate: &ValidTaxRate) -> Result<(), ServiceError>;
    async fn delete_tax_rate(&self, country: &str, tax_class: &str) -> Result<(), ServiceError>;
    /// Adds the method, or changes the one with that code.
    async fn save_method(&self, method: &ValidMethod) -> Result<(), ServiceError>;
    /// Whether checkout offers the provider; unknown codes get 404.
    async fn set_provider_enabled(&self, code: &str, enabled: bool) -> Result<(), ServiceError>;
    /// The currency the running store prices in.
    fn currency(&self) -> crate::domain::Currency;
}

/// Offers and vouchers.
#[async_trait]
pub trait AdminOfferService: Send + Sync + 'static {
    fn currency(&self) -> crate::domain::Currency;
    /// Every offer, newest first, with what it brought in.
    async fn offers(&self) -> Result<Vec<OfferRow>, ServiceError>;
    /// The editor of an offer, or of a new one.
    async fn editor(&self, id: Option<i64>) -> Result<OfferEditor, ServiceError>;
    /// Creates or updates the offer; returns its id, or the fields to fix
    /// (unknown SKUs, catalog, category or organisation).
    async fn save(&self, offer: &ValidOffer) -> Result<Result<i64, Vec<FieldError>>, ServiceError>;
    /// Returns the offer's name.
    async fn set_active(&self, id: i64, active: bool) -> Result<String, ServiceError>;
    /// Adds one code or a generated batch to a voucher offer; returns how
    /// many. A code already taken is a conflict.
    async fn add_vouchers(&self, vouchers: &ValidVouchers) -> Result<u32, ServiceError>;
    /// Returns the code.
    async fn set_voucher_active(&self, id: i64, active: bool) -> Result<String, ServiceError>;
}

/// The admin's services, provided as context next to `Services`.
#[derive(Clone)]
pub struct AdminServices {
    pub catalog: std::sync::Arc<dyn AdminCatalogService>,
    pub orders: std::sync::Arc<dyn AdminOrderService>,
    pub insights: std::sync::Arc<dyn AdminInsightService>,
    pub settings: std::sync::Arc<dyn AdminSettingsService>,
    pub offers: std::sync::Arc<dyn AdminOfferService>,
}
