//! The browser entry point: hydrates the server-rendered storefront. Pages
//! of the admin are split into chunks, so on those hydration waits for the
//! current page's chunk.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(app::App);
}
