//! The HTTP surface: pages, server functions, static files, health.

mod headers;
mod health;
mod media;
pub mod metrics;
mod origin;
mod page_cache;
mod render_retry;
mod router;
pub mod staff_gate;

pub use media::media_service;
pub use origin::AllowedOrigins;
pub use page_cache::PageCache;
pub use render_retry::RenderBudget;
pub use router::{AppState, router};
