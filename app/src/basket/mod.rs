//! The shopper's basket: adding, changing and removing lines.

mod add_form;
pub mod api;
mod basket_page;
mod count;
mod feedback;
mod line_row;
mod state;
pub mod types;

pub use add_form::AddToBasketForm;
pub use basket_page::BasketPage;
pub use count::link_text;
pub use state::BasketState;
