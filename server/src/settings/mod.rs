//! The store's settings: what the running store reads (`live`) and the
//! admin's editing of them, of tax rates and of shipping methods.

mod admin;
pub mod live;
mod providers;

pub use admin::AdminSettings;
pub use live::{Current, LiveSettings};
