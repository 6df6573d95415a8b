//! The browser entry point. Pages are rendered on the server; only their
//! interactive parts (islands) run here. The loader in the page calls
//! `hydrate` once, then hands each island its element.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    app::layout::redirects::install_redirect_hook();
    leptos::mount::hydrate_islands();
}
