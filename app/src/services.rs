//! The backend as the app layer sees it. `server` implements these traits
//! and hands them to server functions through Leptos context, so the app
//! never depends on persistence crates.

use crate::basket::types::BasketView;
use crate::catalog::types::{CategoryLink, ListingPage, ProductDetail, SearchQuery};
use crate::domain::{Locale, Quantity};
use crate::error::AppError;
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
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<ServiceError> for AppError {
    fn from(value: ServiceError) -> Self {
        match value {
            ServiceError::Invalid(m) => AppError::Invalid(m),
            ServiceError::NotFound(m) => AppError::NotFound(m),
            ServiceError::Conflict(m) => AppError::Conflict(m),
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

#[async_trait]
pub trait BasketService: Send + Sync + 'static {
    async fn create(&self) -> Result<BasketId, ServiceError>;
    async fn view(&self, basket: BasketId, locale: Locale) -> Result<BasketView, ServiceError>;
    /// Adds to the line (creating it); the resulting quantity must be in
    /// stock. For serial-numbered variants `unit` picks the unit; `None`
    /// takes any available ones.
    async fn add(
        &self,
        basket: BasketId,
        variant: i64,
        quantity: Quantity,
        unit: Option<i64>,
    ) -> Result<String, ServiceError>;
    /// Sets the line's quantity; it must be in stock.
    async fn set_quantity(
        &self,
        basket: BasketId,
        variant: i64,
        quantity: Quantity,
    ) -> Result<String, ServiceError>;
    async fn remove(&self, basket: BasketId, variant: i64) -> Result<String, ServiceError>;
    /// Gives a serial-numbered unit back.
    async fn remove_unit(&self, basket: BasketId, unit: i64) -> Result<String, ServiceError>;
    /// An empty basket in the store's currency, for shoppers without one.
    fn empty_view(&self) -> BasketView;
}

/// The shopper's session, per request.
#[async_trait]
pub trait ShopperSession: Send + Sync + 'static {
    async fn basket_id(&self) -> Result<Option<BasketId>, ServiceError>;
    async fn set_basket_id(&self, basket: BasketId) -> Result<(), ServiceError>;
}

/// Long-lived services, provided once per request as context.
#[derive(Clone)]
pub struct Services {
    pub catalog: Arc<dyn CatalogService>,
    pub baskets: Arc<dyn BasketService>,
    /// Whether cookies the app sets itself must be `Secure`.
    pub secure_cookies: bool,
}

/// The per-request session handle, provided as context.
#[derive(Clone)]
pub struct Shopper(pub Arc<dyn ShopperSession>);
