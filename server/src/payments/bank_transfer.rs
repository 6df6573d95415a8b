//! Paying in advance by bank transfer. Nothing is sent to a processor: the
//! shopper sees the store's bank details with the order number as the
//! reference, the merchant records the amounts that arrive (see
//! `merchant.rs`), and refunds are made by hand and recorded.

use super::provider::{
    Capabilities, Exchange, Notification, PaymentProvider, ProviderError, StartRequest, Started,
};
use app::domain::Money;
use app::orders::types::PaymentInstructions;
use async_trait::async_trait;
use axum::http::HeaderMap;

pub const CODE: &str = "bank_transfer";

/// The account shoppers pay into.
#[derive(Debug, Clone)]
pub struct BankAccount {
    pub holder: String,
    pub iban: String,
    pub bic: String,
}

#[derive(Debug, Clone)]
pub struct BankTransfer {
    account: BankAccount,
}

impl BankTransfer {
    pub fn new(account: BankAccount) -> Self {
        BankTransfer { account }
    }

    /// The account to pay into, with the order number as reference.
    fn details(&self, order_number: &str, due: Money) -> PaymentInstructions {
        PaymentInstructions {
            intro: "Please transfer the amount due to our bank account, with your order \
                    number as the reference. We prepare your order as soon as it arrives."
                .into(),
            details: vec![
                ("Account holder".into(), self.account.holder.clone()),
                ("IBAN".into(), grouped(&self.account.iban)),
                ("BIC".into(), self.account.bic.clone()),
                ("Reference".into(), order_number.to_owned()),
                ("Amount due".into(), due.to_string()),
            ],
        }
    }
}

/// An IBAN in groups of four, as printed on statements.
fn grouped(iban: &str) -> String {
    let compact: Vec<char> = iban.chars().filter(|c| !c.is_whitespace()).collect();
    compact
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

#[async_trait]
impl PaymentProvider for BankTransfer {
    fn code(&self) -> &'static str {
        CODE
    }

    fn name(&self) -> &str {
        "Bank transfer (pay in advance)"
    }

    fn description(&self) -> &str {
        "You get our bank details with your order number as the reference. Your order is \
         prepared as soon as the payment arrives."
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            refunds: true,
            partial_refunds: true,
            hosted_page: false,
            immediate: false,
        }
    }

    async fn start(
        &self,
        request: &StartRequest,
        _exchanges: &mut Vec<Exchange>,
    ) -> Result<Started, ProviderError> {
        let currency = app::domain::Currency::parse(&request.currency)
            .map_err(|e| ProviderError::Refused(e.to_string()))?;
        let due = Money::from_minor(request.amount_minor, currency);
        Ok(Started::Instructions(
            self.details(&request.order_number, due),
        ))
    }

    async fn parse_notification(
        &self,
        _headers: &HeaderMap,
        _body: &[u8],
        _now: i64,
        _exchanges: &mut Vec<Exchange>,
    ) -> Result<Vec<Notification>, ProviderError> {
        Err(ProviderError::Unsupported("notifications"))
    }

    fn instructions(&self, order_number: &str, due: Money) -> Option<PaymentInstructions> {
        Some(self.details(order_number, due))
    }

    /// The merchant sends the money back themselves; this names the
    /// refund so it is recorded once.
    async fn refund(
        &self,
        reference: &str,
        amount_minor: i64,
        currency: &str,
        exchanges: &mut Vec<Exchange>,
    ) -> Result<String, ProviderError> {
        let refund = format!("{reference}-refund-{}", &crate::orders::token()[..16]);
        exchanges.push(Exchange {
            direction: "request",
            headers: String::new(),
            body: format!("manual refund of {amount_minor} {currency} recorded as {refund}"),
        });
        Ok(refund)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::Currency;

    fn bank() -> BankTransfer {
        BankTransfer::new(BankAccount {
            holder: "Ferrostore GmbH".into(),
            iban: "DE89370400440532013000".into(),
            bic: "COBADEFFXXX".into(),
        })
    }

    #[test]
    fn instructions_name_the_account_and_the_order_as_reference() {
        let due = Money::from_minor(12_345, Currency::EUR);
        let shown = bank()
            .instructions("2026-00042", due)
            .expect("instructions");
        let value = |label: &str| {
            shown
                .details
                .iter()
                .find(|(l, _)| l == label)
                .map(|(_, v)| v.clone())
        };
        assert_eq!(
            value("IBAN").as_deref(),
            Some("DE89 3704 0044 0532 0130 00")
        );
        assert_eq!(value("Reference").as_deref(), Some("2026-00042"));
        assert_eq!(value("Amount due"), Some(due.to_string()));
    }

    #[test]
    fn it_takes_no_notifications() {
        let refused = futures::executor::block_on(bank().parse_notification(
            &HeaderMap::new(),
            b"{}",
            0,
            &mut Vec::new(),
        ));
        assert!(matches!(refused, Err(ProviderError::Unsupported(_))));
    }
}
