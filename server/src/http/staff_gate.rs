//! A second lock on the admin: requests to `/api/admin/…` from anyone who
//! is not staff are refused before their arguments are even read, and
//! admin pages send anonymous visitors to sign in and customers away. Each function still checks the permission it
//! needs (`app::admin::guard`); this layer makes a forgotten check fail
//! closed.

use app::domain::staff::Permission;
use app::error::AppError;
use app::services::{Services, Shopper};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub const ADMIN_API: &str = "/api/admin/";

pub const ADMIN_PAGES: &str = "/admin";

/// Who is asking: nobody signed in, a customer, or staff.
enum Caller {
    Anonymous,
    Customer,
    Staff(i64, app::domain::staff::StaffRole),
}

async fn caller(services: &Services, shopper: Option<&Shopper>) -> Caller {
    let Some(shopper) = shopper else {
        return Caller::Anonymous;
    };
    let Ok(Some(user)) = shopper.0.user_id().await else {
        return Caller::Anonymous;
    };
    match services.accounts.user(user).await {
        Ok(Some(view)) => match view.role {
            Some(role) => Caller::Staff(user, role),
            None => Caller::Customer,
        },
        _ => Caller::Customer,
    }
}

/// The signed-in user, if their staff role allows `permission`. For
/// handlers outside the server functions (uploads).
pub async fn staff_allowed(
    services: &Services,
    shopper: Option<&Shopper>,
    permission: Permission,
) -> Option<i64> {
    match caller(services, shopper).await {
        Caller::Staff(user, role) if role.allows(permission) => Some(user),
        _ => None,
    }
}

fn is_admin_page(path: &str) -> bool {
    path == ADMIN_PAGES || path.starts_with("/admin/")
}

/// The page for signed-in customers who open an admin address.
fn not_staff_page() -> Response {
    crate::html::page(
        StatusCode::FORBIDDEN,
        "Not allowed",
        "This part of the store is for its staff.",
        "<p><a href=\"/\">Back to the shop</a></p>",
    )
}

pub async fn staff_gate(
    State(services): State<Services>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let api = path.starts_with(ADMIN_API);
    if !api && !is_admin_page(path) {
        return next.run(request).await;
    }
    let who = caller(&services, request.extensions().get::<Shopper>()).await;
    match (who, api) {
        (Caller::Staff(..), _) => next.run(request).await,
        (Caller::Anonymous, false) => {
            let target = request
                .uri()
                .path_and_query()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_else(|| ADMIN_PAGES.to_owned());
            let next: String = serde_urlencoded::to_string([("next", target)]).unwrap_or_default();
            axum::response::Redirect::to(&format!("/account/sign-in?{next}")).into_response()
        }
        (Caller::Customer, false) => not_staff_page(),
        (_, true) => {
            let refusal = AppError::Forbidden("You are not allowed to do this.".into());
            (StatusCode::FORBIDDEN, axum::Json(refusal)).into_response()
        }
    }
}
