//! The merchant admin's persistence: products and their pictures,
//! orders, the dashboard and the audit log. The server functions in
//! `app::admin` reach it through the service traits implemented here.

mod categories;
mod customers;
mod images;
mod insights;
mod orders;
mod product_writer;
mod products;
mod resend;
pub mod staff_accounts;
mod stock;
mod units;
pub mod uploads;

pub use insights::AdminInsights;
pub use orders::AdminOrders;
pub use products::AdminCatalog;

use app::admin::catalog::rules::ValidProduct;
use app::admin::catalog::types::{ProductEditor, ProductFilter, ProductPage};
use app::admin::categories::types::{CategoryInput, Taxonomy};
use app::admin::customers::types::CustomerPage;
use app::admin::insights::types::{AuditPage, Dashboard, LowStockRow, StoreDetails};
use app::admin::orders::types::{AdminOrder, OrderFilter, OrderPage, OrderRow};
use app::admin::services::{AdminCatalogService, AdminInsightService, AdminOrderService};
use app::admin::stock::types::StockView;
use app::domain::FieldError;
use app::services::ServiceError;
use async_trait::async_trait;

#[async_trait]
impl AdminCatalogService for AdminCatalog {
    async fn products(&self, filter: &ProductFilter) -> Result<ProductPage, ServiceError> {
        Ok(AdminCatalog::products(self, filter).await?)
    }
    async fn editor(&self, id: Option<i64>) -> Result<ProductEditor, ServiceError> {
        AdminCatalog::editor(self, id)
            .await?
            .ok_or_else(|| products::not_found("product"))
    }
    async fn save(
        &self,
        product: &ValidProduct,
        actor: &str,
    ) -> Result<Result<i64, Vec<FieldError>>, ServiceError> {
        AdminCatalog::save(self, product, actor).await
    }
    async fn delete_variant(&self, variant: i64) -> Result<String, ServiceError> {
        AdminCatalog::delete_variant(self, variant).await
    }
    async fn set_active(&self, id: i64, active: bool) -> Result<String, ServiceError> {
        use crate::db::StoreError;
        let mut tx = self.db.begin().await.map_err(StoreError::from)?;
        let sku: Option<(String,)> = tx
            .rows(
                "UPDATE products SET active = $2 WHERE id = $1 RETURNING sku",
                crate::vals![id, active],
            )
            .await
            .map_err(StoreError::from)?
            .into_iter()
            .next();
        tx.commit().await.map_err(StoreError::from)?;
        crate::catalog::catalog_changed();
        sku.map(|(sku,)| sku)
            .ok_or_else(|| products::not_found("product"))
    }
    async fn set_image_alt(&self, image: i64, alt: &str) -> Result<i64, ServiceError> {
        AdminCatalog::set_image_alt(self, image, alt).await
    }
    async fn move_image_up(&self, image: i64) -> Result<i64, ServiceError> {
        AdminCatalog::move_image_up(self, image).await
    }
    async fn delete_image(&self, image: i64) -> Result<i64, ServiceError> {
        AdminCatalog::delete_image(self, image).await
    }
    async fn low_stock(&self, limit: u32) -> Result<Vec<LowStockRow>, ServiceError> {
        Ok(AdminCatalog::low_stock(self, limit).await?)
    }
    async fn stock(&self, product: i64) -> Result<StockView, ServiceError> {
        AdminCatalog::stock(self, product).await
    }
    async fn adjust_stock(
        &self,
        variant: i64,
        delta: i64,
        reason: &str,
        actor: &str,
    ) -> Result<String, ServiceError> {
        AdminCatalog::adjust_stock(self, variant, delta, reason, actor).await
    }
    async fn release_reservation(&self, basket: i64, variant: i64) -> Result<(), ServiceError> {
        AdminCatalog::release_reservation(self, basket, variant).await
    }
    async fn save_unit(
        &self,
        variant: i64,
        unit: Option<i64>,
        valid: &app::admin::stock::rules::ValidUnit,
        actor: &str,
    ) -> Result<String, ServiceError> {
        match unit {
            None => AdminCatalog::add_unit(self, variant, valid, actor).await,
            Some(unit) => AdminCatalog::edit_unit(self, variant, unit, valid, actor).await,
        }
    }
    async fn taxonomy(&self) -> Result<Taxonomy, ServiceError> {
        AdminCatalog::taxonomy(self).await
    }
    async fn save_category(&self, category: &CategoryInput) -> Result<i64, ServiceError> {
        AdminCatalog::save_category(self, category).await
    }
    async fn save_catalog(
        &self,
        id: Option<i64>,
        key: &str,
        name: &str,
    ) -> Result<i64, ServiceError> {
        AdminCatalog::save_catalog(self, id, key, name).await
    }
}

#[async_trait]
impl AdminOrderService for AdminOrders {
    async fn orders(&self, filter: &OrderFilter) -> Result<OrderPage, ServiceError> {
        AdminOrders::orders(self, filter).await
    }
    async fn order(&self, number: &str) -> Result<AdminOrder, ServiceError> {
        AdminOrders::order(self, number).await
    }
    async fn add_note(&self, number: &str, body: &str, actor: &str) -> Result<(), ServiceError> {
        AdminOrders::add_note(self, number, body, actor).await
    }
    async fn resend_email(
        &self,
        number: &str,
        kind: &str,
        actor: &str,
    ) -> Result<String, ServiceError> {
        AdminOrders::resend_email(self, number, kind, actor).await
    }
    async fn cancel(&self, number: &str, actor: &str) -> Result<(), ServiceError> {
        AdminOrders::cancel(self, number, actor).await
    }
    async fn customers(&self, query: &str, page: u32) -> Result<CustomerPage, ServiceError> {
        AdminOrders::customers(self, query, page).await
    }
    async fn customer_orders(&self, user: i64) -> Result<(i64, Vec<OrderRow>), ServiceError> {
        AdminOrders::customer_orders(self, user).await
    }
}

#[async_trait]
impl AdminInsightService for AdminInsights {
    async fn dashboard(&self, now: i64) -> Result<Dashboard, ServiceError> {
        AdminInsights::dashboard(self, now).await
    }
    async fn record(
        &self,
        user: i64,
        action: &str,
        subject: &str,
        detail: &str,
    ) -> Result<(), ServiceError> {
        AdminInsights::record(self, user, action, subject, detail).await
    }
    async fn audit(&self, page: u32) -> Result<AuditPage, ServiceError> {
        AdminInsights::audit(self, page).await
    }
    async fn discard_job(&self, id: i64) -> Result<(), ServiceError> {
        AdminInsights::discard_job(self, id).await
    }
    async fn store_details(&self) -> Result<StoreDetails, ServiceError> {
        AdminInsights::store_details(self).await
    }
    async fn save_store_details(&self, details: &StoreDetails) -> Result<(), ServiceError> {
        AdminInsights::save_store_details(self, details).await
    }
}
