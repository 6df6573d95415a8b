//! Offer and voucher server functions: admins only (the offers
//! permission); every change is written to the audit log.

use super::types::{OfferEditor, OfferForm, OfferRow, VoucherForm};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod adapters {
    pub use crate::admin::guard::{Staff, parse_id, require};
    pub use crate::domain::staff::Permission;
    pub use crate::server_context::{services, shopper};

    /// The refused form and its problems, for the next render of the
    /// editor (with or without JavaScript).
    pub const FORM_STASH: &str = "admin-offer-form";

    pub async fn admin() -> Result<Staff, crate::error::AppError> {
        require(Permission::Offers).await
    }

    pub fn offers()
    -> Result<std::sync::Arc<dyn crate::admin::services::AdminOfferService>, crate::error::AppError>
    {
        Ok(services()?.admin.offers)
    }
}

#[server(endpoint = "admin/offers/list")]
pub async fn load_offers() -> Result<Vec<OfferRow>, AppError> {
    use adapters::*;
    admin().await?;
    Ok(offers()?.offers().await?)
}

/// The editor of offer `id`, or of a new offer when `id` is empty.
#[server(endpoint = "admin/offers/editor")]
pub async fn load_offer_editor(#[server(default)] id: String) -> Result<OfferEditor, AppError> {
    use crate::domain::FieldError;
    use adapters::*;
    admin().await?;
    let id = match id.trim() {
        "" | "new" => None,
        text => Some(parse_id(text)?),
    };
    let mut editor = offers()?.editor(id).await?;
    let stashed = shopper()?.0.take_stash(FORM_STASH).await?;
    // Shown once, and only on the editor of the offer it was for.
    if let Some(json) = stashed
        && let Ok((form, errors)) = serde_json::from_str::<(OfferForm, Vec<FieldError>)>(&json)
        && form.id.trim().parse::<i64>().ok() == id
    {
        editor.form = form;
        editor.errors = errors;
    }
    Ok(editor)
}

#[server(endpoint = "admin/offers/save")]
pub async fn save_offer(#[server(default)] form: OfferForm) -> Result<i64, AppError> {
    use adapters::*;
    let staff = admin().await?;
    let service = offers()?;
    let session = shopper()?;
    let refuse = |errors: Vec<crate::domain::FieldError>| async {
        let message = format!(
            "The offer was not saved: {}",
            crate::admin::settings::rules::joined(&errors)
        );
        let json = serde_json::to_string(&(&form, errors)).map_err(|_| AppError::Internal)?;
        session.0.stash(FORM_STASH, json).await?;
        Err::<i64, _>(AppError::Invalid(message))
    };
    let valid = match super::rules::offer(&form, service.currency()) {
        Ok(valid) => valid,
        Err(errors) => return refuse(errors).await,
    };
    let id = match service.save(&valid).await? {
        Ok(id) => id,
        Err(errors) => return refuse(errors).await,
    };
    let action = if valid.id.is_some() {
        "offer.update"
    } else {
        "offer.create"
    };
    staff
        .audit(action, &format!("offer {id}"), &valid.name)
        .await;
    crate::server_context::confirm(&format!("The offer {} was saved.", valid.name)).await?;
    leptos_axum::redirect(&format!("/admin/offers/{id}"));
    Ok(id)
}

#[server(endpoint = "admin/offers/activate")]
pub async fn set_offer_active(id: String, active: String) -> Result<(), AppError> {
    use adapters::*;
    let staff = admin().await?;
    let on = active == "true";
    let id = parse_id(&id)?;
    let name = offers()?.set_active(id, on).await?;
    let action = if on {
        "offer.activate"
    } else {
        "offer.deactivate"
    };
    staff.audit(action, &format!("offer {id}"), &name).await;
    crate::server_context::confirm(&if on {
        format!("The offer {name} is switched on.")
    } else {
        format!("The offer {name} is switched off.")
    })
    .await
}

/// Adds one code, or generates a batch, for a voucher offer.
#[server(endpoint = "admin/offers/codes")]
pub async fn add_voucher_codes(#[server(default)] form: VoucherForm) -> Result<u32, AppError> {
    use adapters::*;
    let staff = admin().await?;
    let valid = super::rules::vouchers(&form)
        .map_err(|errors| AppError::Invalid(crate::admin::settings::rules::joined(&errors)))?;
    let added = offers()?.add_vouchers(&valid).await?;
    staff
        .audit(
            "offer.codes",
            &format!("offer {}", valid.offer),
            &format!("{added} codes"),
        )
        .await;
    crate::server_context::confirm(&format!("{added} voucher codes were added.")).await?;
    Ok(added)
}

#[server(endpoint = "admin/offers/code-activate")]
pub async fn set_voucher_active(id: String, active: String) -> Result<(), AppError> {
    use adapters::*;
    let staff = admin().await?;
    let on = active == "true";
    let code = offers()?.set_voucher_active(parse_id(&id)?, on).await?;
    let action = if on {
        "voucher.activate"
    } else {
        "voucher.deactivate"
    };
    staff.audit(action, &code, "").await;
    crate::server_context::confirm(&if on {
        format!("The code {code} can be used again.")
    } else {
        format!("The code {code} can no longer be used.")
    })
    .await
}
