//! Category and catalog server functions (the catalog permission).

use super::types::Taxonomy;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "admin/categories/list")]
pub async fn load_taxonomy() -> Result<Taxonomy, AppError> {
    use crate::admin::guard::require;
    use crate::domain::staff::Permission;
    require(Permission::Catalog).await?;
    Ok(crate::server_context::services()?
        .admin
        .catalog
        .taxonomy()
        .await?)
}

/// Creates a category (empty `id`) or changes one: names, web address,
/// parent (never one of its own descendants) and position.
#[server(endpoint = "admin/categories/save")]
pub async fn save_category(
    #[server(default)] id: String,
    slug: String,
    name: String,
    #[server(default)] name_de: String,
    #[server(default)] parent: String,
    #[server(default)] position: String,
) -> Result<(), AppError> {
    use crate::admin::guard::require;
    use crate::domain::staff::Permission;
    let staff = require(Permission::Catalog).await?;
    let input = super::types::check_category(&id, &slug, &name, &name_de, &parent, &position)
        .map_err(AppError::Invalid)?;
    let id = crate::server_context::services()?
        .admin
        .catalog
        .save_category(&input)
        .await?;
    let action = if input.id.is_some() {
        "category.update"
    } else {
        "category.create"
    };
    staff
        .audit(
            action,
            &input.slug,
            &format!("category {id}: {}", input.name),
        )
        .await;
    Ok(())
}

/// Creates a catalog (empty `id`) or renames one.
#[server(endpoint = "admin/catalogs/save")]
pub async fn save_catalog(
    #[server(default)] id: String,
    key: String,
    name: String,
) -> Result<(), AppError> {
    use crate::admin::guard::{parse_id, require};
    use crate::domain::staff::Permission;
    let staff = require(Permission::Catalog).await?;
    let id = match id.trim() {
        "" => None,
        text => Some(parse_id(text)?),
    };
    let key = key.trim();
    let name = name.trim();
    let key_ok = !key.is_empty()
        && key.len() <= 60
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !key_ok || name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::Invalid(
            "A catalog needs a key (lower-case letters, digits, dashes) and a name of at most 100 characters."
                .into(),
        ));
    }
    crate::server_context::services()?
        .admin
        .catalog
        .save_catalog(id, key, name)
        .await?;
    staff.audit("catalog.save", key, name).await;
    Ok(())
}
