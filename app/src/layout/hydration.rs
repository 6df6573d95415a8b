//! Loads the browser app once the page has finished loading.
//!
//! Every page is complete without the WASM (forms post to the server), so the
//! bundle must never compete with the HTML, the stylesheet or the pictures
//! that make up the first paint. Leptos's own `HydrationScripts` preloads the
//! bundle from `<head>`, which on a slow phone connection delays the largest
//! picture by seconds. Here nothing is requested until the `load` event, and
//! then only when the browser is idle. Admin pages, too, then fetch their
//! chunks while hydrating instead of preloading them from `<head>`.

use leptos::prelude::*;

/// Starts the app after `load`, when idle; `timeout` keeps a page that is
/// never idle from staying static. Instantiating the module and hydrating
/// the page run as two tasks, so a tap in between is answered at once.
const LOADER: &str = "(function (js, wasm) {
  const nextTask = () => new Promise(resolve => window.setTimeout(resolve, 0));
  const start = () => import(js)
    .then(mod => mod.default({ module_or_path: wasm }).then(nextTask).then(() => mod.hydrate()));
  const idle = () => ('requestIdleCallback' in window)
    ? window.requestIdleCallback(start, { timeout: 2000 })
    : window.setTimeout(start, 1);
  if (document.readyState === 'complete') idle();
  else window.addEventListener('load', idle, { once: true });
})";

#[component]
pub fn Hydration(options: LeptosOptions) -> impl IntoView {
    let pkg = format!("/{}", options.site_pkg_dir);
    let name = options.output_name.to_string();
    // cargo-leptos names the files after the output name; a plain
    // wasm-bindgen build adds `_bg` to the module.
    let wasm_name = if option_env!("LEPTOS_OUTPUT_NAME").is_some() {
        name.clone()
    } else {
        format!("{name}_bg")
    };
    let call = format!(
        "{LOADER}({:?}, {:?});",
        format!("{pkg}/{name}.js"),
        format!("{pkg}/{wasm_name}.wasm")
    );
    view! { <script type="module" nonce=use_nonce()>{call}</script> }
}
