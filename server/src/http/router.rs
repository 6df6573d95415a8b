use super::health::healthz;
use super::origin::{check_origin, AllowedOrigins};
use crate::db::Db;
use crate::session::{attach_shopper, session_layer, SessionBackend};
use app::services::Services;
use app::{shell, App};
use axum::extract::{FromRef, Request};
use axum::http::{header, HeaderValue};
use axum::routing::{get, post};
use axum::{middleware, Router};
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{file_and_error_handler_with_context, generate_route_list, handle_server_fns_with_context, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub services: Services,
    pub db: Db,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

pub fn router(state: AppState, sessions: SessionBackend, secure_cookies: bool, allowed: AllowedOrigins) -> Router {
    let services = state.services.clone();
    let context = move || provide_context(services.clone());
    let server_fns = {
        let context = context.clone();
        move |request: Request| handle_server_fns_with_context(context.clone(), request)
    };
    let options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(healthz))
        .route("/api/{*fn_name}", post(server_fns.clone()).get(server_fns))
        .leptos_routes_with_context(&state, generate_route_list(App), context.clone(), move || {
            shell(options.clone())
        })
        .fallback(file_and_error_handler_with_context::<AppState, _>(context, shell))
        .layer(middleware::from_fn(attach_shopper))
        .layer(session_layer(sessions, secure_cookies))
        .layer(middleware::from_fn_with_state(allowed, check_origin))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
