use app::checkout::types::CheckoutDraft;
use app::domain::FieldError;
use app::services::{BasketId, ServiceError, Shopper, ShopperSession, UserId};
use async_trait::async_trait;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::net::SocketAddr;
use std::sync::Arc;
use tower_sessions::Session;

const BASKET_KEY: &str = "basket_id";
const USER_KEY: &str = "user_id";
const CHECKOUT_KEY: &str = "checkout";
const NOTICE_KEY: &str = "notice";
/// The day (counted from 1970) a page was last shown to this session.
const SEEN_KEY: &str = "seen_day";

/// The app's view of a tower-sessions session.
pub struct TowerShopper {
    session: Session,
    client: String,
}

fn failed(what: &str, e: impl std::fmt::Display) -> ServiceError {
    ServiceError::Internal(format!("session {what} failed: {e}"))
}

impl TowerShopper {
    async fn get<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, ServiceError> {
        self.session
            .get::<T>(key)
            .await
            .map_err(|e| failed("read", e))
    }

    /// Removes and returns a value. Removing marks the session changed,
    /// and a changed session is written back to the database, so a key
    /// that is not there is only looked at: every page asks for a notice,
    /// and most pages have none.
    async fn take<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, ServiceError> {
        if self.get::<serde_json::Value>(key).await?.is_none() {
            return Ok(None);
        }
        self.session
            .remove::<T>(key)
            .await
            .map_err(|e| failed("read", e))
    }

    async fn put<T: Serialize + Send + Sync>(
        &self,
        key: &str,
        value: T,
    ) -> Result<(), ServiceError> {
        self.session
            .insert(key, value)
            .await
            .map_err(|e| failed("write", e))
    }
}

#[async_trait]
impl ShopperSession for TowerShopper {
    async fn basket_id(&self) -> Result<Option<BasketId>, ServiceError> {
        self.get(BASKET_KEY).await
    }

    async fn set_basket_id(&self, basket: BasketId) -> Result<(), ServiceError> {
        self.put(BASKET_KEY, basket).await
    }

    async fn user_id(&self) -> Result<Option<UserId>, ServiceError> {
        self.get(USER_KEY).await
    }

    async fn sign_in(&self, user: UserId, basket: Option<BasketId>) -> Result<(), ServiceError> {
        // A new id, so an id planted before sign-in is worth nothing after.
        self.session
            .cycle_id()
            .await
            .map_err(|e| failed("cycle", e))?;
        self.put(USER_KEY, user).await?;
        match basket {
            Some(basket) => self.put(BASKET_KEY, basket).await,
            None => {
                self.session
                    .remove_value(BASKET_KEY)
                    .await
                    .map_err(|e| failed("write", e))?;
                Ok(())
            }
        }
    }

    async fn sign_out(&self) -> Result<(), ServiceError> {
        self.session.flush().await.map_err(|e| failed("flush", e))
    }

    fn client(&self) -> String {
        self.client.clone()
    }

    async fn checkout_state(&self) -> Result<(CheckoutDraft, Vec<FieldError>), ServiceError> {
        Ok(self
            .get::<(CheckoutDraft, Vec<FieldError>)>(CHECKOUT_KEY)
            .await?
            .unwrap_or_else(|| (CheckoutDraft::blank(), Vec::new())))
    }

    async fn set_checkout_state(
        &self,
        draft: &CheckoutDraft,
        errors: &[FieldError],
    ) -> Result<(), ServiceError> {
        self.put(CHECKOUT_KEY, (draft, errors)).await
    }

    async fn set_notice(&self, text: &str) -> Result<(), ServiceError> {
        self.put(NOTICE_KEY, text).await
    }

    async fn take_notice(&self) -> Result<Option<String>, ServiceError> {
        self.take(NOTICE_KEY).await
    }

    async fn stash(&self, key: &str, json: String) -> Result<(), ServiceError> {
        self.put(&format!("stash:{key}"), json).await
    }

    async fn take_stash(&self, key: &str) -> Result<Option<String>, ServiceError> {
        self.take(&format!("stash:{key}")).await
    }
}

/// Whether to believe `X-Forwarded-For` (only behind a proxy that sets it).
#[derive(Clone, Copy)]
pub struct TrustForwarded(pub bool);

/// Puts the shopper handle into the request so server functions and page
/// renders find it in the request parts they are given.
pub async fn attach_shopper(
    State(trust): State<TrustForwarded>,
    mut request: Request,
    next: Next,
) -> Response {
    let forwarded = trust
        .0
        .then(|| {
            request
                .headers()
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.rsplit(',').next())
                .map(|v| v.trim().to_owned())
        })
        .flatten();
    let client = forwarded
        .or_else(|| {
            request
                .extensions()
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip().to_string())
        })
        .unwrap_or_else(|| "unknown".to_owned());
    let session = request.extensions().get::<Session>().cloned();
    if let Some(session) = session.clone() {
        request
            .extensions_mut()
            .insert(Shopper(Arc::new(TowerShopper { session, client })));
    }
    let response = next.run(request).await;
    if let Some(session) = session {
        if is_page(&response) {
            keep_alive(&session).await;
        }
    }
    response
}

fn is_page(response: &Response) -> bool {
    response.status().is_success()
        && response
            .headers()
            .get(http::header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"text/html"))
}

/// A session is written back only when it changed, and its 30 days run
/// from that write. Pages mark an existing session changed once a day, so
/// a shopper who keeps visiting keeps the basket without every page view
/// costing a database write. A page has read the session already (the
/// header shows the basket), so the check itself costs nothing.
async fn keep_alive(session: &Session) {
    if session.id().is_none() {
        // A visitor without a session stays without one.
        return;
    }
    let today = crate::startup::now().div_euclid(86_400);
    match session.get::<i64>(SEEN_KEY).await {
        Ok(Some(day)) if day == today => {}
        Ok(_) => {
            if let Err(e) = session.insert(SEEN_KEY, today).await {
                tracing::warn!(error = %e, "cannot mark the session seen");
            }
        }
        Err(e) => tracing::warn!(error = %e, "cannot read the session"),
    }
}
