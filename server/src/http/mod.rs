//! The HTTP surface: pages, server functions, static files, health.

mod health;
mod origin;
mod router;

pub use origin::AllowedOrigins;
pub use router::{AppState, router};
