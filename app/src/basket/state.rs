use super::api::get_basket;
use super::types::BasketView;
use crate::error::AppError;
use leptos::prelude::*;

/// The basket as the whole page sees it: one resource shared by the header
/// count and the basket page, refetched whenever a basket action completes.
#[derive(Clone, Copy)]
pub struct BasketState {
    revision: RwSignal<u64>,
    pub resource: Resource<Result<BasketView, AppError>>,
}

impl BasketState {
    pub fn provide() {
        let revision = RwSignal::new(0u64);
        let resource = Resource::new(move || revision.get(), |_| get_basket());
        provide_context(BasketState { revision, resource });
    }

    pub fn expect() -> Self {
        expect_context::<BasketState>()
    }

    /// Marks the basket as changed so every view of it refetches.
    pub fn changed(&self) {
        self.revision.update(|n| *n += 1);
    }

    /// Refetches the basket whenever the given action version moves.
    pub fn follow(&self, version: impl Fn() -> usize + 'static) {
        let this = *self;
        Effect::watch(version, move |_, _, _| this.changed(), false);
    }
}
