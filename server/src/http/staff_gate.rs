//! A second lock on the admin's server functions: requests to
//! `/api/admin/…` from anyone who is not staff are refused before their
//! arguments are even read. Each function still checks the permission it
//! needs (`app::admin::guard`); this layer makes a forgotten check fail
//! closed.

use app::error::AppError;
use app::services::{Services, Shopper};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub const ADMIN_API: &str = "/api/admin/";

async fn is_staff(services: &Services, shopper: Option<&Shopper>) -> bool {
    let Some(shopper) = shopper else {
        return false;
    };
    let Ok(Some(user)) = shopper.0.user_id().await else {
        return false;
    };
    matches!(services.accounts.user(user).await, Ok(Some(view)) if view.role.is_some())
}

pub async fn staff_gate(
    State(services): State<Services>,
    request: Request,
    next: Next,
) -> Response {
    if !request.uri().path().starts_with(ADMIN_API) {
        return next.run(request).await;
    }
    if is_staff(&services, request.extensions().get::<Shopper>()).await {
        return next.run(request).await;
    }
    let refusal = AppError::Forbidden("You are not allowed to do this.".into());
    (StatusCode::FORBIDDEN, axum::Json(refusal)).into_response()
}
