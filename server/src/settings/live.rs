//! The settings the running store reads on every request or job: the
//! configuration's values, overridden by what the admin saved in
//! `store_settings`. Every process refreshes them periodically, so app
//! servers and workers sharing one database follow an edit within one
//! sweep interval; the process that saved them applies them at once.

use crate::db::{Db, StoreError};
use crate::vals;
use app::domain::Currency;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

#[derive(Debug, Clone, PartialEq)]
pub struct Current {
    /// Applies when the store starts: prices, baskets and reports are
    /// built around one currency.
    pub currency: Currency,
    pub prices_include_tax: bool,
    pub mail_from: String,
    pub reservation_seconds: i64,
    pub unpaid_seconds: i64,
    /// Payment providers not offered at checkout.
    pub payments_disabled: Vec<String>,
}

pub mod keys {
    pub const CURRENCY: &str = "currency";
    pub const PRICES_INCLUDE_TAX: &str = "prices_include_tax";
    pub const MAIL_FROM: &str = "mail_from";
    pub const RESERVATION_MINUTES: &str = "reservation_minutes";
    pub const UNPAID_ORDER_HOURS: &str = "unpaid_order_hours";
    /// Followed by a provider's code; `true` keeps it off the checkout.
    /// One row per provider, so two admins switching different providers
    /// cannot undo each other.
    pub const PAYMENT_DISABLED: &str = "payment_disabled.";
}

impl Current {
    /// The defaults with the stored values laid over them. A stored value
    /// that does not parse (written by hand, or by a newer version) is
    /// skipped with a warning rather than stopping the store.
    pub fn with_stored(&self, rows: &[(String, String)]) -> Current {
        let mut current = self.clone();
        for (key, value) in rows {
            let applied = match key.as_str() {
                keys::CURRENCY => Currency::parse(value).map(|c| current.currency = c).is_ok(),
                keys::PRICES_INCLUDE_TAX => match value.as_str() {
                    "true" | "false" => {
                        current.prices_include_tax = value == "true";
                        true
                    }
                    _ => false,
                },
                keys::MAIL_FROM => {
                    let ok = value.parse::<lettre::message::Mailbox>().is_ok();
                    if ok {
                        current.mail_from = value.clone();
                    }
                    ok
                }
                keys::RESERVATION_MINUTES => value
                    .parse::<i64>()
                    .ok()
                    .filter(|m| *m > 0)
                    .map(|m| current.reservation_seconds = m * 60)
                    .is_some(),
                keys::UNPAID_ORDER_HOURS => value
                    .parse::<i64>()
                    .ok()
                    .filter(|h| *h > 0)
                    .map(|h| current.unpaid_seconds = h * 3600)
                    .is_some(),
                other if other.starts_with(keys::PAYMENT_DISABLED) => {
                    let code = &other[keys::PAYMENT_DISABLED.len()..];
                    current.payments_disabled.retain(|c| c != code);
                    match value.as_str() {
                        "true" => {
                            current.payments_disabled.push(code.to_owned());
                            true
                        }
                        "false" => true,
                        _ => false,
                    }
                }
                _ => true,
            };
            if !applied {
                tracing::warn!(key, value, "stored setting ignored: it does not parse");
            }
        }
        current
    }
}

#[derive(Clone, Debug)]
pub struct LiveSettings {
    defaults: Arc<Current>,
    current: Arc<RwLock<Arc<Current>>>,
    /// Bumped whenever the settings, tax rates or shipping methods change,
    /// so caches built from them know to rebuild.
    generation: Arc<AtomicU64>,
}

impl LiveSettings {
    pub fn new(defaults: Current) -> Self {
        LiveSettings {
            current: Arc::new(RwLock::new(Arc::new(defaults.clone()))),
            defaults: Arc::new(defaults),
            generation: Arc::default(),
        }
    }

    pub fn get(&self) -> Arc<Current> {
        match self.current.read() {
            Ok(current) => current.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Marks what is derived from the settings as stale.
    pub fn touch(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    pub async fn refresh(&self, db: &Db) -> Result<(), StoreError> {
        let rows: Vec<(String, String)> = db
            .rows("SELECT key, value FROM store_settings", vals![])
            .await?;
        let fresh = self.defaults.with_stored(&rows);
        let changed = *self.get() != fresh;
        if changed {
            match self.current.write() {
                Ok(mut current) => *current = Arc::new(fresh),
                Err(poisoned) => *poisoned.into_inner() = Arc::new(fresh),
            }
            self.touch();
        }
        Ok(())
    }

    /// Refreshes every `every` until the task is stopped; another server
    /// or the admin of another process may have changed them.
    pub async fn follow(self, db: Db, every: std::time::Duration) {
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            if let Err(error) = self.refresh(&db).await {
                tracing::warn!(%error, "settings not refreshed");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> Current {
        Current {
            currency: Currency::USD,
            prices_include_tax: false,
            mail_from: "Shop <shop@example.com>".into(),
            reservation_seconds: 3600,
            unpaid_seconds: 72 * 3600,
            payments_disabled: Vec::new(),
        }
    }

    fn row(key: &str, value: &str) -> (String, String) {
        (key.into(), value.into())
    }

    #[test]
    fn stored_values_override_the_defaults() {
        let current = defaults().with_stored(&[
            row(keys::CURRENCY, "EUR"),
            row(keys::PRICES_INCLUDE_TAX, "true"),
            row(keys::MAIL_FROM, "Laden <laden@example.de>"),
            row(keys::RESERVATION_MINUTES, "15"),
            row(keys::UNPAID_ORDER_HOURS, "24"),
            row("payment_disabled.bank_transfer", "true"),
            row("payment_disabled.stripe", "true"),
            row("payment_disabled.testpay", "false"),
            row("store_name", "Ignored here"),
        ]);
        assert_eq!(
            current,
            Current {
                currency: Currency::EUR,
                prices_include_tax: true,
                mail_from: "Laden <laden@example.de>".into(),
                reservation_seconds: 900,
                unpaid_seconds: 24 * 3600,
                payments_disabled: vec!["bank_transfer".into(), "stripe".into()],
            }
        );
    }

    #[test]
    fn values_that_do_not_parse_keep_the_default() {
        let current = defaults().with_stored(&[
            row(keys::CURRENCY, "euro"),
            row(keys::PRICES_INCLUDE_TAX, "yes"),
            row(keys::MAIL_FROM, "not an address"),
            row(keys::RESERVATION_MINUTES, "-5"),
            row(keys::UNPAID_ORDER_HOURS, "soon"),
        ]);
        assert_eq!(current, defaults());
    }

    #[test]
    fn touching_moves_the_generation() {
        let live = LiveSettings::new(defaults());
        let before = live.generation();
        live.touch();
        assert!(live.generation() > before);
    }
}
