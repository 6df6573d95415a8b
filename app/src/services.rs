//! The backend as the app layer sees it. `server` implements these traits
//! and hands them to server functions through Leptos context, so the app
//! never depends on persistence crates.

use crate::accounts::types::{AccountView, UserView};
use crate::admin::types::{DeliveryView, JobView, PaymentLedger};
use crate::basket::types::{BasketChange, BasketView};
use crate::catalog::types::{CategoryLink, ListingPage, ProductDetail, SearchQuery};
use crate::checkout::types::{CheckoutDraft, CheckoutView};
use crate::domain::{FieldError, Locale, Quantity};
use crate::error::AppError;
use crate::orders::types::{OrderAccess, OrderDetail, OrderListItem, ReorderReport};
use async_trait::async_trait;
use std::sync::Arc;

/// Errors of the service layer. `Internal` carries detail for the log only.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Throttled(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<ServiceError> for AppError {
    fn from(value: ServiceError) -> Self {
        match value {
            ServiceError::Invalid(m) => AppError::Invalid(m),
            ServiceError::NotFound(m) => AppError::NotFound(m),
            ServiceError::Conflict(m) => AppError::Conflict(m),
            ServiceError::Unauthorized(m) => AppError::Unauthorized(m),
            ServiceError::Throttled(m) => AppError::TooManyAttempts(m),
            ServiceError::Forbidden(m) => AppError::Forbidden(m),
            ServiceError::Internal(detail) => {
                tracing::error!(%detail, "service failure");
                AppError::Internal
            }
        }
    }
}

#[async_trait]
pub trait CatalogService: Send + Sync + 'static {
    /// Every category, depth-first in display order.
    async fn categories(&self, locale: Locale) -> Result<Vec<CategoryLink>, ServiceError>;
    /// Listing pages and search: full text, filters, sorting, pagination.
    /// Pages past the end come back empty.
    async fn browse(
        &self,
        query: &SearchQuery,
        locale: Locale,
    ) -> Result<ListingPage, ServiceError>;
    async fn product(&self, slug: &str, locale: Locale) -> Result<ProductDetail, ServiceError>;
}

pub type BasketId = i64;
pub type UserId = i64;

/// The basket a shopper continues with after signing in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignedInBasket {
    pub basket: Option<BasketId>,
    /// Items brought over from the basket of the anonymous visit.
    pub merged_items: u32,
}

#[async_trait]
pub trait BasketService: Send + Sync + 'static {
    /// A new open basket, owned by `owner` when signed in.
    async fn create(&self, owner: Option<UserId>) -> Result<BasketId, ServiceError>;
    /// Whether the basket can still be changed (it is not waiting on an order).
    async fn is_open(&self, basket: BasketId) -> Result<bool, ServiceError>;
    /// Merges the anonymous basket into the user's: quantities add up as
    /// far as stock allows, reservations are kept, and the anonymous basket
    /// is marked merged.
    async fn sign_in(
        &self,
        user: UserId,
        anonymous: Option<BasketId>,
    ) -> Result<SignedInBasket, ServiceError>;
    async fn view(&self, basket: BasketId, locale: Locale) -> Result<BasketView, ServiceError>;
    /// Each change answers with its message and the basket's new item
    /// count, for the header.
    ///
    /// Adds to the line (creating it); the resulting quantity must be in
    /// stock. For serial-numbered variants `unit` picks the unit; `None`
    /// takes any available ones.
    async fn add(
        &self,
        basket: BasketId,
        variant: i64,
        quantity: Quantity,
        unit: Option<i64>,
    ) -> Result<BasketChange, ServiceError>;
    /// Sets the line's quantity; it must be in stock.
    async fn set_quantity(
        &self,
        basket: BasketId,
        variant: i64,
        quantity: Quantity,
    ) -> Result<BasketChange, ServiceError>;
    async fn remove(&self, basket: BasketId, variant: i64) -> Result<BasketChange, ServiceError>;
    /// Gives a serial-numbered unit back.
    async fn remove_unit(&self, basket: BasketId, unit: i64) -> Result<BasketChange, ServiceError>;
    /// How many items the basket holds.
    async fn item_count(&self, basket: BasketId) -> Result<u32, ServiceError>;
    /// An empty basket in the store's currency, for shoppers without one.
    fn empty_view(&self) -> BasketView;
}

