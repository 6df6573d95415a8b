//! Registering, signing in and out, and the account page.

mod account_page;
pub mod api;
mod auth_forms;
mod notice;
mod state;
pub mod types;

pub use account_page::{AccountPage, SignInPrompt};
pub use auth_forms::{RegisterPage, SignInPage};
pub use notice::Notice;
pub use state::UserState;
