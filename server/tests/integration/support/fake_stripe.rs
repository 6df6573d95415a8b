//! A small stand-in for Stripe's API on loopback: the endpoints the store
//! uses (create and read Checkout Sessions, create refunds), with Stripe's
//! authentication and idempotency-key behaviour, plus builders for the
//! webhook events Stripe would send, signed as Stripe signs them.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub const SECRET_KEY: &str = "sk_test_fake";
pub const WEBHOOK_SECRET: &str = "whsec_fake";

#[derive(Debug, Clone)]
pub struct FakeSession {
    pub id: String,
    pub form: HashMap<String, String>,
    pub payment_intent: Option<String>,
    pub refunded: i64,
}

impl FakeSession {
    pub fn amount(&self) -> i64 {
        self.form["line_items[0][price_data][unit_amount]"]
            .parse()
            .unwrap()
    }

    pub fn attempt(&self) -> &str {
        &self.form["metadata[attempt]"]
    }
}

#[derive(Default)]
struct Books {
    sessions: Vec<FakeSession>,
    /// Idempotency key → session id.
    keys: HashMap<String, String>,
    refunds: Vec<(String, i64)>,
    requests: u32,
}

#[derive(Clone)]
pub struct FakeStripe {
    pub base: String,
    books: Arc<Mutex<Books>>,
}

fn authorised(headers: &HeaderMap) -> bool {
    headers.get("authorization").and_then(|v| v.to_str().ok())
        == Some(&format!("Bearer {SECRET_KEY}"))
}

fn error(status: StatusCode, message: &str) -> (StatusCode, Json<Value>) {
    (status, Json(json!({"error": {"message": message}})))
}

