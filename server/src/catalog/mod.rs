//! Catalog persistence: browsing and search queries, the setup-file writer
//! and the CSV import built on it.

mod csv_rows;
mod import;
pub(crate) mod queries;
mod search_sql;
pub mod setup;
mod slug;

pub use csv_rows::{CatalogRow, CsvError, parse_catalog_csv};
pub use import::{ImportReport, catalog_is_empty, import_catalog};
pub use queries::CatalogStore;
pub use slug::slugify;

/// Bumped after every catalog write, so this process's cached listing
/// counts are not reused across a change.
static GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

pub(crate) fn catalog_changed() {
    GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
}

pub(crate) fn catalog_generation() -> u64 {
    GENERATION.load(std::sync::atomic::Ordering::Relaxed)
}
