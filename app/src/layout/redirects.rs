//! Following a server function's redirect in the browser. Most lead to the
//! app's own pages, which the router shows without a reload. A few lead to
//! pages the server answers itself (a payment processor's page, testpay,
//! the return from a processor), which the router does not know: those the
//! browser must load.
//!
//! The router installs a hook that routes every same-site redirect; the
//! hook installed here first (the first one set wins) sends server pages to
//! the browser and hands everything else to the router's own behaviour.

/// Path prefixes served outside the app's router.
const SERVER_PAGES: &[&str] = &["/testpay/", "/payments/", "/download/"];

/// Whether `location` (a path, or an absolute URL on any site) names a page
/// the server renders itself, or another site.
pub fn needs_page_load(location: &str, own_origin: &str) -> bool {
    let path = if let Some(rest) = location.strip_prefix(own_origin) {
        rest
    } else if location.starts_with('/') && !location.starts_with("//") {
        location
    } else {
        // Another site (a processor's hosted page), or something odd.
        return true;
    };
    SERVER_PAGES.iter().any(|prefix| path.starts_with(prefix))
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use leptos_router::location::{BrowserUrl, LocationProvider};
    use std::cell::RefCell;

    thread_local! {
        static ROUTER: RefCell<Option<Owner>> = const { RefCell::new(None) };
    }

    pub fn install() {
        let _ = leptos::server_fn::redirect::set_redirect_hook(|location: &str| {
            let window = window();
            let origin = window.location().origin().unwrap_or_default();
            let router = ROUTER.with(|r| r.borrow().clone());
            match router {
                Some(owner) if !super::needs_page_load(location, &origin) => {
                    owner.with(|| BrowserUrl::redirect(location));
                }
                _ => {
                    let _ = window.location().set_href(location);
                }
            }
        });
    }

    pub fn remember_router() {
        ROUTER.with(|r| *r.borrow_mut() = Owner::current());
    }
}

/// Installs the redirect hook; call before the router is created.
pub fn install_redirect_hook() {
    #[cfg(feature = "hydrate")]
    browser::install();
}

/// Called inside the router: lets in-app redirects use it.
pub fn remember_router() {
    #[cfg(feature = "hydrate")]
    browser::remember_router();
}

#[cfg(test)]
mod tests {
    use super::needs_page_load;

    const SITE: &str = "http://127.0.0.1:3000";

    #[test]
    fn app_pages_stay_in_the_router() {
        for location in [
            "/basket",
            "/orders/abc?placed=1",
            "http://127.0.0.1:3000/account",
        ] {
            assert!(!needs_page_load(location, SITE), "{location}");
        }
    }

    #[test]
    fn server_pages_and_other_sites_are_loaded() {
        for location in [
            "/testpay/pay?attempt=1",
            "http://127.0.0.1:3000/testpay/pay?attempt=1",
            "/payments/stripe/return/abc",
            "https://checkout.stripe.com/c/pay/cs_test_1",
            "//evil.example/path",
        ] {
            assert!(needs_page_load(location, SITE), "{location}");
        }
    }
}
