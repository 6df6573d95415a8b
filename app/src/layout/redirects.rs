//! Following a server function's redirect in the browser. Pages are
//! rendered on the server, so a redirect (to a placed order, a payment
//! processor's page, the basket) is a page load.

/// Installs the redirect hook; the first hook set wins.
pub fn install_redirect_hook() {
    #[cfg(feature = "hydrate")]
    let _ = leptos::server_fn::redirect::set_redirect_hook(|location: &str| {
        let _ = leptos::prelude::window().location().set_href(location);
    });
}
