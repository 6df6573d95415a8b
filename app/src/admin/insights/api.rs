//! The dashboard, the audit log, who is signed in to the admin, and
//! giving up jobs.

use super::types::{AuditPage, Dashboard, StoreDetails};
use crate::domain::staff::StaffRole;
use crate::error::AppError;
use leptos::prelude::*;

/// The signed-in member of staff's role; 403 for everyone else. Admin
/// pages start with it.
#[server(endpoint = "admin/me")]
pub async fn my_staff_role() -> Result<StaffRole, AppError> {
    use crate::admin::guard::require;
    use crate::domain::staff::Permission;
    Ok(require(Permission::Orders).await?.role)
}

#[server(endpoint = "admin/dashboard")]
pub async fn load_dashboard() -> Result<Dashboard, AppError> {
    use crate::admin::guard::require;
    use crate::domain::staff::Permission;
    require(Permission::Orders).await?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    Ok(crate::server_context::services()?
        .admin
        .insights
        .dashboard(now)
        .await?)
}

#[server(endpoint = "admin/audit")]
pub async fn audit_log(#[server(default)] page: u32) -> Result<AuditPage, AppError> {
    use crate::admin::guard::require;
    use crate::domain::staff::Permission;
    require(Permission::Settings).await?;
    Ok(crate::server_context::services()?
        .admin
        .insights
        .audit(page)
        .await?)
}

/// Gives up a dead or waiting job: it will not run again.
#[server(endpoint = "admin/jobs/discard")]
pub async fn discard_job(id: String) -> Result<(), AppError> {
    use crate::admin::guard::require;
    use crate::domain::staff::Permission;
    let staff = require(Permission::Orders).await?;
    let id = crate::admin::guard::parse_id(&id)?;
    crate::server_context::services()?
        .admin
        .insights
        .discard_job(id)
        .await?;
    staff.audit("job.discard", &format!("job {id}"), "").await;
    Ok(())
}

/// The seller's details, for invoices and the settings page.
#[server(endpoint = "admin/settings/show")]
pub async fn load_store_details() -> Result<StoreDetails, AppError> {
    use crate::admin::guard::require;
    use crate::domain::staff::Permission;
    require(Permission::Orders).await?;
    Ok(crate::server_context::services()?
        .admin
        .insights
        .store_details()
        .await?)
}

#[server(endpoint = "admin/settings/save")]
pub async fn save_store_details(details: StoreDetails) -> Result<(), AppError> {
    use crate::admin::guard::require;
    use crate::domain::staff::Permission;
    let staff = require(Permission::Settings).await?;
    for key in StoreDetails::KEYS {
        let limit = if matches!(key, "address" | "invoice_note") {
            1000
        } else {
            200
        };
        if details.get(key).chars().count() > limit {
            return Err(AppError::Invalid(format!(
                "{} has at most {limit} characters.",
                key.replace('_', " ")
            )));
        }
    }
    crate::server_context::services()?
        .admin
        .insights
        .save_store_details(&details)
        .await?;
    staff
        .audit("settings.store", &details.store_name, "seller details")
        .await;
    crate::server_context::confirm("The settings were saved.").await?;
    Ok(())
}
