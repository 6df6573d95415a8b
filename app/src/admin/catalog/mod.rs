//! Products in the admin: the list, the editor, pictures.

pub mod api;
mod edit_page;
mod images_panel;
mod list_page;
pub mod rules;
pub mod types;
mod variant_removal;

pub use edit_page::ProductEditPage;
pub use list_page::ProductListPage;
