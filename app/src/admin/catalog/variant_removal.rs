use super::api::DeleteVariant;
use super::types::VariantForm;
use crate::admin::shell::widgets::ActionError;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// A button per saved variant to delete it; the server refuses variants
/// that were ordered or are held in baskets, and a product's last one.
#[component]
pub fn VariantRemoval(
    variants: Vec<VariantForm>,
    remove: ServerAction<DeleteVariant>,
) -> impl IntoView {
    let buttons = variants
        .into_iter()
        .filter(|v| !v.id.is_empty())
        .map(|v| {
            let label = format!("Delete variant {}", v.sku);
            view! {
                <li>
                    <ActionForm action=remove attr:class="inline-form">
                        <input type="hidden" name="variant" value=v.id/>
                        <button type="submit" class="button button--danger">{label}</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="variant-removal-heading" class="admin-panel">
            <h2 id="variant-removal-heading">"Delete variants"</h2>
            <ActionError value=remove.value()/>
            <ul class="resend-list">{buttons}</ul>
        </section>
    }
}