#[async_trait]
pub trait AccountService: Send + Sync + 'static {
    async fn register(&self, email: &str, password: &str) -> Result<UserId, ServiceError>;
    /// Counts a registration from `client`; over the hourly limit it is
    /// refused (`Throttled`) before anything is checked.
    async fn registration_attempt(&self, client: &str) -> Result<(), ServiceError>;
    /// Checks the password. Failed attempts are throttled per account and
    /// per client address.
    async fn sign_in(
        &self,
        email: &str,
        password: &str,
        client: &str,
    ) -> Result<UserId, ServiceError>;
    async fn user(&self, id: UserId) -> Result<Option<UserView>, ServiceError>;
    async fn account(&self, id: UserId) -> Result<AccountView, ServiceError>;
    async fn set_default_customer(&self, user: UserId, customer: i64) -> Result<(), ServiceError>;
}

/// Where a placed order can be found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedOrder {
    pub number: String,
    pub url: String,
    /// Where the shopper pays, when the chosen method is a processor's page.
    pub pay_url: Option<String>,
}

#[async_trait]
pub trait CheckoutService: Send + Sync + 'static {
    /// The checkout for a basket: summary, offers and the form so far.
    /// Empty fields of the draft are filled from the account.
    async fn view(
        &self,
        basket: Option<BasketId>,
        user: Option<UserId>,
        draft: CheckoutDraft,
        errors: Vec<FieldError>,
        locale: Locale,
    ) -> Result<CheckoutView, ServiceError>;
    /// Places the order in one transaction, or says which fields to fix.
    async fn place(
        &self,
        basket: BasketId,
        user: Option<UserId>,
        draft: &CheckoutDraft,
        locale: Locale,
    ) -> Result<Result<PlacedOrder, Vec<FieldError>>, ServiceError>;
    /// A new voucher code entered from `client`: codes that do not exist
    /// count against the client, and a client over the limit may try no
    /// code until its window ends (`Throttled`), so codes cannot be guessed.
    async fn voucher_attempt(&self, code: &str, client: &str) -> Result<(), ServiceError>;
}

#[async_trait]
pub trait OrderService: Send + Sync + 'static {
    /// The order, if `access` proves it is the shopper's; otherwise NotFound.
    async fn order(&self, access: &OrderAccess) -> Result<OrderDetail, ServiceError>;
    async fn history(&self, user: UserId) -> Result<Vec<OrderListItem>, ServiceError>;
    /// Cancels an unpaid order: its stock is released and its basket
    /// reopened, whose id is returned.
    async fn cancel(&self, access: &OrderAccess) -> Result<Option<BasketId>, ServiceError>;
    /// Starts a new attempt to pay the order through its processor;
    /// returns the processor's page.
    async fn pay(&self, access: &OrderAccess) -> Result<String, ServiceError>;
    /// The checkout form of the latest order placed from `basket`, so the
    /// shopper's next checkout starts from it.
    async fn draft_of(&self, basket: BasketId) -> Result<Option<CheckoutDraft>, ServiceError>;
    /// Copies the order's lines into `basket` at today's prices.
    async fn reorder(
        &self,
        access: &OrderAccess,
        basket: BasketId,
    ) -> Result<ReorderReport, ServiceError>;
}

