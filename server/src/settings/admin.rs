//! The admin's settings page: the store's settings, tax rates, shipping
//! methods and which payment providers checkout offers. Every change is
//! applied to this process at once and reaches other processes through
//! `LiveSettings::follow`.

use super::live::{LiveSettings, keys};
use super::providers::settings_of;
use crate::checkout::config::{METHOD_COLUMNS, MethodRow, parse_bands};
use crate::db::{Db, StoreError};
use crate::payments::PaymentStore;
use crate::payments::config::PaymentConfig;
use crate::vals;
use app::admin::services::AdminSettingsService;
use app::admin::settings::rules::{ValidMethod, ValidSettings, ValidTaxRate, format_bands};
use app::admin::settings::types::{
    ProviderView, SettingsOverview, ShippingMethodForm, StoreSettings, TaxRateRow,
};
use app::domain::shipping::ShippingRule;
use app::domain::{Currency, Money};
use app::services::ServiceError;
use async_trait::async_trait;

#[derive(Clone)]
pub struct AdminSettings {
    pub db: Db,
    pub live: LiveSettings,
    /// The currency this process started with.
    pub currency: Currency,
    pub payments: PaymentStore,
    pub payment_config: PaymentConfig,
}

/// A stored method as the admin form shows it.
fn method_form(row: MethodRow) -> ShippingMethodForm {
    {
        let currency = Currency::parse(&row.currency).unwrap_or(Currency::USD);
        let decimal = |minor: i64| Money::from_minor(minor, currency).amount().to_string();
        ShippingMethodForm {
            amount: decimal(row.amount_minor),
            threshold: row.threshold_minor.map(decimal).unwrap_or_default(),
            bands: row
                .bands
                .as_deref()
                .and_then(|b| parse_bands(b, currency))
                .map(|b| format_bands(&b))
                .unwrap_or_default(),
            countries: row.countries.unwrap_or_default(),
            position: row.position.to_string(),
            active: row.active.then(|| "on".to_owned()),
            code: row.code,
            name: row.name,
            kind: row.kind,
        }
    }
}

fn store(error: impl Into<StoreError>) -> ServiceError {
    ServiceError::from(error.into())
}

fn minor(money: &Money) -> Result<i64, ServiceError> {
    money
        .to_minor()
        .map_err(|e| ServiceError::Invalid(e.to_string()))
}

impl AdminSettings {
    async fn put(
        &self,
        pairs: &[(&str, String)],
        include_tax: Option<bool>,
    ) -> Result<(), ServiceError> {
        let mut tx = self.db.begin().await.map_err(store)?;
        for (key, value) in pairs {
            tx.execute(
                "INSERT INTO store_settings (key, value) VALUES ($1, $2) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                vals![*key, value.as_str()],
            )
            .await
            .map_err(store)?;
        }
        if let Some(included) = include_tax {
            tx.execute("UPDATE tax_rates SET included = $1", vals![included])
                .await
                .map_err(store)?;
        }
        tx.commit().await.map_err(store)?;
        self.applied().await
    }

    /// Makes a saved change count in this process now.
    async fn applied(&self) -> Result<(), ServiceError> {
        self.live.refresh(&self.db).await.map_err(store)?;
        self.live.touch();
        // Shown prices follow the settings (tax included or added).
        crate::catalog::catalog_changed();
        Ok(())
    }
}

#[async_trait]
impl AdminSettingsService for AdminSettings {
    async fn overview(&self) -> Result<SettingsOverview, ServiceError> {
        let current = self.live.get();
        let disabled = &current.payments_disabled;
        let providers = self
            .payments
            .configured()
            .into_iter()
            .map(|(code, name)| ProviderView {
                enabled: !disabled.iter().any(|d| d == code),
                settings: settings_of(&self.payment_config, code),
                code: code.to_owned(),
                name,
            })
            .collect();
        let rates: Vec<(String, String, String)> = self
            .db
            .rows(
                "SELECT country, tax_class, percent FROM tax_rates ORDER BY country, tax_class",
                vals![],
            )
            .await
            .map_err(store)?;
        let methods: Vec<MethodRow> = self
            .db
            .rows(
                &format!("SELECT {METHOD_COLUMNS} FROM shipping_methods ORDER BY position, code"),
                vals![],
            )
            .await
            .map_err(store)?;
        Ok(SettingsOverview {
            settings: StoreSettings {
                currency: current.currency.code().to_owned(),
                running_currency: self.currency.code().to_owned(),
                prices_include_tax: current.prices_include_tax,
                mail_from: current.mail_from.clone(),
                reservation_minutes: u32::try_from(current.reservation_seconds / 60)
                    .unwrap_or(u32::MAX),
                unpaid_order_hours: u32::try_from(current.unpaid_seconds / 3600)
                    .unwrap_or(u32::MAX),
            },
            providers,
            tax_rates: rates
                .into_iter()
                .map(|(country, tax_class, percent)| TaxRateRow {
                    country,
                    tax_class,
                    percent,
                })
                .collect(),
            methods: methods.into_iter().map(method_form).collect(),
        })
    }

