//! Catalog persistence: browsing queries and the CSV import.

mod csv_rows;
mod import;
mod queries;
mod slug;

pub use csv_rows::{CatalogRow, CsvError, parse_catalog_csv};
pub use import::{ImportReport, catalog_is_empty, import_catalog};
pub use queries::{CatalogStore, money};
pub use slug::slugify;
