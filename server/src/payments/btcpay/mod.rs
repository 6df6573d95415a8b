//! Bitcoin through a self-hosted BTCPay Server (Greenfield API). The store
//! creates an invoice and sends the shopper to its checkout page; the
//! order page shows the invoice's BIP21 URI as a QR code while the payment
//! is pending. Webhooks are verified (`BTCPay-Sig: sha256=…` over the raw
//! body) and then the invoice is fetched from BTCPay, so amounts and the
//! attempt come from the server, never from the delivery alone.

mod greenfield;

use super::http::{json, send};
use super::provider::{
    Capabilities, Exchange, Notification, PaymentProvider, ProviderError, StartRequest, Started,
};
use super::signature::verify_body;
use app::domain::payment::PaymentEventKind;
use app::domain::{Currency, Money};
use async_trait::async_trait;
use axum::http::HeaderMap;
use greenfield::{
    CheckoutOptions, Invoice, InvoiceMetadata, NewInvoice, PaymentMethod, PullPayment,
    RefundRequest, WebhookEvent,
};

pub const CODE: &str = "btcpay";
pub const SIGNATURE_HEADER: &str = "btcpay-sig";

#[derive(Debug, Clone)]
pub struct BtcPaySettings {
    pub url: String,
    pub api_key: String,
    pub store_id: String,
    pub webhook_secret: String,
}

#[derive(Clone)]
pub struct BtcPay {
    client: reqwest::Client,
    settings: BtcPaySettings,
}

/// The store's event for a Greenfield webhook type; `None` for the types
/// the store does not act on.
fn kind_of(webhook: &str) -> Option<PaymentEventKind> {
    Some(match webhook {
        "InvoiceSettled" => PaymentEventKind::Captured,
        "InvoiceProcessing" => PaymentEventKind::Pending,
        "InvoiceExpired" => PaymentEventKind::Cancelled,
        "InvoiceInvalid" => PaymentEventKind::Failed,
        _ => return None,
    })
}

fn minor_units(invoice: &Invoice) -> Result<(i64, String), ProviderError> {
    let unreadable = |e: String| ProviderError::Unreadable(format!("invoice amount: {e}"));
    let currency = Currency::parse(&invoice.currency).map_err(|e| unreadable(e.to_string()))?;
    let minor = Money::parse(&invoice.amount_text(), currency)
        .and_then(|m| m.to_minor())
        .map_err(|e| unreadable(e.to_string()))?;
    Ok((minor, currency.code().to_owned()))
}

/// Minor units as the decimal string Greenfield takes ("12.50").
fn decimal(amount_minor: i64, currency: &str) -> Result<String, ProviderError> {
    let currency = Currency::parse(currency).map_err(|e| ProviderError::Refused(e.to_string()))?;
    Ok(Money::from_minor(amount_minor, currency)
        .amount()
        .to_string())
}

impl BtcPay {
    pub fn new(settings: BtcPaySettings) -> Self {
        let mut settings = settings;
        settings.url = settings.url.trim_end_matches('/').to_owned();
        BtcPay {
            client: super::http::client(),
            settings,
        }
    }

    fn invoices(&self) -> String {
        format!(
            "{}/api/v1/stores/{}/invoices",
            self.settings.url, self.settings.store_id
        )
    }

    /// A Greenfield call, authenticated with the API key.
    async fn call<T: serde::de::DeserializeOwned>(
        &self,
        request: reqwest::RequestBuilder,
        logged_body: String,
        exchanges: &mut Vec<Exchange>,
    ) -> Result<T, ProviderError> {
        let request = request.header("Authorization", format!("token {}", self.settings.api_key));
        json(&send(request, logged_body, exchanges).await?)
    }

    /// GET below the store's invoices (`path` follows `/invoices`).
    async fn get<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        exchanges: &mut Vec<Exchange>,
    ) -> Result<T, ProviderError> {
        let request = self.client.get(format!("{}{path}", self.invoices()));
        self.call(request, String::new(), exchanges).await
    }

    /// POST of a JSON body below the store's invoices.
    async fn post<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        body: &impl serde::Serialize,
        exchanges: &mut Vec<Exchange>,
    ) -> Result<T, ProviderError> {
        let body =
            serde_json::to_string(body).map_err(|e| ProviderError::Refused(e.to_string()))?;
        let request = self
            .client
            .post(format!("{}{path}", self.invoices()))
            .header("content-type", "application/json")
            .body(body.clone());
        self.call(request, body, exchanges).await
    }

    async fn invoice(
        &self,
        id: &str,
        exchanges: &mut Vec<Exchange>,
    ) -> Result<Invoice, ProviderError> {
        self.get(&format!("/{id}"), exchanges).await
    }

    /// The BIP21 URI a wallet opens to pay the invoice on chain.
    async fn bitcoin_uri(&self, id: &str, exchanges: &mut Vec<Exchange>) -> Option<String> {
        let methods: Vec<PaymentMethod> =
            match self.get(&format!("/{id}/payment-methods"), exchanges).await {
                Ok(methods) => methods,
                Err(error) => {
                    tracing::warn!(%error, "BTCPay's payment methods could not be read");
                    return None;
                }
            };
        methods
            .into_iter()
            .filter_map(|m| m.payment_link)
            .find(|link| link.to_ascii_lowercase().starts_with("bitcoin:"))
    }
}