    async fn save_settings(&self, settings: &ValidSettings) -> Result<(), ServiceError> {
        if settings
            .mail_from
            .parse::<lettre::message::Mailbox>()
            .is_err()
        {
            return Err(ServiceError::Invalid(
                "Email sender: give an address such as Shop <orders@example.com>.".into(),
            ));
        }
        let code = settings.currency.code();
        if settings.currency != self.live.get().currency {
            // A store in a currency its products have no price in would
            // sell nothing.
            let unpriced = self
                .db
                .scalar(
                    "SELECT COUNT(*) FROM variants v JOIN products p ON p.id = v.product_id \
                     WHERE p.active = TRUE AND NOT EXISTS (SELECT 1 FROM variant_prices vp \
                     WHERE vp.variant_id = v.id AND vp.currency = $1)",
                    vals![code],
                )
                .await
                .map_err(store)?;
            if unpriced > 0 {
                return Err(ServiceError::Conflict(format!(
                    "{unpriced} active variants have no price in {code}: give them one before switching."
                )));
            }
        }
        self.put(
            &[
                (keys::CURRENCY, code.to_owned()),
                (
                    keys::PRICES_INCLUDE_TAX,
                    settings.prices_include_tax.to_string(),
                ),
                (keys::MAIL_FROM, settings.mail_from.clone()),
                (
                    keys::RESERVATION_MINUTES,
                    settings.reservation_minutes.to_string(),
                ),
                (
                    keys::UNPAID_ORDER_HOURS,
                    settings.unpaid_order_hours.to_string(),
                ),
            ],
            Some(settings.prices_include_tax),
        )
        .await
    }

    async fn save_tax_rate(&self, rate: &ValidTaxRate) -> Result<(), ServiceError> {
        let mut tx = self.db.begin().await.map_err(store)?;
        tx.execute(
            "INSERT INTO tax_rates (country, tax_class, percent, included) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (country, tax_class) DO UPDATE SET percent = excluded.percent",
            vals![
                rate.country.code(),
                rate.tax_class.as_str(),
                rate.percent.to_string(),
                self.live.get().prices_include_tax
            ],
        )
        .await
        .map_err(store)?;
        tx.commit().await.map_err(store)?;
        self.applied().await
    }

    async fn delete_tax_rate(&self, country: &str, tax_class: &str) -> Result<(), ServiceError> {
        let mut tx = self.db.begin().await.map_err(store)?;
        let gone = tx
            .execute(
                "DELETE FROM tax_rates WHERE country = $1 AND tax_class = $2",
                vals![country, tax_class],
            )
            .await
            .map_err(store)?;
        tx.commit().await.map_err(store)?;
        if gone == 0 {
            return Err(ServiceError::NotFound("There is no such tax rate.".into()));
        }
        self.applied().await
    }

    async fn save_method(&self, method: &ValidMethod) -> Result<(), ServiceError> {
        let (kind, amount, threshold, bands) = match &method.rule {
            ShippingRule::FlatRate(price) => ("flat", minor(price)?, None, None),
            ShippingRule::FreeOver {
                threshold,
                otherwise,
            } => (
                "free_over",
                minor(otherwise)?,
                Some(minor(threshold)?),
                None,
            ),
            ShippingRule::ByWeight(bands) => {
                let stored = bands
                    .iter()
                    .map(|(grams, price)| Ok(format!("{grams}:{}", minor(price)?)))
                    .collect::<Result<Vec<_>, ServiceError>>()?
                    .join(";");
                ("weight", 0, None, Some(stored))
            }
        };
        let countries = method
            .countries
            .as_ref()
            .map(|list| list.iter().map(|c| c.code()).collect::<Vec<_>>().join(","));
        let currency = self.live.get().currency;
        let mut tx = self.db.begin().await.map_err(store)?;
        tx.execute(
            "INSERT INTO shipping_methods (code, name, position, kind, currency, amount_minor, \
             threshold_minor, bands, countries, active) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
             ON CONFLICT (code) DO UPDATE SET name = excluded.name, position = excluded.position, \
             kind = excluded.kind, currency = excluded.currency, amount_minor = excluded.amount_minor, \
             threshold_minor = excluded.threshold_minor, bands = excluded.bands, \
             countries = excluded.countries, active = excluded.active",
            vals![
                method.code.as_str(),
                method.name.as_str(),
                method.position,
                kind,
                currency.code(),
                amount,
                threshold,
                bands,
                countries,
                method.active
            ],
        )
        .await
        .map_err(store)?;
        tx.commit().await.map_err(store)?;
        self.applied().await
    }

    async fn set_provider_enabled(&self, code: &str, enabled: bool) -> Result<(), ServiceError> {
        if !self.payments.configured().iter().any(|(c, _)| *c == code) {
            return Err(ServiceError::NotFound(
                "No such payment provider is configured.".into(),
            ));
        }
        if !enabled {
            let configured = self.payments.configured();
            let disabled = &self.live.get().payments_disabled;
            let others_on = configured
                .iter()
                .any(|(c, _)| *c != code && !disabled.iter().any(|d| d == c));
            if !others_on {
                return Err(ServiceError::Conflict(
                    "Checkout needs at least one payment provider: enable another first.".into(),
                ));
            }
        }
        let key = format!("{}{code}", keys::PAYMENT_DISABLED);
        self.put(&[(key.as_str(), (!enabled).to_string())], None)
            .await
    }

    fn currency(&self) -> Currency {
        self.live.get().currency
    }
}
