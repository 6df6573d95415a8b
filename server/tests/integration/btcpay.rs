//! Bitcoin through BTCPay Server, against a local stand-in of its
//! Greenfield API: the invoice the store creates, the QR code while the
//! payment is pending, signed webhooks checked against the invoice itself,
//! expiry and invalid payments, and refunds as pull payments.

use crate::support::fake_btcpay::{API_KEY, FakeBtcPay, STORE_ID, WEBHOOK_SECRET};
use crate::support::merchant::amount;
use crate::support::payments::{all_acknowledged, deliver_at_once, post_signed};
use crate::support::{Backend, TestStore};
use serde_json::Value;
use server::payments::signature::sign_hex;

async fn store_with_btcpay(backend: Backend) -> (TestStore, FakeBtcPay) {
    let fake = FakeBtcPay::start().await;
    let base = fake.base.clone();
    let store = TestStore::start_configured(backend, move |config| {
        config.payments.btcpay_url = Some(base.clone());
        config.payments.btcpay_api_key = Some(API_KEY.into());
        config.payments.btcpay_store_id = Some(STORE_ID.into());
        config.payments.btcpay_webhook_secret = Some(WEBHOOK_SECRET.into());
    })
    .await;
    (store, fake)
}

fn btcpay_sig(body: &[u8]) -> String {
    format!("sha256={}", sign_hex(WEBHOOK_SECRET.as_bytes(), &[body]))
}

/// Posts a BTCPay delivery, signed correctly unless `signature` is given.
async fn deliver(store: &TestStore, event: &Value, signature: Option<String>) -> u16 {
    let body = serde_json::to_vec(event).unwrap();
    let signature = signature.unwrap_or_else(|| btcpay_sig(&body));
    post_signed(
        store.url("/payments/btcpay/notify"),
        ("btcpay-sig", signature),
        body,
    )
    .await
}

async fn webhook(store: &TestStore, event: &Value) -> u16 {
    deliver(store, event, None).await
}

async fn bitcoin_invoice_pays_the_order_once(backend: Backend) {
    let (store, fake) = store_with_btcpay(backend).await;
    let order = store.order_paying_with("btcpay").await;
    let (number, token) = store.latest_order().await;
    let total = store.order_total(&number).await;
    let invoice = fake.invoice_at(&order.pay_url);
    assert_eq!(invoice.request["amount"], amount(total));
    assert_eq!(invoice.request["currency"], "USD");
    assert_eq!(invoice.request["metadata"]["orderId"], number);
    let redirect = invoice.request["checkout"]["redirectURL"].as_str().unwrap();
    assert!(redirect.contains(&format!("/payments/btcpay/return/{}", invoice.attempt())));

    // While pending, the order page offers the invoice to wallets.
    let page_url = format!("/orders/{token}");
    let (_, page) = store.page(&order.client, &page_url).await;
    assert!(
        page.contains("<svg") && page.contains("QR code for your wallet"),
        "{page}"
    );
    assert!(page.contains(&FakeBtcPay::bip21().replace('&', "&amp;")));
    assert!(page.contains("Payment processing"));

    // Unsigned, forged and malformed deliveries are refused.
    let settled = fake.event(&invoice.id, "InvoiceSettled", "Processing");
    assert_eq!(deliver(&store, &settled, Some(String::new())).await, 400);
    assert_eq!(deliver(&store, &settled, Some("sha256=".into())).await, 400);
    let forged = format!(
        "sha256={}",
        sign_hex(b"not the secret", &[&serde_json::to_vec(&settled).unwrap()])
    );
    assert_eq!(deliver(&store, &settled, Some(forged)).await, 400);
    // A settlement BTCPay does not confirm when asked is only pending.
    assert_eq!(webhook(&store, &settled).await, 200);
    assert_eq!(store.order_money(&number).await.0, "awaiting_payment");

    // Confirmed: ten deliveries at once pay the order once.
    let settled = fake.event(&invoice.id, "InvoiceSettled", "Settled");
    all_acknowledged(deliver_at_once(
        10,
        store.url("/payments/btcpay/notify"),
        "btcpay-sig",
        btcpay_sig,
        serde_json::to_vec(&settled).unwrap(),
    ))
    .await;
    assert_eq!(store.order_money(&number).await, ("paid".into(), total, 0));
    let (_, page) = store.page(&order.client, &page_url).await;
    assert!(!page.contains("QR code for your wallet"));

    // A refund is a pull payment for the amount, in the order's currency.
    let admin = store.staff(Some("admin")).await;
    let refund = store
        .admin_api(&admin, "refund", &[("number", &number), ("amount", "1.00")])
        .await;
    assert_eq!(refund.status, 200, "{:?}", refund.json);
    let refunds = fake.refunds();
    assert_eq!(refunds.len(), 1);
    assert_eq!(refunds[0]["customAmount"], "1.00");
    assert_eq!(refunds[0]["customCurrency"], "USD");
    assert_eq!(
        store.order_money(&number).await,
        ("partially_refunded".into(), total, 100)
    );
}

each_backend!(btcpay_full_flow, bitcoin_invoice_pays_the_order_once);

async fn expired_and_invalid_invoices_leave_the_order_payable(backend: Backend) {
    let (store, fake) = store_with_btcpay(backend).await;
    let order = store.order_paying_with("btcpay").await;
    let (number, token) = store.latest_order().await;
    let first = fake.invoice_at(&order.pay_url);
    assert_eq!(
        webhook(&store, &fake.event(&first.id, "InvoiceExpired", "Expired")).await,
        200
    );
    let (_, page) = store.page(&order.client, &format!("/orders/{token}")).await;
    assert!(
        page.contains("cancelled") && page.contains("Try again"),
        "{page}"
    );
    assert!(!page.contains("QR code for your wallet"));

    let again = store
        .api(&order.client, "orders/pay", &[("token", &token)])
        .await;
    assert_eq!(again.status, 200, "{:?}", again.json);
    let second = fake.invoice_at(again.json.as_str().unwrap());
    assert_ne!(second.id, first.id);
    assert_eq!(
        webhook(&store, &fake.event(&second.id, "InvoiceInvalid", "Invalid")).await,
        200
    );
    let (_, page) = store.page(&order.client, &format!("/orders/{token}")).await;
    assert!(
        page.contains("declined") && page.contains("Try again"),
        "{page}"
    );
    assert_eq!(
        store.order_money(&number).await,
        ("awaiting_payment".into(), 0, 0)
    );

    // Events the store does not act on, and invoices BTCPay does not know,
    // are acknowledged and ignored.
    let mut unknown = fake.event(&second.id, "InvoiceSettled", "Invalid");
    unknown["invoiceId"] = Value::from("NoSuchInvoice");
    assert_eq!(webhook(&store, &unknown).await, 200);
    let created = fake.event(&second.id, "InvoiceCreated", "Invalid");
    assert_eq!(webhook(&store, &created).await, 200);
    assert_eq!(store.order_money(&number).await.0, "awaiting_payment");
}

each_backend!(
    btcpay_failures,
    expired_and_invalid_invoices_leave_the_order_payable
);
