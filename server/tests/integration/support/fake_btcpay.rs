//! A small stand-in for BTCPay Server's Greenfield API on loopback:
//! invoices (create, read, payment methods, refund) with its token
//! authentication, and webhook deliveries signed as BTCPay signs them.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};

pub const API_KEY: &str = "btcpay-fake-key";
pub const STORE_ID: &str = "FakeStore1";
pub const WEBHOOK_SECRET: &str = "btcpay-fake-webhook-secret";

#[derive(Debug, Clone)]
pub struct FakeInvoice {
    pub id: String,
    pub request: Value,
    pub status: String,
}

#[derive(Default)]
struct Books {
    invoices: Vec<FakeInvoice>,
    refunds: Vec<Value>,
}

#[derive(Clone)]
pub struct FakeBtcPay {
    pub base: String,
    books: Arc<Mutex<Books>>,
}

type Reply = (StatusCode, Json<Value>);

fn refused(status: StatusCode) -> Reply {
    (
        status,
        Json(json!({"code": "refused", "message": status.to_string()})),
    )
}

fn checks(headers: &HeaderMap, store: &str) -> Option<Reply> {
    let token = headers.get("authorization").and_then(|v| v.to_str().ok());
    if token != Some(&format!("token {API_KEY}")) {
        return Some(refused(StatusCode::UNAUTHORIZED));
    }
    (store != STORE_ID).then(|| refused(StatusCode::NOT_FOUND))
}

impl FakeInvoice {
    fn json(&self, base: &str) -> Value {
        json!({
            "id": self.id,
            "checkoutLink": format!("{base}/i/{}", self.id),
            "amount": self.request["amount"],
            "currency": self.request["currency"],
            "status": self.status,
            "metadata": self.request["metadata"],
        })
    }

    pub fn attempt(&self) -> String {
        self.request["metadata"]["attempt"]
            .as_str()
            .unwrap()
            .to_owned()
    }
}

async fn create(
    State(fake): State<FakeBtcPay>,
    Path(store): Path<String>,
    headers: HeaderMap,
    Json(request): Json<Value>,
) -> Reply {
    if let Some(refusal) = checks(&headers, &store) {
        return refusal;
    }
    let mut books = fake.books.lock().unwrap();
    let invoice = FakeInvoice {
        id: format!("Inv{}", books.invoices.len() + 1),
        request,
        status: "New".into(),
    };
    let reply = invoice.json(&fake.base);
    books.invoices.push(invoice);
    (StatusCode::OK, Json(reply))
}

async fn read(
    State(fake): State<FakeBtcPay>,
    Path((store, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Reply {
    if let Some(refusal) = checks(&headers, &store) {
        return refusal;
    }
    match fake.invoice(&id) {
        Some(invoice) => (StatusCode::OK, Json(invoice.json(&fake.base))),
        None => refused(StatusCode::NOT_FOUND),
    }
}

async fn payment_methods(
    State(fake): State<FakeBtcPay>,
    Path((store, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Reply {
    if let Some(refusal) = checks(&headers, &store) {
        return refusal;
    }
    if fake.invoice(&id).is_none() {
        return refused(StatusCode::NOT_FOUND);
    }
    (
        StatusCode::OK,
        Json(json!([{
            "paymentMethodId": "BTC-CHAIN",
            "destination": "bcrt1qfakeaddress0000000000000000000000",
            "paymentLink": FakeBtcPay::bip21(),
            "amount": "0.00012345",
        }])),
    )
}

async fn refund(
    State(fake): State<FakeBtcPay>,
    Path((store, id)): Path<(String, String)>,
    headers: HeaderMap,
    Json(request): Json<Value>,
) -> Reply {
    if let Some(refusal) = checks(&headers, &store) {
        return refusal;
    }
    if fake.invoice(&id).is_none_or(|i| i.status != "Settled") {
        return refused(StatusCode::BAD_REQUEST);
    }
    let mut books = fake.books.lock().unwrap();
    books.refunds.push(request);
    let pull = format!("PullPayment{}", books.refunds.len());
    (
        StatusCode::OK,
        Json(json!({"id": pull, "viewLink": format!("{}/pull-payments/{pull}", fake.base)})),
    )
}

impl FakeBtcPay {
    pub async fn start() -> FakeBtcPay {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let fake = FakeBtcPay {
            base: format!("http://{}", listener.local_addr().unwrap()),
            books: Arc::default(),
        };
        let app = Router::new()
            .route("/api/v1/stores/{store}/invoices", post(create))
            .route("/api/v1/stores/{store}/invoices/{id}", get(read))
            .route(
                "/api/v1/stores/{store}/invoices/{id}/payment-methods",
                get(payment_methods),
            )
            .route("/api/v1/stores/{store}/invoices/{id}/refund", post(refund))
            .with_state(fake.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        fake
    }

    pub fn bip21() -> &'static str {
        "bitcoin:bcrt1qfakeaddress0000000000000000000000?amount=0.00012345"
    }

    pub fn invoice(&self, id: &str) -> Option<FakeInvoice> {
        let books = self.books.lock().unwrap();
        books.invoices.iter().find(|i| i.id == id).cloned()
    }

    /// The invoice a checkout link of this fake leads to.
    pub fn invoice_at(&self, url: &str) -> FakeInvoice {
        self.invoice(url.rsplit('/').next().unwrap())
            .expect("an invoice of this fake")
    }

    pub fn refunds(&self) -> Vec<Value> {
        self.books.lock().unwrap().refunds.clone()
    }

    /// Moves the invoice to `status` and returns the webhook BTCPay sends.
    pub fn event(&self, id: &str, kind: &str, status: &str) -> Value {
        let mut books = self.books.lock().unwrap();
        let invoice = books.invoices.iter_mut().find(|i| i.id == id).unwrap();
        invoice.status = status.to_owned();
        json!({
            "deliveryId": format!("Dlv{}", &server::orders::token()[..10]),
            "webhookId": "Wh1",
            "originalDeliveryId": null,
            "isRedelivery": false,
            "type": kind,
            "timestamp": server::basket::now(),
            "storeId": STORE_ID,
            "invoiceId": id,
            "metadata": invoice.request["metadata"],
        })
    }
}
