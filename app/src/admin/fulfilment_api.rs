//! Merchant actions after payment: the job queue, an order's delivery
//! (download links, the partner's answers) and shipping.

use super::types::{DeliveryView, JobView};
use crate::error::AppError;
use leptos::prelude::*;

/// Jobs, newest first; `status` is queued, running, done or dead (or
/// empty for all), `order` an order number (or empty).
#[server(endpoint = "admin/jobs/list")]
pub async fn list_jobs(
    #[server(default)] status: String,
    #[server(default)] order: String,
) -> Result<Vec<JobView>, AppError> {
    use super::guard::require;
    use crate::domain::staff::Permission;
    require(Permission::Orders).await?;
    let status = Some(status.trim()).filter(|s| !s.is_empty());
    let order = Some(order.trim()).filter(|s| !s.is_empty());
    Ok(crate::server_context::services()?
        .fulfilment
        .jobs(status, order)
        .await?)
}

/// Runs a dead job again with a fresh set of tries.
#[server(endpoint = "admin/jobs/retry")]
pub async fn retry_job(id: String) -> Result<JobView, AppError> {
    use super::guard::require;
    use crate::domain::staff::Permission;
    let staff = require(Permission::Orders).await?;
    let id = parse_id(&id)?;
    let job = crate::server_context::services()?
        .fulfilment
        .retry_job(id)
        .await?;
    staff
        .audit("job.retry", &format!("job {id}"), &job.summary)
        .await;
    Ok(job)
}

#[server(endpoint = "admin/delivery/show")]
pub async fn order_delivery(number: String) -> Result<DeliveryView, AppError> {
    use super::guard::require;
    use crate::domain::staff::Permission;
    require(Permission::Orders).await?;
    Ok(crate::server_context::services()?
        .fulfilment
        .delivery(&number)
        .await?)
}

/// Gives a download link its attempts back (`reset`) and/or
/// `extend_days` more days.
#[server(endpoint = "admin/delivery/renew-download")]
pub async fn renew_download(
    number: String,
    link: String,
    #[server(default)] reset: String,
    #[server(default)] extend_days: String,
) -> Result<DeliveryView, AppError> {
    use super::guard::require;
    use crate::domain::staff::Permission;
    let staff = require(Permission::Orders).await?;
    let link = parse_id(&link)?;
    let reset = matches!(reset.as_str(), "on" | "true" | "1");
    let extend_days = match extend_days.trim() {
        "" => 0,
        days => days
            .parse::<u32>()
            .ok()
            .filter(|d| *d <= 3650)
            .ok_or_else(|| AppError::Invalid("Extend by 0 to 3650 days.".into()))?,
    };
    if !reset && extend_days == 0 {
        return Err(AppError::Invalid(
            "Reset the attempts or extend the link by some days.".into(),
        ));
    }
    let delivery = crate::server_context::services()?
        .fulfilment
        .renew_download(&number, link, reset, extend_days)
        .await?;
    let detail = format!("link {link}: reset {reset}, {extend_days} more days");
    staff.audit("download.renew", &number, &detail).await;
    Ok(delivery)
}

/// Marks a paid order shipped; the customer is emailed the carrier and
/// tracking number.
#[server(endpoint = "admin/delivery/ship")]
pub async fn ship_order(
    number: String,
    #[server(default)] carrier: String,
    #[server(default)] tracking_number: String,
) -> Result<DeliveryView, AppError> {
    use super::guard::require;
    use crate::domain::staff::Permission;
    let staff = require(Permission::Orders).await?;
    let tracking = format!("{} {}", carrier.trim(), tracking_number.trim());
    let tracking = tracking.trim();
    if tracking.chars().count() > 100 {
        return Err(AppError::Invalid(
            "A tracking number has at most 100 characters.".into(),
        ));
    }
    let delivery = crate::server_context::services()?
        .fulfilment
        .ship(&number, tracking, &staff.actor())
        .await?;
    staff.audit("order.ship", &number, tracking).await;
    Ok(delivery)
}

#[cfg(feature = "ssr")]
use super::guard::parse_id;
