use app::services::{BasketId, ServiceError, Shopper, ShopperSession};
use async_trait::async_trait;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;
use tower_sessions::Session;

const BASKET_KEY: &str = "basket_id";

/// The app's view of a tower-sessions session.
pub struct TowerShopper(pub Session);

#[async_trait]
impl ShopperSession for TowerShopper {
    async fn basket_id(&self) -> Result<Option<BasketId>, ServiceError> {
        self.0
            .get::<BasketId>(BASKET_KEY)
            .await
            .map_err(|e| ServiceError::Internal(format!("session read failed: {e}")))
    }

    async fn set_basket_id(&self, basket: BasketId) -> Result<(), ServiceError> {
        self.0
            .insert(BASKET_KEY, basket)
            .await
            .map_err(|e| ServiceError::Internal(format!("session write failed: {e}")))
    }
}

/// Puts the shopper handle into the request so server functions and page
/// renders find it in the request parts they are given.
pub async fn attach_shopper(mut request: Request, next: Next) -> Response {
    if let Some(session) = request.extensions().get::<Session>().cloned() {
        request
            .extensions_mut()
            .insert(Shopper(Arc::new(TowerShopper(session))));
    }
    next.run(request).await
}
