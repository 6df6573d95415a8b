//! The checkout as the storefront uses it: the page's data, and placing
//! the order once the form passes the shared rules.

use super::config::{self, CheckoutConfig};
use super::lines::{CheckoutLine, checkout_lines};
use super::pricing::{Deals, Priced, price};
use crate::accounts::AccountStore;
use crate::basket::BasketStore;
use crate::db::{Db, StoreError};
use crate::offers::LiveOffers;
use crate::offers::vouchers::{self, Customer};
use crate::orders::{OrderMachine, PlaceError, Placement, owner_url, place, token_url};
use crate::payments::PaymentStore;
use crate::payments::provider::Started;
use crate::settings::LiveSettings;
use app::checkout::draft_rules::{Choices, problems};
use app::checkout::types::{CheckoutDraft, CheckoutView, PaymentOption};
use app::domain::{Currency, FieldError, Locale};
use app::services::{AccountService, BasketId, CheckoutService, PlacedOrder, ServiceError, UserId};
use async_trait::async_trait;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// Tax rates and shipping methods change rarely and are read by every
/// checkout, so they are kept for a few seconds, or until the settings
/// change in this process.
const CONFIG_TTL: Duration = Duration::from_secs(10);

/// Placement attempts one basket may make in 15 minutes.
const PLACEMENTS_PER_BASKET: i64 = 30;

type Cached = Option<(Instant, u64, Arc<CheckoutConfig>)>;

#[derive(Clone)]
pub struct CheckoutStore {
    config: Arc<RwLock<Cached>>,
    db: Db,
    currency: Currency,
    settings: LiveSettings,
    accounts: AccountStore,
    baskets: Arc<BasketStore>,
    machine: OrderMachine,
    payments: PaymentStore,
    offers: LiveOffers,
    voucher_limit: vouchers::AttemptLimit,
}

impl CheckoutStore {
    /// Starts paying a new order with its processor, if it has one. A
    /// processor that cannot be reached does not undo the order: its page
    /// offers to pay again.
    async fn start_payment(&self, order: i64, method: &str) -> Option<String> {
        if !self.payments.online(method) {
            return None;
        }
        match self
            .payments
            .start(order, method, crate::basket::now())
            .await
        {
            Ok(Started::Redirect { url, .. }) => Some(url),
            Ok(Started::Instructions(_) | Started::Completed(_)) => None,
            Err(error) => {
                tracing::error!(%error, order, "payment could not be started");
                None
            }
        }
    }
}

struct PricedBasket {
    lines: Vec<CheckoutLine>,
    priced: Priced,
}

impl CheckoutStore {
    /// The enabled providers; the first is preselected.
    fn payment_options(&self) -> Vec<PaymentOption> {
        self.payments.options()
    }

    #[allow(clippy::too_many_arguments)]
    pub fn new(
        db: Db,
        currency: Currency,
        settings: LiveSettings,
        accounts: AccountStore,
        baskets: Arc<BasketStore>,
        machine: OrderMachine,
        payments: PaymentStore,
        offers: LiveOffers,
    ) -> Self {
        CheckoutStore {
            payments,
            offers,
            voucher_limit: vouchers::AttemptLimit::default(),
            config: Arc::default(),
            db,
            currency,
            settings,
            accounts,
            baskets,
            machine,
        }
    }

    async fn priced(
        &self,
        basket: Option<BasketId>,
        user: Option<UserId>,
        organisations: &[i64],
        draft: &CheckoutDraft,
        locale: Locale,
    ) -> Result<PricedBasket, StoreError> {
        let config = self.config().await?;
        let offers = self.offers.current().await?;
        let now = crate::basket::now();
        let (lines, voucher) = match basket {
            Some(basket) => {
                let mut tx = self.db.begin_read().await?;
                let lines = checkout_lines(&mut tx, basket, self.currency, locale.code()).await?;
                let customer = Customer {
                    user,
                    email: &draft.email,
                };
                let voucher = vouchers::check(
                    &mut tx,
                    &offers,
                    &draft.voucher,
                    customer,
                    self.currency,
                    now,
                )
                .await?;
                tx.commit().await?;
                (lines, voucher)
            }
            None => (Vec::new(), None),
        };
        let automatic = offers.automatic(now);
        let deals = Deals {
            automatic: &automatic,
            voucher: voucher.as_ref(),
            organisations,
        };
        let priced = price(
            &lines,
            draft,
            &config,
            self.currency,
            self.settings.get().prices_include_tax,
            &deals,
        )
        .map_err(|e| StoreError::Corrupt(format!("basket cannot be priced: {e}")))?;
        Ok(PricedBasket { lines, priced })
    }

