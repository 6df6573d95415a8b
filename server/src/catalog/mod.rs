//! Catalog persistence: browsing and search queries, the setup-file writer
//! and the CSV import built on it.

mod csv_rows;
mod import;
mod queries;
mod search_sql;
pub mod setup;
mod slug;

pub use csv_rows::{CatalogRow, CsvError, parse_catalog_csv};
pub use import::{ImportReport, catalog_is_empty, import_catalog};
pub use queries::{CatalogStore, money};
pub use slug::slugify;
