//! `setup-products`: products, variants, prices, stock, serial units,
//! images, translations, categories and catalogs from a TOML or JSON file.

mod images;
pub(crate) mod search_index;
pub mod spec;
pub(crate) mod writer;

pub use spec::{SetupFile, SpecError, parse};
pub use writer::{Assets, SetupReport, apply_setup};