    /// Refused placements are counted per basket: a basket refused more
    /// than `PLACEMENTS_PER_BASKET` times in 15 minutes is turned away, so a
    /// script cannot hammer placement (or a card processor) through it.
    /// Successful placements cost no extra write.
    async fn placement_allowed(&self, basket: BasketId) -> Result<(), ServiceError> {
        let since = crate::basket::now() - 15 * 60;
        let key = format!("checkout:{basket}");
        if crate::accounts::throttle::failures(&self.db, &key, since).await?
            >= PLACEMENTS_PER_BASKET
        {
            return Err(ServiceError::Throttled(
                "Too many attempts to place this order. Please wait 15 minutes and try again."
                    .into(),
            ));
        }
        Ok(())
    }

    async fn placement_refused(&self, basket: BasketId) -> Result<(), StoreError> {
        let now = crate::basket::now();
        let key = format!("checkout:{basket}");
        crate::accounts::throttle::hit_once(&self.db, &key, now, now - 15 * 60).await?;
        Ok(())
    }

    /// How many unknown voucher codes a client may try in 15 minutes.
    pub fn with_voucher_limit(mut self, per_client: u32) -> Self {
        self.voucher_limit.per_client = i64::from(per_client);
        self
    }

    async fn config(&self) -> Result<Arc<CheckoutConfig>, StoreError> {
        let generation = self.settings.generation();
        if let Ok(cached) = self.config.read() {
            if let Some((at, built, config)) = cached.as_ref() {
                if at.elapsed() < CONFIG_TTL && *built == generation {
                    return Ok(config.clone());
                }
            }
        }
        let fresh = Arc::new(config::load(&self.db, self.currency).await?);
        if let Ok(mut cached) = self.config.write() {
            *cached = Some((Instant::now(), generation, fresh.clone()));
        }
        Ok(fresh)
    }

    /// Fills what the shopper has not entered from their account.
    async fn prefill(
        &self,
        user: Option<UserId>,
        mut draft: CheckoutDraft,
    ) -> Result<CheckoutDraft, ServiceError> {
        if let Some(user) = user {
            if draft.email.is_empty() {
                if let Some(found) = self.accounts.user(user).await? {
                    draft.email = found.email;
                }
            }
            if draft.shipping == Default::default() {
                if let Some(address) = self.accounts.default_address(user).await? {
                    draft.shipping = address;
                }
            }
        }
        if draft.payment_method.is_empty() {
            if let Some(first) = self.payment_options().first() {
                draft.payment_method = first.code.clone();
            }
        }
        Ok(draft)
    }

    async fn organisations(&self, user: Option<UserId>) -> Result<Vec<(i64, String)>, StoreError> {
        match user {
            Some(user) => self.accounts.organisations_of(user).await,
            None => Ok(Vec::new()),
        }
    }
}

#[async_trait]
impl CheckoutService for CheckoutStore {
    async fn view(
        &self,
        basket: Option<BasketId>,
        user: Option<UserId>,
        draft: CheckoutDraft,
        errors: Vec<FieldError>,
        locale: Locale,
    ) -> Result<CheckoutView, ServiceError> {
        let mut draft = self.prefill(user, draft.cleaned()).await?;
        let organisations = self.organisations(user).await?;
        let ids: Vec<i64> = organisations.iter().map(|(id, _)| *id).collect();
        let PricedBasket { lines, priced, .. } =
            self.priced(basket, user, &ids, &draft, locale).await?;
        if let Some(chosen) = &priced.chosen {
            draft.shipping_method = chosen.clone();
        }
        let pending = match basket {
            Some(basket) => self.baskets.pending_order(basket).await?,
            None => None,
        };
        let unavailable = if pending.is_some() {
            Vec::new()
        } else {
            lines
                .iter()
                .filter(|l| l.unit_price.is_none() || !l.fully_reserved())
                .map(|l| l.meta.title.clone())
                .collect()
        };
        Ok(CheckoutView {
            summary: priced.summary,
            needs_shipping: priced.needs_shipping,
            methods: priced.offers,
            payments: self.payment_options(),
            draft,
            errors,
            organisations,
            unavailable,
            pending,
            signed_in: user.is_some(),
            voucher: priced.voucher,
        })
    }

