//! Stock server functions: staff and admins (the stock permission).

use super::types::StockView;
use crate::admin::insights::types::LowStockRow;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::admin::guard::parse_id;

/// Variants running low (at most five free), lowest first.
#[server(endpoint = "admin/stock/low")]
pub async fn low_stock() -> Result<Vec<LowStockRow>, AppError> {
    use crate::admin::guard::require;
    use crate::domain::staff::Permission;
    require(Permission::Stock).await?;
    Ok(crate::server_context::services()?
        .admin
        .catalog
        .low_stock(200)
        .await?)
}

#[server(endpoint = "admin/stock/show")]
pub async fn load_stock(product: String) -> Result<StockView, AppError> {
    use crate::admin::guard::require;
    use crate::domain::staff::Permission;
    require(Permission::Stock).await?;
    Ok(crate::server_context::services()?
        .admin
        .catalog
        .stock(parse_id(&product)?)
        .await?)
}

/// Adds (or with a minus, removes) units of a variant counted by quantity,
/// with the reason recorded as a stock movement.
#[server(endpoint = "admin/stock/adjust")]
pub async fn adjust_stock(variant: String, delta: String, reason: String) -> Result<(), AppError> {
    use crate::admin::guard::require;
    use crate::domain::staff::Permission;
    let staff = require(Permission::Stock).await?;
    let variant = parse_id(&variant)?;
    let delta = delta
        .trim()
        .trim_start_matches('+')
        .parse::<i64>()
        .ok()
        .filter(|d| *d != 0 && (-1_000_000_000..=1_000_000_000).contains(d))
        .ok_or_else(|| {
            AppError::Invalid("Change the stock by a whole number such as 5 or -2.".into())
        })?;
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 200 {
        return Err(AppError::Invalid(
            "Give a reason of at most 200 characters (a delivery, a count, damage).".into(),
        ));
    }
    let sku = crate::server_context::services()?
        .admin
        .catalog
        .adjust_stock(variant, delta, reason, &staff.actor())
        .await?;
    staff
        .audit("stock.adjust", &sku, &format!("{delta:+} {reason}"))
        .await;
    Ok(())
}

/// Adds a serial unit to a variant, or (with `unit`) changes one: its
/// number, notes, own price, and whether it is available or sold.
#[server(endpoint = "admin/stock/unit")]
pub async fn save_serial_unit(
    variant: String,
    #[server(default)] unit: String,
    #[server(default)] serial_number: String,
    #[server(default)] notes: String,
    #[server(default)] price: String,
    #[server(default)] status: String,
) -> Result<(), AppError> {
    use crate::admin::guard::require;
    use crate::domain::staff::Permission;
    let staff = require(Permission::Stock).await?;
    let variant = parse_id(&variant)?;
    let unit = match unit.trim() {
        "" => None,
        text => Some(parse_id(text)?),
    };
    let services = crate::server_context::services()?;
    let valid = super::rules::unit(
        &serial_number,
        &notes,
        &price,
        &status,
        services.admin.settings.currency(),
    )
    .map_err(|errors| AppError::Invalid(crate::admin::settings::rules::joined(&errors)))?;
    let sku = services
        .admin
        .catalog
        .save_unit(variant, unit, &valid, &staff.actor())
        .await?;
    let action = if unit.is_some() {
        "stock.unit.edit"
    } else {
        "stock.unit.add"
    };
    staff
        .audit(
            action,
            &format!("{sku} {}", valid.serial_number),
            valid.status.code(),
        )
        .await;
    Ok(())
}

/// Releases what a basket holds of a variant before its time is up.
#[server(endpoint = "admin/stock/release")]
pub async fn release_reservation(basket: String, variant: String) -> Result<(), AppError> {
    use crate::admin::guard::require;
    use crate::domain::staff::Permission;
    let staff = require(Permission::Stock).await?;
    let (basket, variant) = (parse_id(&basket)?, parse_id(&variant)?);
    crate::server_context::services()?
        .admin
        .catalog
        .release_reservation(basket, variant)
        .await?;
    staff
        .audit(
            "stock.release",
            &format!("basket {basket}"),
            &format!("variant {variant}"),
        )
        .await;
    Ok(())
}
