//! Which payment providers are enabled, and their settings. Secrets are
//! read from the environment and never printed (`hide_env_values`).

#[derive(Clone, clap::Args)]
pub struct PaymentConfig {
    /// Offer testpay, the built-in test card processor.
    #[arg(long, env = "STORE_TESTPAY", default_value_t = true, action = clap::ArgAction::Set)]
    pub testpay: bool,

    /// The secret testpay signs with; a random one per start if unset.
    #[arg(long, env = "STORE_TESTPAY_SECRET", hide_env_values = true)]
    pub testpay_secret: Option<String>,

    /// testpay waits this long before notifying the store.
    #[arg(long, env = "STORE_TESTPAY_DELAY_MS", default_value_t = 200)]
    pub testpay_delay_ms: u64,

    /// …and this long after "Pay, notify late".
    #[arg(long, env = "STORE_TESTPAY_LATE_MS", default_value_t = 4000)]
    pub testpay_late_ms: u64,

    /// testpay sends each notification this many times.
    #[arg(long, env = "STORE_TESTPAY_COPIES", default_value_t = 1)]
    pub testpay_copies: u32,

    /// testpay also sends a stale "pending" after each outcome.
    #[arg(long, env = "STORE_TESTPAY_STALE_PENDING", default_value_t = false, action = clap::ArgAction::Set)]
    pub testpay_stale_pending: bool,

    /// Offer paying in advance by bank transfer.
    #[arg(long, env = "STORE_BANK_TRANSFER", default_value_t = true, action = clap::ArgAction::Set)]
    pub bank_transfer: bool,

    /// The account bank transfers go to.
    #[arg(
        long,
        env = "STORE_BANK_HOLDER",
        default_value = "Ferrostore Demo GmbH"
    )]
    pub bank_holder: String,
    #[arg(
        long,
        env = "STORE_BANK_IBAN",
        default_value = "DE89370400440532013000"
    )]
    pub bank_iban: String,
    #[arg(long, env = "STORE_BANK_BIC", default_value = "COBADEFFXXX")]
    pub bank_bic: String,

    /// Stripe's secret API key; Stripe Checkout is offered when it is set.
    #[arg(long, env = "STORE_STRIPE_SECRET_KEY", hide_env_values = true)]
    pub stripe_secret_key: Option<String>,

    /// The signing secret of the store's Stripe webhook endpoint.
    #[arg(long, env = "STORE_STRIPE_WEBHOOK_SECRET", hide_env_values = true)]
    pub stripe_webhook_secret: Option<String>,

    #[arg(
        long,
        env = "STORE_STRIPE_API_BASE",
        default_value = "https://api.stripe.com"
    )]
    pub stripe_api_base: String,

    /// The BTCPay Server, e.g. `https://btcpay.example.com`; bitcoin is
    /// offered when it, the API key and the store id are set.
    #[arg(long, env = "STORE_BTCPAY_URL")]
    pub btcpay_url: Option<String>,

    #[arg(long, env = "STORE_BTCPAY_API_KEY", hide_env_values = true)]
    pub btcpay_api_key: Option<String>,

    #[arg(long, env = "STORE_BTCPAY_STORE_ID")]
    pub btcpay_store_id: Option<String>,

    /// The secret of the store's BTCPay webhook.
    #[arg(long, env = "STORE_BTCPAY_WEBHOOK_SECRET", hide_env_values = true)]
    pub btcpay_webhook_secret: Option<String>,
}

/// Which providers are on, never their secrets.
impl std::fmt::Debug for PaymentConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PaymentConfig")
            .field("testpay", &self.testpay)
            .field("bank_transfer", &self.bank_transfer)
            .field("stripe", &self.stripe_secret_key.is_some())
            .field("stripe_api_base", &self.stripe_api_base)
            .field("btcpay", &self.btcpay_url)
            .finish_non_exhaustive()
    }
}

impl PaymentConfig {
    /// testpay with a known secret and short delays; the others off unless
    /// a test points them at its fake processor.
    pub fn for_tests() -> Self {
        PaymentConfig {
            testpay: true,
            testpay_secret: Some("testpay-test-secret".into()),
            testpay_delay_ms: 50,
            testpay_late_ms: 1000,
            testpay_copies: 1,
            testpay_stale_pending: false,
            bank_transfer: true,
            bank_holder: "Ferrostore Test GmbH".into(),
            bank_iban: "DE89370400440532013000".into(),
            bank_bic: "COBADEFFXXX".into(),
            stripe_secret_key: None,
            stripe_webhook_secret: None,
            stripe_api_base: "https://api.stripe.com".into(),
            btcpay_url: None,
            btcpay_api_key: None,
            btcpay_store_id: None,
            btcpay_webhook_secret: None,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn secrets_stay_out_of_debug_output() {
        let mut config = super::PaymentConfig::for_tests();
        config.stripe_secret_key = Some("sk_live_secret".into());
        config.stripe_webhook_secret = Some("whsec_secret".into());
        config.btcpay_api_key = Some("btcpay_key_secret".into());
        let shown = format!("{config:?}");
        for secret in [
            "sk_live_secret",
            "whsec_secret",
            "btcpay_key_secret",
            "testpay-test-secret",
        ] {
            assert!(!shown.contains(secret), "{shown}");
        }
    }
}