    async fn place(
        &self,
        basket: BasketId,
        user: Option<UserId>,
        draft: &CheckoutDraft,
        locale: Locale,
    ) -> Result<Result<PlacedOrder, Vec<FieldError>>, ServiceError> {
        self.placement_allowed(basket).await?;
        let draft = draft.cleaned();
        let config = self.config().await?;
        let organisations = self.organisations(user).await?;
        let payments = self.payment_options();
        let offers = self.offers.current().await?;
        let ids: Vec<i64> = organisations.iter().map(|(id, _)| *id).collect();
        let check = |priced: &Priced| {
            problems(
                &draft,
                &Choices {
                    needs_shipping: priced.needs_shipping,
                    methods: &priced.offers,
                    payments: &payments,
                    organisations: &organisations,
                },
            )
        };
        let payment = payments
            .iter()
            .find(|p| p.code == draft.payment_method)
            .cloned()
            .unwrap_or_else(|| PaymentOption {
                code: String::new(),
                name: String::new(),
                description: String::new(),
            });
        let placement = Placement {
            check: &check,
            basket,
            user,
            draft: &draft,
            locale: locale.code(),
            currency: self.currency,
            config: &config,
            prices_include_tax: self.settings.get().prices_include_tax,
            payment,
            offers: &offers,
            organisations: &ids,
        };
        let placed = place(&self.db, &self.machine, placement, crate::basket::now()).await;
        let outcome = match &placed {
            Ok(_) => "placed",
            Err(PlaceError::Store(_) | PlaceError::Order(_)) => "failed",
            Err(_) => "refused",
        };
        metrics::counter!("store_orders_total", "outcome" => outcome).increment(1);
        if outcome == "refused" {
            self.placement_refused(basket).await?;
        }
        match placed {
            Ok(placed) => Ok(Ok(PlacedOrder {
                pay_url: self.start_payment(placed.id, &draft.payment_method).await,
                url: match user {
                    Some(_) => owner_url(&placed.number),
                    None => token_url(&placed.token),
                },
                number: placed.number,
            })),
            Err(PlaceError::Empty) => Err(ServiceError::Conflict("Your basket is empty.".into())),
            Err(PlaceError::Frozen) => Err(self.baskets.frozen_message(basket).await),
            Err(PlaceError::Unavailable(title)) => Err(ServiceError::Conflict(format!(
                "Sorry, {title} is no longer available in the quantity in your basket. \
                 Please check your basket."
            ))),
            Err(PlaceError::NoShipping) => Ok(Err(vec![FieldError::new(
                "shipping_method",
                "Please choose a shipping method.",
            )])),
            Err(PlaceError::Fields(problems)) => Ok(Err(problems)),
            Err(PlaceError::NotMember) => Ok(Err(vec![FieldError::new(
                "order_for",
                "You can only order for organisations you belong to.",
            )])),
            Err(PlaceError::Store(e)) => Err(e.into()),
            Err(PlaceError::Order(e)) => Err(ServiceError::Internal(e.to_string())),
        }
    }

    async fn voucher_attempt(&self, code: &str, client: &str) -> Result<(), ServiceError> {
        let now = crate::basket::now();
        if vouchers::attempt(&self.db, self.voucher_limit, code, client, now).await? {
            Ok(())
        } else {
            Err(ServiceError::Throttled(
                "Too many unknown voucher codes were tried from your connection. \
                 Please wait 15 minutes and try again."
                    .into(),
            ))
        }
    }
}
