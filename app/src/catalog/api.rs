//! Catalog server functions: thin adapters over `CatalogService`.

use super::types::{CategoryLink, ListingPage, ProductDetail};
use crate::error::AppError;
use leptos::prelude::*;

/// Longest slug we will look up; anything longer cannot exist.
#[cfg(feature = "ssr")]
const MAX_SLUG_LEN: usize = 200;

#[server(endpoint = "catalog/categories")]
pub async fn list_categories() -> Result<Vec<CategoryLink>, AppError> {
    use crate::server_context::services;
    Ok(services()?.catalog.categories().await?)
}

#[server(endpoint = "catalog/listing")]
pub async fn product_listing(category: Option<String>, page: u32) -> Result<ListingPage, AppError> {
    use crate::server_context::services;
    if category.as_ref().is_some_and(|c| c.len() > MAX_SLUG_LEN) {
        return Err(AppError::NotFound("There is no such category.".into()));
    }
    Ok(services()?
        .catalog
        .listing(category.as_deref(), page.max(1))
        .await?)
}

#[server(endpoint = "catalog/product")]
pub async fn get_product(slug: String) -> Result<ProductDetail, AppError> {
    use crate::server_context::services;
    if slug.len() > MAX_SLUG_LEN {
        return Err(AppError::NotFound("There is no such product.".into()));
    }
    Ok(services()?.catalog.product(&slug).await?)
}
