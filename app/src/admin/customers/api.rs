//! Customer server functions (the orders permission).

use super::types::{CustomerDetail, CustomerPage};
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "admin/customers/list")]
pub async fn list_customers(
    #[server(default)] q: String,
    #[server(default)] page: u32,
) -> Result<CustomerPage, AppError> {
    use crate::admin::guard::require;
    use crate::domain::staff::Permission;
    require(Permission::Orders).await?;
    Ok(crate::server_context::services()?
        .admin
        .orders
        .customers(q.trim(), page)
        .await?)
}

#[server(endpoint = "admin/customers/show")]
pub async fn load_customer(id: String) -> Result<CustomerDetail, AppError> {
    use crate::admin::guard::{parse_id, require};
    use crate::domain::staff::Permission;
    require(Permission::Orders).await?;
    let services = crate::server_context::services()?;
    let id = parse_id(&id)?;
    let (joined, orders) = services.admin.orders.customer_orders(id).await?;
    Ok(CustomerDetail {
        id,
        joined,
        account: services.accounts.account(id).await?,
        orders,
    })
}
