//! Catalog persistence: browsing queries and the CSV import.

mod csv_rows;
mod import;
mod queries;
mod slug;

pub use csv_rows::{parse_catalog_csv, CatalogRow, CsvError};
pub use import::{catalog_is_empty, import_catalog, ImportReport};
pub use queries::{money, CatalogStore};
pub use slug::slugify;
