//! Categories (a tree) and catalogs in the admin.

pub mod api;
mod page;
pub mod types;

pub use page::CategoriesPage;
