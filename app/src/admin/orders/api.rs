//! Order server functions of the admin. Payments and shipping live in
//! `payments_api` and `fulfilment_api`; all check the staff role first.

use super::types::{AdminOrder, OrderFilter, OrderPage};
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "admin/orders/list")]
pub async fn list_orders(filter: OrderFilter) -> Result<OrderPage, AppError> {
    use crate::admin::guard::require;
    use crate::domain::staff::Permission;
    require(Permission::Orders).await?;
    Ok(crate::server_context::services()?
        .admin
        .orders
        .orders(&filter)
        .await?)
}

#[server(endpoint = "admin/orders/show")]
pub async fn load_admin_order(number: String) -> Result<AdminOrder, AppError> {
    use crate::admin::guard::require;
    use crate::domain::staff::Permission;
    let staff = require(Permission::Orders).await?;
    let mut order = crate::server_context::services()?
        .admin
        .orders
        .order(number.trim())
        .await?;
    // Staff without the refund permission are not offered the button; the
    // refund function refuses them anyway.
    order.actions.refund &= staff.role.allows(Permission::Refunds);
    Ok(order)
}

#[server(endpoint = "admin/orders/note")]
pub async fn add_order_note(number: String, body: String) -> Result<(), AppError> {
    use crate::admin::guard::require;
    use crate::domain::staff::Permission;
    let staff = require(Permission::Orders).await?;
    let body = body.trim();
    if body.is_empty() || body.chars().count() > 2000 {
        return Err(AppError::Invalid(
            "Write a note of at most 2,000 characters.".into(),
        ));
    }
    crate::server_context::services()?
        .admin
        .orders
        .add_note(&number, body, &staff.actor())
        .await?;
    staff.audit("order.note", &number, body).await;
    Ok(())
}

/// Sends the customer an email they were sent before (a lost
/// confirmation, a shipping notice) once more.
#[server(endpoint = "admin/orders/resend-email")]
pub async fn resend_email(number: String, kind: String) -> Result<(), AppError> {
    use crate::admin::guard::require;
    use crate::domain::staff::Permission;
    let staff = require(Permission::Orders).await?;
    if number.len() > 40 || kind.len() > 40 {
        return Err(AppError::NotFound("We could not find that order.".into()));
    }
    let label = crate::server_context::services()?
        .admin
        .orders
        .resend_email(&number, &kind, &staff.actor())
        .await?;
    staff.audit("order.resend_email", &number, &label).await;
    crate::server_context::confirm(&format!("The {label} email is on its way again.")).await?;
    Ok(())
}

#[server(endpoint = "admin/orders/cancel")]
pub async fn cancel_order(number: String) -> Result<(), AppError> {
    use crate::admin::guard::require;
    use crate::domain::staff::Permission;
    let staff = require(Permission::Orders).await?;
    crate::server_context::services()?
        .admin
        .orders
        .cancel(&number, &staff.actor())
        .await?;
    staff.audit("order.cancel", &number, "").await;
    Ok(())
}
