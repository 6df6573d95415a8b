use super::api::get_basket;
use super::types::BasketView;
use crate::error::AppError;
use leptos::prelude::*;

/// The basket as a page render sees it: read once, shared by the header's
/// count and the basket page. Pages render on the server; a change in the
/// browser goes through the islands, which keep their own copy.
#[derive(Clone, Copy)]
pub struct BasketState {
    pub resource: Resource<Result<BasketView, AppError>>,
}

impl BasketState {
    pub fn provide() {
        provide_context(BasketState {
            resource: Resource::new(|| (), |_| get_basket()),
        });
    }

    pub fn expect() -> Self {
        expect_context::<BasketState>()
    }
}