#[async_trait]
impl PaymentProvider for BtcPay {
    fn code(&self) -> &'static str {
        CODE
    }

    fn name(&self) -> &str {
        "Bitcoin (BTCPay Server)"
    }

    fn description(&self) -> &str {
        "Pay with bitcoin from any wallet; the order page shows the QR code until the \
         payment is confirmed."
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities::HOSTED_WITH_REFUNDS
    }

    async fn start(
        &self,
        request: &StartRequest,
        exchanges: &mut Vec<Exchange>,
    ) -> Result<Started, ProviderError> {
        let invoice = NewInvoice {
            amount: decimal(request.amount_minor, &request.currency)?,
            currency: request.currency.clone(),
            metadata: InvoiceMetadata {
                order_id: Some(request.order_number.clone()),
                attempt: Some(request.attempt.clone()),
            },
            checkout: CheckoutOptions {
                redirect_url: request.return_url.clone(),
                redirect_automatically: true,
            },
        };
        let created: Invoice = self.post("", &invoice, exchanges).await?;
        let pay_uri = self.bitcoin_uri(&created.id, exchanges).await;
        Ok(Started::Redirect {
            url: created.checkout_link,
            reference: Some(created.id),
            pay_uri,
        })
    }

    async fn parse_notification(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        _now: i64,
        exchanges: &mut Vec<Exchange>,
    ) -> Result<Vec<Notification>, ProviderError> {
        let header = headers
            .get(SIGNATURE_HEADER)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        verify_body(header, self.settings.webhook_secret.as_bytes(), body)?;
        let event: WebhookEvent = json(&String::from_utf8_lossy(body))?;
        let (Some(kind), Some(invoice_id)) = (kind_of(&event.kind), event.invoice_id) else {
            return Ok(Vec::new());
        };
        let invoice = match self.invoice(&invoice_id, exchanges).await {
            Ok(invoice) => invoice,
            // Not an invoice of this BTCPay store: nothing to apply.
            Err(ProviderError::Refused(_)) => return Ok(Vec::new()),
            Err(other) => return Err(other),
        };
        // A settlement counts only if BTCPay says so when asked.
        let kind = if kind == PaymentEventKind::Captured && invoice.status != "Settled" {
            PaymentEventKind::Pending
        } else {
            kind
        };
        let (amount_minor, currency) = minor_units(&invoice)?;
        Ok(vec![Notification {
            attempt: invoice.metadata.attempt,
            payment: None,
            reference: invoice.id,
            kind,
            amount_minor,
            currency,
        }])
    }

    /// BTCPay refunds by creating a pull payment the customer claims with
    /// their own address; its id names the refund.
    async fn refund(
        &self,
        reference: &str,
        amount_minor: i64,
        currency: &str,
        exchanges: &mut Vec<Exchange>,
    ) -> Result<String, ProviderError> {
        let request = RefundRequest {
            refund_variant: "Custom",
            custom_amount: decimal(amount_minor, currency)?,
            custom_currency: currency.to_owned(),
            payment_method: "BTC",
        };
        let pull: PullPayment = self
            .post(&format!("/{reference}/refund"), &request, exchanges)
            .await?;
        Ok(pull.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webhook_types_map_to_the_stores_events() {
        assert_eq!(kind_of("InvoiceSettled"), Some(PaymentEventKind::Captured));
        assert_eq!(
            kind_of("InvoiceProcessing"),
            Some(PaymentEventKind::Pending)
        );
        assert_eq!(kind_of("InvoiceExpired"), Some(PaymentEventKind::Cancelled));
        assert_eq!(kind_of("InvoiceInvalid"), Some(PaymentEventKind::Failed));
        assert_eq!(kind_of("InvoiceCreated"), None);
    }

    #[test]
    fn invoice_amounts_are_read_as_strings_or_numbers() {
        for amount in [serde_json::json!("12.50"), serde_json::json!(12.5)] {
            let invoice: Invoice = serde_json::from_value(serde_json::json!({
                "id": "inv", "amount": amount, "currency": "EUR", "status": "Settled"
            }))
            .unwrap();
            assert_eq!(minor_units(&invoice).unwrap(), (1250, "EUR".to_owned()));
        }
    }
}
