//! Order server functions: every lookup goes through `OrderAccess`, so a
//! shopper only ever reaches their own orders.

use super::types::{OrderDetail, OrderListItem};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod adapters {
    use super::super::types::OrderAccess;
    use crate::accounts::api::adapters::signed_in;
    use crate::error::AppError;

    /// The secret link's token if given, else the signed-in owner's number.
    pub async fn access(number: &str, token: &str) -> Result<OrderAccess, AppError> {
        let token = token.trim();
        if !token.is_empty() {
            return Ok(OrderAccess::Token(token.chars().take(64).collect()));
        }
        Ok(OrderAccess::Owner {
            user: signed_in().await?,
            number: number.trim().chars().take(20).collect(),
        })
    }
}

#[server(endpoint = "orders/mine")]
pub async fn get_my_order(number: String) -> Result<OrderDetail, AppError> {
    use crate::server_context::services;
    let access = adapters::access(&number, "").await?;
    Ok(services()?.orders.order(&access).await?)
}

#[server(endpoint = "orders/by-link")]
pub async fn get_linked_order(token: String) -> Result<OrderDetail, AppError> {
    use crate::server_context::services;
    if token.trim().is_empty() {
        return Err(AppError::NotFound("We could not find that order.".into()));
    }
    let access = adapters::access("", &token).await?;
    Ok(services()?.orders.order(&access).await?)
}

#[server(endpoint = "orders/history")]
pub async fn order_history() -> Result<Vec<OrderListItem>, AppError> {
    use crate::accounts::api::adapters::signed_in;
    use crate::server_context::services;
    let user = signed_in().await?;
    Ok(services()?.orders.history(user).await?)
}

#[server(endpoint = "orders/cancel")]
pub async fn cancel_order(
    #[server(default)] number: String,
    #[server(default)] token: String,
) -> Result<(), AppError> {
    use crate::server_context::{services, shopper};
    let access = adapters::access(&number, &token).await?;
    let services = services()?;
    let reopened = services.orders.cancel(&access).await?;
    let session = shopper()?;
    // The shopper continues with the reopened basket unless they have
    // started filling another one.
    if let Some(basket) = reopened {
        let keep_current = match session.0.basket_id().await? {
            Some(current) if current != basket => services.baskets.item_count(current).await? > 0,
            _ => false,
        };
        if !keep_current {
            session.0.set_basket_id(basket).await?;
        }
    }
    session
        .0
        .set_notice("Your order was cancelled and its items are back in your basket.")
        .await?;
    Ok(())
}

/// Sends the shopper to the processor's page to pay (again).
#[server(endpoint = "orders/pay")]
pub async fn pay_order(
    #[server(default)] number: String,
    #[server(default)] token: String,
) -> Result<String, AppError> {
    use crate::server_context::services;
    let access = adapters::access(&number, &token).await?;
    let url = services()?.orders.pay(&access).await?;
    leptos_axum::redirect(&url);
    Ok(url)
}

#[server(endpoint = "orders/reorder")]
pub async fn reorder(
    #[server(default)] number: String,
    #[server(default)] token: String,
) -> Result<String, AppError> {
    use crate::basket::api::open_basket;
    use crate::server_context::{services, shopper};
    let access = adapters::access(&number, &token).await?;
    let basket = open_basket().await?;
    let report = services()?.orders.reorder(&access, basket).await?;
    let message = report.message();
    shopper()?.0.set_notice(&message).await?;
    leptos_axum::redirect("/basket");
    Ok(message)
}
