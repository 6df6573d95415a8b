//! Settings server functions: admins only (the settings permission).

use super::types::{SettingsForm, SettingsOverview, ShippingMethodForm};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
async fn admin() -> Result<crate::admin::guard::Staff, AppError> {
    crate::admin::guard::require(crate::domain::staff::Permission::Settings).await
}

#[cfg(feature = "ssr")]
fn settings_service()
-> Result<std::sync::Arc<dyn crate::admin::services::AdminSettingsService>, AppError> {
    Ok(crate::server_context::services()?.admin.settings)
}

#[cfg(feature = "ssr")]
fn refused(errors: Vec<crate::domain::FieldError>) -> AppError {
    AppError::Invalid(super::rules::joined(&errors))
}

#[server(endpoint = "admin/settings/overview")]
pub async fn load_settings() -> Result<SettingsOverview, AppError> {
    admin().await?;
    Ok(settings_service()?.overview().await?)
}

#[server(endpoint = "admin/settings/store")]
pub async fn save_settings(#[server(default)] settings: SettingsForm) -> Result<(), AppError> {
    let staff = admin().await?;
    let valid = super::rules::settings(&settings).map_err(refused)?;
    settings_service()?.save_settings(&valid).await?;
    staff
        .audit(
            "settings.general",
            valid.currency.code(),
            &format!(
                "prices include tax: {}; sender {}; reservations {} min; unpaid orders expire after {} h",
                valid.prices_include_tax,
                valid.mail_from,
                valid.reservation_minutes,
                valid.unpaid_order_hours
            ),
        )
        .await;
    crate::server_context::confirm("The store settings were saved.").await
}

#[server(endpoint = "admin/settings/tax/save")]
pub async fn save_tax_rate(
    country: String,
    tax_class: String,
    percent: String,
) -> Result<(), AppError> {
    let staff = admin().await?;
    let rate = super::rules::tax_rate(&country, &tax_class, &percent).map_err(refused)?;
    settings_service()?.save_tax_rate(&rate).await?;
    staff
        .audit(
            "settings.tax",
            &format!("{} {}", rate.country.code(), rate.tax_class),
            &format!("{} %", rate.percent),
        )
        .await;
    crate::server_context::confirm("The tax rate was saved.").await
}

#[server(endpoint = "admin/settings/tax/delete")]
pub async fn delete_tax_rate(country: String, tax_class: String) -> Result<(), AppError> {
    let staff = admin().await?;
    let rate = super::rules::tax_rate(&country, &tax_class, "0").map_err(refused)?;
    settings_service()?
        .delete_tax_rate(rate.country.code(), &rate.tax_class)
        .await?;
    staff
        .audit(
            "settings.tax.delete",
            &format!("{} {}", rate.country.code(), rate.tax_class),
            "",
        )
        .await;
    crate::server_context::confirm("The tax rate was removed.").await
}

#[server(endpoint = "admin/settings/shipping/save")]
pub async fn save_shipping_method(
    #[server(default)] method: ShippingMethodForm,
) -> Result<(), AppError> {
    let staff = admin().await?;
    let service = settings_service()?;
    let valid = super::rules::method(&method, service.currency()).map_err(refused)?;
    service.save_method(&valid).await?;
    staff
        .audit(
            "settings.shipping",
            &valid.code,
            &format!(
                "{} ({})",
                valid.name,
                if valid.active { "active" } else { "inactive" }
            ),
        )
        .await;
    crate::server_context::confirm("The shipping method was saved.").await
}

/// Offers a configured payment provider at checkout, or stops offering it.
#[server(endpoint = "admin/settings/payments")]
pub async fn set_payment_provider(code: String, enabled: String) -> Result<(), AppError> {
    let staff = admin().await?;
    let enabled = match enabled.as_str() {
        "true" => true,
        "false" => false,
        _ => {
            return Err(AppError::Invalid(
                "Say whether to enable the provider.".into(),
            ));
        }
    };
    let code = code.trim();
    if code.is_empty() || code.len() > 40 {
        return Err(AppError::NotFound(
            "No such payment provider is configured.".into(),
        ));
    }
    settings_service()?
        .set_provider_enabled(code, enabled)
        .await?;
    staff
        .audit(
            "settings.payments",
            code,
            if enabled { "enabled" } else { "disabled" },
        )
        .await;
    crate::server_context::confirm(if enabled {
        "The payment provider is offered at checkout."
    } else {
        "The payment provider is no longer offered at checkout."
    })
    .await
}
