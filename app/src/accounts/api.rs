//! Account server functions. Each is a thin adapter: parse, call the
//! account and basket services, keep the session in step.

use super::types::{AccountView, UserView};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
pub(crate) mod adapters {
    use crate::error::AppError;
    use crate::server_context::{services, shopper};
    use crate::services::UserId;

    /// The signed-in user, or a request to sign in.
    pub async fn signed_in() -> Result<UserId, AppError> {
        shopper()?
            .0
            .user_id()
            .await?
            .ok_or_else(|| AppError::Unauthorized("Please sign in to see your account.".into()))
    }

    /// Only paths on this site, so a link cannot send shoppers elsewhere.
    pub fn local_path(next: &str) -> &str {
        let next = next.trim();
        if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
            next
        } else {
            "/account"
        }
    }

    /// Starts the user's session: merges the anonymous basket into theirs
    /// and cycles the session id.
    pub async fn start_session(user: UserId, greeting: &str) -> Result<(), AppError> {
        let session = shopper()?;
        let anonymous = session.0.basket_id().await?;
        let basket = services()?.baskets.sign_in(user, anonymous).await?;
        session.0.sign_in(user, basket.basket).await?;
        let merged = match basket.merged_items {
            0 => String::new(),
            1 => " 1 item from your earlier visit was added to your basket.".to_owned(),
            n => format!(" {n} items from your earlier visit were added to your basket."),
        };
        session.0.set_notice(&format!("{greeting}{merged}")).await?;
        Ok(())
    }
}

#[server(endpoint = "account/me")]
pub async fn current_user() -> Result<Option<UserView>, AppError> {
    use crate::server_context::{services, shopper};
    match shopper()?.0.user_id().await? {
        Some(id) => Ok(services()?.accounts.user(id).await?),
        None => Ok(None),
    }
}

#[server(endpoint = "account/register")]
pub async fn register(
    email: String,
    password: String,
    #[server(default)] next: String,
) -> Result<(), AppError> {
    use crate::server_context::{services, shopper};
    let accounts = services()?.accounts;
    accounts
        .registration_attempt(&shopper()?.0.client())
        .await?;
    let user = accounts.register(&email, &password).await?;
    adapters::start_session(user, "Welcome! Your account is ready.").await?;
    leptos_axum::redirect(adapters::local_path(&next));
    Ok(())
}

#[server(endpoint = "account/sign-in")]
pub async fn sign_in(
    email: String,
    password: String,
    #[server(default)] next: String,
) -> Result<(), AppError> {
    use crate::server_context::{services, shopper};
    let client = shopper()?.0.client();
    let user = services()?
        .accounts
        .sign_in(&email, &password, &client)
        .await?;
    adapters::start_session(user, "Welcome back.").await?;
    leptos_axum::redirect(adapters::local_path(&next));
    Ok(())
}

#[server(endpoint = "account/sign-out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::server_context::shopper;
    shopper()?.0.sign_out().await?;
    leptos_axum::redirect("/");
    Ok(())
}

#[server(endpoint = "account/view")]
pub async fn get_account() -> Result<AccountView, AppError> {
    use crate::server_context::services;
    let user = adapters::signed_in().await?;
    Ok(services()?.accounts.account(user).await?)
}

#[server(endpoint = "account/default-address")]
pub async fn make_default_address(customer_id: String) -> Result<(), AppError> {
    use crate::server_context::services;
    let user = adapters::signed_in().await?;
    let customer = customer_id
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::NotFound("That address is not in your account.".into()))?;
    services()?
        .accounts
        .set_default_customer(user, customer)
        .await?;
    Ok(())
}

/// The one-off message for this page view ("Welcome back."), if any.
#[server(endpoint = "notice")]
pub async fn take_notice() -> Result<Option<String>, AppError> {
    use crate::server_context::shopper;
    Ok(shopper()?.0.take_notice().await?)
}
