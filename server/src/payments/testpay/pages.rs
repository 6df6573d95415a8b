//! testpay's own pages: the payment page and the shopper's choice. They
//! belong to the "processor", not to the storefront, so they are plain
//! HTML rather than Leptos views.

use super::provider::reference_of;
use super::{PaymentTerms, ReturnTicket, Testpay, TestpayEvent};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;

pub fn routes<S>(testpay: Testpay) -> Router<S> {
    Router::new()
        .route("/testpay/pay", get(page).post(choose))
        .with_state(testpay)
}

use crate::html::escape;

fn refused() -> Response {
    (
        StatusCode::BAD_REQUEST,
        Html("<!doctype html><title>testpay</title><p>This payment link is not valid.</p>"),
    )
        .into_response()
}

async fn page(State(testpay): State<Testpay>, Query(terms): Query<PaymentTerms>) -> Response {
    if !terms.verify(&testpay.secret) || terms.amount <= 0 {
        return refused();
    }
    let hidden = [
        ("attempt", terms.attempt.clone()),
        ("order", terms.order.clone()),
        ("amount", terms.amount.to_string()),
        ("currency", terms.currency.clone()),
        ("return_url", terms.return_url.clone()),
        ("notify_url", terms.notify_url.clone()),
        ("sig", terms.sig.clone()),
    ]
    .iter()
    .map(|(name, value)| {
        format!(
            r#"<input type="hidden" name="{name}" value="{}">"#,
            escape(value)
        )
    })
    .collect::<String>();
    let amount = format!(
        "{}.{:02} {}",
        terms.amount / 100,
        terms.amount % 100,
        escape(&terms.currency)
    );
    let policy = format!(
        "default-src 'none'; style-src '{}'; frame-ancestors 'none'; base-uri 'none'",
        style_hash()
    );
    let page = Html(format!(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>testpay · Pay {amount}</title>
<style>{STYLE}</style></head>
<body><main>
<h1>testpay</h1>
<p>Order {order}: <strong>{amount}</strong></p>
<p>This is a test processor. No real money moves.</p>
<form method="post" action="/testpay/pay">{hidden}
<button type="submit" name="choice" value="pay">Pay</button>
<button type="submit" name="choice" value="decline">Decline</button>
<button type="submit" name="choice" value="pay_late">Pay, notify late</button>
</form></main></body></html>"#,
        order = escape(&terms.order),
    ));
    (
        [(axum::http::header::CONTENT_SECURITY_POLICY, policy)],
        page,
    )
        .into_response()
}

/// The page's only style, allowed by its hash: the page runs no scripts.
const STYLE: &str = "body{font:16px system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}\n\
     button{display:block;width:100%;margin:.5rem 0;padding:.75rem;font-size:1rem}";

fn style_hash() -> String {
    use base64::Engine;
    use sha2::Digest;
    let digest = sha2::Sha256::digest(STYLE.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The button pressed; the rest of the form is the signed terms.
#[derive(serde::Deserialize)]
struct Choice {
    choice: String,
}

async fn choose(State(testpay): State<Testpay>, form: Bytes) -> Response {
    let (Ok(terms), Ok(Choice { choice })) = (
        serde_urlencoded::from_bytes::<PaymentTerms>(&form),
        serde_urlencoded::from_bytes::<Choice>(&form),
    ) else {
        return refused();
    };
    if !terms.verify(&testpay.secret) || terms.amount <= 0 {
        return refused();
    }
    let (kind, late) = match choice.as_str() {
        "pay" => ("captured", false),
        "decline" => ("failed", false),
        "pay_late" => ("captured", true),
        _ => return refused(),
    };
    let reference = reference_of(&testpay.secret, &terms.attempt);
    let event = TestpayEvent {
        id: format!("evt_{}", crate::orders::token()),
        kind: kind.to_owned(),
        attempt: terms.attempt.clone(),
        reference,
        amount: terms.amount,
        currency: terms.currency.clone(),
    };
    testpay.deliver(terms.notify_url.clone(), event.clone(), late);
    // Paid late: the shopper comes back before testpay says so; the
    // return only says the payment is being processed.
    let told = if late {
        TestpayEvent {
            kind: "pending".into(),
            ..event
        }
    } else {
        event
    };
    let ticket = ReturnTicket::new(&testpay.secret, &terms.attempt, &told);
    let query = serde_urlencoded::to_string(&ticket).unwrap_or_default();
    let separator = if terms.return_url.contains('?') {
        '&'
    } else {
        '?'
    };
    Redirect::to(&format!("{}{separator}{query}", terms.return_url)).into_response()
}
