//! Catalog server functions: thin adapters over `CatalogService`.

use super::types::{CategoryLink, ListingPage, ProductDetail, SearchQuery};
use crate::error::AppError;
use leptos::prelude::*;

/// Longest slug we will look up; anything longer cannot exist.
#[cfg(feature = "ssr")]
const MAX_SLUG_LEN: usize = 200;

#[server(endpoint = "catalog/categories")]
pub async fn list_categories() -> Result<Vec<CategoryLink>, AppError> {
    use crate::server_context::{locale, services};
    Ok(services()?.catalog.categories(locale()).await?)
}

#[server(endpoint = "catalog/browse")]
pub async fn browse_catalog(query: SearchQuery) -> Result<ListingPage, AppError> {
    use crate::server_context::{locale, services};
    if query.text.chars().count() > SearchQuery::MAX_TEXT {
        return Err(AppError::Invalid(format!(
            "Search for at most {} characters.",
            SearchQuery::MAX_TEXT
        )));
    }
    if query
        .category
        .as_ref()
        .is_some_and(|c| c.len() > MAX_SLUG_LEN)
    {
        return Err(AppError::NotFound("There is no such category.".into()));
    }
    Ok(services()?.catalog.browse(&query, locale()).await?)
}

#[server(endpoint = "catalog/product")]
pub async fn get_product(slug: String) -> Result<ProductDetail, AppError> {
    use crate::server_context::{locale, services};
    if slug.len() > MAX_SLUG_LEN {
        return Err(AppError::NotFound("There is no such product.".into()));
    }
    Ok(services()?.catalog.product(&slug, locale()).await?)
}
