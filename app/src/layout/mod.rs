//! The page frame: document shell, header, routes and error pages.

pub mod app;
mod error_notice;
mod header;
mod hydration;
mod language_switch;
pub mod locale_api;
mod not_found;
pub mod redirects;

pub use error_notice::ErrorNotice;
pub use not_found::NotFound;
