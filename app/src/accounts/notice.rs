use super::api::take_notice;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// A one-off message from the previous request ("Welcome back."), shown
/// on the next page.
#[component]
pub fn Notice() -> impl IntoView {
    let path = use_location().pathname;
    let notice = Resource::new(move || path.get(), |_| take_notice());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                notice.await.ok().flatten().map(|text| view! {
                    <p role="status" class="notice notice--ok">{text}</p>
                })
            })}
        </Transition>
    }
}
