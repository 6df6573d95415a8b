//! Basket server functions. Inputs arrive as strings so that malformed form
//! input gets a precise message rather than a generic decoding error.

use super::types::{BasketChange, BasketView};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod adapters {
    use crate::domain::Quantity;
    use crate::error::AppError;
    use crate::server_context::{services, shopper};
    use crate::services::BasketId;

    pub fn parse_variant(text: &str) -> Result<i64, AppError> {
        text.trim()
            .parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
            .ok_or_else(|| AppError::NotFound("That product does not exist.".into()))
    }

    pub fn parse_quantity(text: &str) -> Result<Quantity, AppError> {
        Ok(Quantity::parse(text)?)
    }

    /// A picked serial-numbered unit; blank means "any available".
    pub fn parse_unit(text: Option<&str>) -> Result<Option<i64>, AppError> {
        match text.map(str::trim).filter(|t| !t.is_empty()) {
            None => Ok(None),
            Some(t) => t
                .parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .map(Some)
                .ok_or_else(|| AppError::NotFound("That unit does not exist.".into())),
        }
    }

    /// The shopper's basket, created (and the session started) on first use.
    pub async fn basket_for_update() -> Result<BasketId, AppError> {
        let session = shopper()?;
        if let Some(id) = session.0.basket_id().await? {
            return Ok(id);
        }
        let owner = session.0.user_id().await?;
        let id = services()?.baskets.create(owner).await?;
        session.0.set_basket_id(id).await?;
        Ok(id)
    }
}

/// The shopper's basket if it can take changes, else a new one (kept in
/// the session from now on). A basket waiting on an order stays as it is.
#[cfg(feature = "ssr")]
pub async fn open_basket() -> Result<crate::services::BasketId, AppError> {
    use crate::server_context::{services, shopper};
    let session = shopper()?;
    let baskets = services()?.baskets;
    if let Some(id) = session.0.basket_id().await? {
        if baskets.is_open(id).await? {
            return Ok(id);
        }
    }
    let owner = session.0.user_id().await?;
    let id = baskets.create(owner).await?;
    session.0.set_basket_id(id).await?;
    Ok(id)
}

/// Leaves a basket that waits on an order and starts an empty one.
#[server(endpoint = "basket/new")]
pub async fn start_new_basket() -> Result<(), AppError> {
    use crate::checkout::types::CheckoutDraft;
    use crate::server_context::{services, shopper};
    let session = shopper()?;
    let previous = session.0.basket_id().await?;
    let current = open_basket().await?;
    // The next checkout starts from the order just placed, unless the
    // session already keeps a form of its own.
    if let Some(previous) = previous.filter(|p| *p != current) {
        let (kept, _) = session.0.checkout_state().await?;
        if kept == CheckoutDraft::blank() {
            if let Some(draft) = services()?.orders.draft_of(previous).await? {
                session.0.set_checkout_state(&draft, &[]).await?;
            }
        }
    }
    leptos_axum::redirect("/basket");
    Ok(())
}

#[server(endpoint = "basket/view")]
pub async fn get_basket() -> Result<BasketView, AppError> {
    use crate::server_context::{locale, services, shopper};

    let services = services()?;
    match shopper()?.0.basket_id().await? {
        Some(id) => Ok(services.baskets.view(id, locale()).await?),
        None => Ok(services.baskets.empty_view()),
    }
}

#[server(endpoint = "basket/add")]
pub async fn add_to_basket(
    variant_id: String,
    quantity: String,
    #[server(default)] unit: Option<String>,
) -> Result<BasketChange, AppError> {
    use crate::server_context::services;

    let variant = adapters::parse_variant(&variant_id)?;
    let quantity = adapters::parse_quantity(&quantity)?;
    let unit = adapters::parse_unit(unit.as_deref())?;
    let basket = adapters::basket_for_update().await?;
    Ok(services()?
        .baskets
        .add(basket, variant, quantity, unit)
        .await?)
}

#[server(endpoint = "basket/update")]
pub async fn update_basket_line(
    variant_id: String,
    quantity: String,
) -> Result<BasketChange, AppError> {
    use crate::server_context::services;

    let variant = adapters::parse_variant(&variant_id)?;
    let quantity = adapters::parse_quantity(&quantity)?;
    let basket = adapters::basket_for_update().await?;
    Ok(services()?
        .baskets
        .set_quantity(basket, variant, quantity)
        .await?)
}

#[server(endpoint = "basket/remove")]
pub async fn remove_basket_line(
    variant_id: String,
    #[server(default)] unit_id: Option<String>,
) -> Result<BasketChange, AppError> {
    use crate::server_context::services;

    let variant = adapters::parse_variant(&variant_id)?;
    let unit = adapters::parse_unit(unit_id.as_deref())?;
    let basket = adapters::basket_for_update().await?;
    let baskets = services()?.baskets;
    Ok(match unit {
        Some(unit) => baskets.remove_unit(basket, unit).await?,
        None => baskets.remove(basket, variant).await?,
    })
}
