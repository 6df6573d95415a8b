//! Loads the browser code once the page has finished loading, and wakes
//! the page's islands: the parts that respond in place (the buy box,
//! search, the basket, the checkout form, the admin's print button). Everything else is
//! plain server-rendered HTML and ships no code at all.
//!
//! Every page is complete without the WASM (forms post to the server), so the
//! bundle must never compete with the HTML, the stylesheet or the pictures
//! that make up the first paint. Leptos's own island script preloads nothing
//! but starts at once; here nothing is requested until the `load` event, and
//! then only when the browser is idle.

use leptos::prelude::*;

/// Starts the app after `load`, when idle; `timeout` keeps a page that is
/// never idle from staying static. Each island hydrates in a task of its
/// own, so a tap in between is answered at once. Islands are never nested
/// here, so document order is the order to wake them in; a page without
/// islands downloads nothing. `data-hydrated`
/// marks the moment the page is fully interactive (tests and styles use it).
const LOADER: &str = "(function (js, wasm) {
  const nextTask = () => new Promise(resolve => window.setTimeout(resolve, 0));
  const wake = async mod => {
    for (const island of document.querySelectorAll('leptos-island')) {
      await nextTask();
      const start = mod[island.dataset.component];
      if (start) await start(island);
    }
    document.documentElement.setAttribute('data-hydrated', '');
  };
  const start = () => document.querySelector('leptos-island') === null
    ? document.documentElement.setAttribute('data-hydrated', '')
    : import(js)
    .then(mod => mod.default({ module_or_path: wasm }).then(nextTask).then(() => { mod.hydrate(); return wake(mod); }));
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
