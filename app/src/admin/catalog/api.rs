//! Product server functions. Each checks the staff role first; every
//! change is written to the audit log.

use super::types::{ProductEditor, ProductFilter, ProductForm, ProductPage, ProductSaved};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod adapters {
    pub use crate::admin::guard::{parse_id, require};
    pub use crate::domain::staff::Permission;
    pub use crate::server_context::{services, shopper};

    /// The refused form and its problems, kept for the next render of
    /// the editor (with or without JavaScript).
    pub const FORM_STASH: &str = "admin-product-form";
}

#[server(endpoint = "admin/products/list")]
pub async fn list_products(filter: ProductFilter) -> Result<ProductPage, AppError> {
    use adapters::*;
    require(Permission::Catalog).await?;
    Ok(services()?.admin.catalog.products(&filter).await?)
}

/// The editor of product `id`, or of a new product when `id` is empty.
#[server(endpoint = "admin/products/editor")]
pub async fn load_product_editor(#[server(default)] id: String) -> Result<ProductEditor, AppError> {
    use crate::domain::FieldError;
    use adapters::*;
    require(Permission::Catalog).await?;
    let id = match id.trim() {
        "" | "new" => None,
        text => Some(parse_id(text)?),
    };
    let mut editor = services()?.admin.catalog.editor(id).await?;
    let stashed = shopper()?.0.take_stash(FORM_STASH).await?;
    // Shown once, and only on the editor of the product it was for.
    if let Some(json) = stashed
        && let Ok((form, errors)) = serde_json::from_str::<(ProductForm, Vec<FieldError>)>(&json)
        && form.id.trim().parse::<i64>().ok() == id
    {
        editor.form = form;
        editor.errors = errors;
    }
    Ok(editor)
}

#[server(endpoint = "admin/products/save")]
pub async fn save_product(form: ProductForm) -> Result<ProductSaved, AppError> {
    use adapters::*;
    let staff = require(Permission::Catalog).await?;
    let session = shopper()?;
    let refuse = |errors| async {
        let json = serde_json::to_string(&(&form, errors)).map_err(|_| AppError::Internal)?;
        session.0.stash(FORM_STASH, json).await?;
        Err::<ProductSaved, _>(AppError::Invalid(
            "The product was not saved: please correct the marked fields.".into(),
        ))
    };
    let valid = match super::rules::validate(&form) {
        Ok(valid) => valid,
        Err(errors) => return refuse(errors).await,
    };
    let id = match services()?
        .admin
        .catalog
        .save(&valid, &staff.actor())
        .await?
    {
        Ok(id) => id,
        Err(errors) => return refuse(errors).await,
    };
    let action = if valid.id.is_some() {
        "product.update"
    } else {
        "product.create"
    };
    let prices: Vec<String> = valid
        .variants
        .iter()
        .map(|v| {
            let prices: Vec<String> = v.prices.iter().map(|p| p.amount.to_string()).collect();
            format!("{} {}", v.sku, prices.join(" "))
        })
        .collect();
    staff.audit(action, &valid.sku, &prices.join("; ")).await;
    let message = format!("{} was saved.", valid.name);
    session.0.set_notice(&message).await?;
    leptos_axum::redirect(&format!("/admin/products/{id}"));
    Ok(ProductSaved { id, message })
}

#[server(endpoint = "admin/products/activate")]
pub async fn set_product_active(id: String, active: String) -> Result<(), AppError> {
    use adapters::*;
    let staff = require(Permission::Catalog).await?;
    let active = active == "true";
    let sku = services()?
        .admin
        .catalog
        .set_active(parse_id(&id)?, active)
        .await?;
    let action = if active {
        "product.activate"
    } else {
        "product.deactivate"
    };
    staff.audit(action, &sku, "").await;
    Ok(())
}

/// Deletes a variant nobody has ordered or holds in a basket; a product
/// keeps at least one.
#[server(endpoint = "admin/products/variant-delete")]
pub async fn delete_variant(variant: String) -> Result<(), AppError> {
    use adapters::*;
    let staff = require(Permission::Catalog).await?;
    let sku = services()?
        .admin
        .catalog
        .delete_variant(parse_id(&variant)?)
        .await?;
    staff.audit("product.variant.delete", &sku, "").await;
    Ok(())
}

#[server(endpoint = "admin/products/image-alt")]
pub async fn set_image_alt(image: String, alt: String) -> Result<(), AppError> {
    use adapters::*;
    let staff = require(Permission::Catalog).await?;
    let alt = alt.trim();
    if alt.chars().count() > 300 {
        return Err(AppError::Invalid(
            "Alternative text has at most 300 characters.".into(),
        ));
    }
    let image = parse_id(&image)?;
    let product = services()?.admin.catalog.set_image_alt(image, alt).await?;
    staff
        .audit("image.alt", &format!("product {product}"), alt)
        .await;
    Ok(())
}

#[server(endpoint = "admin/products/image-up")]
pub async fn move_image_up(image: String) -> Result<(), AppError> {
    use adapters::*;
    let staff = require(Permission::Catalog).await?;
    let image = parse_id(&image)?;
    let product = services()?.admin.catalog.move_image_up(image).await?;
    staff
        .audit(
            "image.move",
            &format!("product {product}"),
            &format!("image {image}"),
        )
        .await;
    Ok(())
}

#[server(endpoint = "admin/products/image-delete")]
pub async fn delete_image(image: String) -> Result<(), AppError> {
    use adapters::*;
    let staff = require(Permission::Catalog).await?;
    let image = parse_id(&image)?;
    let product = services()?.admin.catalog.delete_image(image).await?;
    staff
        .audit(
            "image.delete",
            &format!("product {product}"),
            &format!("image {image}"),
        )
        .await;
    Ok(())
}
