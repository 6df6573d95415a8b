//! The basket's item count in the page header. The header is plain
//! server-rendered HTML, so pages that cannot change the basket (listings,
//! orders, the admin) run no code at all; the buy box, the one island that
//! changes it in place, rewrites the link's text.

use leptos::prelude::*;

/// The header link's text for `count` items.
pub fn link_text(count: u32) -> String {
    format!("Basket ({count})")
}

/// Shows the count a basket change reported in the header.
fn set_count(count: u32) {
    #[cfg(feature = "hydrate")]
    if let Ok(Some(link)) = document().query_selector("a.basket-link") {
        link.set_text_content(Some(&link_text(count)));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = count;
}

/// Keeps the header in step with a basket action's outcome.
pub fn follow(
    outcome: impl Fn() -> Option<Result<super::types::BasketChange, crate::error::AppError>> + 'static,
) {
    Effect::new(move |_| {
        if let Some(Ok(change)) = outcome() {
            set_count(change.item_count);
        }
    });
}