async fn create_session(
    State(fake): State<FakeStripe>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> (StatusCode, Json<Value>) {
    if !authorised(&headers) {
        return error(StatusCode::UNAUTHORIZED, "Invalid API Key provided");
    }
    let Some(key) = headers.get("idempotency-key").and_then(|v| v.to_str().ok()) else {
        return error(
            StatusCode::BAD_REQUEST,
            "the store always sends an idempotency key",
        );
    };
    let mut books = fake.books.lock().unwrap();
    books.requests += 1;
    let id = match books.keys.get(key) {
        Some(id) => id.clone(),
        None => {
            let id = format!("cs_test_{}", books.sessions.len() + 1);
            books.sessions.push(FakeSession {
                id: id.clone(),
                form,
                payment_intent: None,
                refunded: 0,
            });
            books.keys.insert(key.to_owned(), id.clone());
            id
        }
    };
    let url = format!("{}/pay/{id}", fake.base);
    (
        StatusCode::OK,
        Json(json!({"id": id, "url": url, "payment_intent": null})),
    )
}

async fn read_session(
    State(fake): State<FakeStripe>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> (StatusCode, Json<Value>) {
    if !authorised(&headers) {
        return error(StatusCode::UNAUTHORIZED, "Invalid API Key provided");
    }
    match fake.session(&id) {
        Some(s) => (
            StatusCode::OK,
            Json(json!({"id": s.id, "payment_intent": s.payment_intent})),
        ),
        None => error(StatusCode::NOT_FOUND, "No such checkout session"),
    }
}

async fn create_refund(
    State(fake): State<FakeStripe>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> (StatusCode, Json<Value>) {
    if !authorised(&headers) {
        return error(StatusCode::UNAUTHORIZED, "Invalid API Key provided");
    }
    let intent = form.get("payment_intent").cloned().unwrap_or_default();
    let amount: i64 = form.get("amount").and_then(|a| a.parse().ok()).unwrap_or(0);
    let mut books = fake.books.lock().unwrap();
    books.requests += 1;
    let Some(session) = books
        .sessions
        .iter_mut()
        .find(|s| s.payment_intent.as_deref() == Some(intent.as_str()))
    else {
        return error(StatusCode::NOT_FOUND, "No such payment_intent");
    };
    // Stripe itself refuses to refund more than was charged.
    if amount <= 0 || session.refunded + amount > session.amount() {
        return error(
            StatusCode::BAD_REQUEST,
            "Refund amount is greater than unrefunded amount",
        );
    }
    session.refunded += amount;
    let id = format!("re_test_{}", books.refunds.len() + 1);
    books.refunds.push((id.clone(), amount));
    (
        StatusCode::OK,
        Json(json!({"id": id, "amount": amount, "payment_intent": intent, "status": "succeeded"})),
    )
}

impl FakeStripe {
    pub async fn start() -> FakeStripe {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let fake = FakeStripe {
            base: format!("http://{}", listener.local_addr().unwrap()),
            books: Arc::default(),
        };
        let app = Router::new()
            .route("/v1/checkout/sessions", post(create_session))
            .route("/v1/checkout/sessions/{id}", get(read_session))
            .route("/v1/refunds", post(create_refund))
            .with_state(fake.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        fake
    }

    pub fn session(&self, id: &str) -> Option<FakeSession> {
        let books = self.books.lock().unwrap();
        books.sessions.iter().find(|s| s.id == id).cloned()
    }

    /// The session a checkout URL of this fake leads to.
    pub fn session_at(&self, url: &str) -> FakeSession {
        let id = url.rsplit('/').next().unwrap();
        self.session(id).expect("a session of this fake")
    }

    pub fn refunds(&self) -> Vec<(String, i64)> {
        self.books.lock().unwrap().refunds.clone()
    }

    pub fn requests(&self) -> u32 {
        self.books.lock().unwrap().requests
    }

    /// The shopper paid: the session gets its payment intent, and this is
    /// the `checkout.session.completed` event Stripe sends.
    pub fn pay(&self, id: &str) -> Value {
        let mut books = self.books.lock().unwrap();
        let session = books.sessions.iter_mut().find(|s| s.id == id).unwrap();
        let intent = format!("pi_test_{}", &id["cs_test_".len()..]);
        session.payment_intent = Some(intent.clone());
        let session = session.clone();
        event(
            "checkout.session.completed",
            json!({
                "id": session.id, "object": "checkout.session", "payment_intent": intent,
                "amount_total": session.amount(),
                "currency": session.form["line_items[0][price_data][currency]"],
                "payment_status": "paid",
                "client_reference_id": session.form["client_reference_id"],
                "metadata": {"attempt": session.attempt(), "order": session.form["metadata[order]"]},
            }),
        )
    }

    pub fn expired(&self, id: &str) -> Value {
        let session = self.session(id).unwrap();
        event(
            "checkout.session.expired",
            json!({
                "id": session.id, "object": "checkout.session", "payment_intent": null,
                "amount_total": session.amount(),
                "currency": session.form["line_items[0][price_data][currency]"],
                "payment_status": "unpaid", "metadata": {"attempt": session.attempt()},
            }),
        )
    }

    pub fn payment_failed(&self, id: &str) -> Value {
        let session = self.session(id).unwrap();
        event(
            "payment_intent.payment_failed",
            json!({
                "id": format!("pi_test_failed_{}", &id["cs_test_".len()..]),
                "object": "payment_intent", "amount": session.amount(),
                "currency": session.form["line_items[0][price_data][currency]"],
                "metadata": {"attempt": session.attempt()},
            }),
        )
    }

    /// `charge.refunded` listing every refund of the session's payment, as
    /// Stripe sends it after each refund. Charges carry no attempt: the
    /// store finds the payment by its intent.
    pub fn charge_refunded(&self, id: &str) -> Value {
        let session = self.session(id).unwrap();
        let refunds: Vec<Value> = self
            .refunds()
            .into_iter()
            .map(|(id, amount)| json!({"id": id, "amount": amount}))
            .collect();
        event(
            "charge.refunded",
            json!({
                "id": "ch_test_1", "object": "charge", "payment_intent": session.payment_intent,
                "amount_refunded": session.refunded,
                "currency": session.form["line_items[0][price_data][currency]"],
                "refunds": {"object": "list", "data": refunds},
            }),
        )
    }
}

fn event(kind: &str, object: Value) -> Value {
    json!({
        "id": format!("evt_{}", &server::orders::token()[..16]),
        "object": "event",
        "type": kind,
        "data": {"object": object},
    })
}
