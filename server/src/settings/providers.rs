//! The payment providers' configuration as the admin sees it: what is
//! set, with every secret masked.

use crate::payments::config::PaymentConfig;
use app::admin::settings::rules::mask_secret;

fn pair(name: &str, value: impl Into<String>) -> (String, String) {
    (name.to_owned(), value.into())
}

fn shown(value: &Option<String>) -> String {
    value.clone().unwrap_or_else(|| "not set".into())
}

/// The settings of the provider with `code`, in display order.
pub fn settings_of(config: &PaymentConfig, code: &str) -> Vec<(String, String)> {
    match code {
        "testpay" => vec![
            pair(
                "Signing secret",
                mask_secret(config.testpay_secret.as_deref()),
            ),
            pair(
                "Notification delay",
                format!("{} ms", config.testpay_delay_ms),
            ),
        ],
        crate::payments::bank_transfer::CODE => vec![
            pair("Account holder", config.bank_holder.clone()),
            pair("IBAN", config.bank_iban.clone()),
            pair("BIC", config.bank_bic.clone()),
        ],
        crate::payments::stripe::CODE => vec![
            pair("API", config.stripe_api_base.clone()),
            pair(
                "Secret key",
                mask_secret(config.stripe_secret_key.as_deref()),
            ),
            pair(
                "Webhook signing secret",
                mask_secret(config.stripe_webhook_secret.as_deref()),
            ),
        ],
        crate::payments::btcpay::CODE => vec![
            pair("Server", shown(&config.btcpay_url)),
            pair("Store id", shown(&config.btcpay_store_id)),
            pair("API key", mask_secret(config.btcpay_api_key.as_deref())),
            pair(
                "Webhook secret",
                mask_secret(config.btcpay_webhook_secret.as_deref()),
            ),
        ],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_secret_is_shown() {
        let mut config = PaymentConfig::for_tests();
        config.stripe_secret_key = Some("sk_test_51Habcdefghijklmnopqrstuv".into());
        config.stripe_webhook_secret = Some("whsec_abcdefghijklmnopqrstuvwx".into());
        config.btcpay_api_key = Some("btcpay-api-key-0123456789".into());
        config.btcpay_webhook_secret = Some("hook".into());
        let all: Vec<(String, String)> = ["testpay", "bank_transfer", "stripe", "btcpay"]
            .into_iter()
            .flat_map(|code| settings_of(&config, code))
            .collect();
        let text = format!("{all:?}");
        for secret in [
            "testpay-test-secret",
            "sk_test_51H",
            "whsec_abc",
            "btcpay-api-key",
            "\"hook\"",
        ] {
            assert!(!text.contains(secret), "{secret} leaked: {text}");
        }
        assert!(text.contains("DE89370400440532013000"), "{text}");
        assert!(text.contains("set (…stuv)"), "{text}");
    }
}