/// Payments of an order as the merchant handles them. Callers check the
/// staff role first (`admin::guard`); `actor` names who acts, for the
/// record.
#[async_trait]
pub trait MerchantPaymentService: Send + Sync + 'static {
    async fn ledger(&self, number: &str) -> Result<PaymentLedger, ServiceError>;
    /// Records money received outside any processor (a bank transfer).
    /// Partial amounts are fine; the order is not marked paid by this.
    async fn record_payment(
        &self,
        number: &str,
        amount: &str,
        reference: &str,
        actor: &str,
    ) -> Result<PaymentLedger, ServiceError>;
    /// Moves the order to paid; refused unless the payments cover it.
    async fn mark_paid(&self, number: &str, actor: &str) -> Result<PaymentLedger, ServiceError>;
    /// Gives back `amount` (never more than was captured) through the
    /// processors that took it; bank transfers are refunded by hand and
    /// recorded here.
    async fn refund(
        &self,
        number: &str,
        amount: &str,
        actor: &str,
    ) -> Result<PaymentLedger, ServiceError>;
}

/// What merchants see and do after payment: the job queue, download
/// links and shipping. Callers have checked the staff role first.
#[async_trait]
pub trait FulfilmentService: Send + Sync + 'static {
    /// Jobs, newest first; `status` narrows them (queued, running, done,
    /// dead), `order` to one order's.
    async fn jobs(
        &self,
        status: Option<&str>,
        order: Option<&str>,
    ) -> Result<Vec<JobView>, ServiceError>;
    /// Gives a dead job a fresh set of tries, now.
    async fn retry_job(&self, id: i64) -> Result<JobView, ServiceError>;
    async fn delivery(&self, number: &str) -> Result<DeliveryView, ServiceError>;
    /// Gives a download link its attempts back and/or more days.
    async fn renew_download(
        &self,
        number: &str,
        link: i64,
        reset_attempts: bool,
        extend_days: u32,
    ) -> Result<DeliveryView, ServiceError>;
    /// Marks a paid order shipped, with the carrier's tracking number.
    async fn ship(
        &self,
        number: &str,
        tracking_number: &str,
        actor: &str,
    ) -> Result<DeliveryView, ServiceError>;
}

/// The shopper's session, per request.
#[async_trait]
pub trait ShopperSession: Send + Sync + 'static {
    async fn basket_id(&self) -> Result<Option<BasketId>, ServiceError>;
    async fn set_basket_id(&self, basket: BasketId) -> Result<(), ServiceError>;
    async fn user_id(&self) -> Result<Option<UserId>, ServiceError>;
    /// Starts a fresh session (a new id) for the user and their basket.
    async fn sign_in(&self, user: UserId, basket: Option<BasketId>) -> Result<(), ServiceError>;
    /// Ends the session; the browser keeps nothing of it.
    async fn sign_out(&self) -> Result<(), ServiceError>;
    /// The client's address, for throttling.
    fn client(&self) -> String;
    async fn checkout_state(&self) -> Result<(CheckoutDraft, Vec<FieldError>), ServiceError>;
    async fn set_checkout_state(
        &self,
        draft: &CheckoutDraft,
        errors: &[FieldError],
    ) -> Result<(), ServiceError>;
    /// A message for the next page the shopper sees.
    async fn set_notice(&self, text: &str) -> Result<(), ServiceError>;
    async fn take_notice(&self) -> Result<Option<String>, ServiceError>;
    /// Keeps a refused form (as JSON) for the next render of its page.
    async fn stash(&self, key: &str, json: String) -> Result<(), ServiceError>;
    async fn take_stash(&self, key: &str) -> Result<Option<String>, ServiceError>;
}

/// Long-lived services, provided once per request as context.
#[derive(Clone)]
pub struct Services {
    pub catalog: Arc<dyn CatalogService>,
    pub baskets: Arc<dyn BasketService>,
    pub accounts: Arc<dyn AccountService>,
    pub checkout: Arc<dyn CheckoutService>,
    pub orders: Arc<dyn OrderService>,
    pub merchant_payments: Arc<dyn MerchantPaymentService>,
    pub fulfilment: Arc<dyn FulfilmentService>,
    pub admin: crate::admin::services::AdminServices,
    /// Whether cookies the app sets itself must be `Secure`.
    pub secure_cookies: bool,
}

/// The per-request session handle, provided as context.
#[derive(Clone)]
pub struct Shopper(pub Arc<dyn ShopperSession>);
