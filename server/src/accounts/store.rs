use super::passwords;
use super::throttle::{LoginLimits, account_key, client_key};
use crate::db::{Db, StoreError};
use crate::vals;
use app::accounts::types::{AccountView, CustomerView, UserView};
use app::domain::Address;
use app::domain::address::valid_email;
use app::domain::staff::StaffRole;
use app::services::{AccountService, ServiceError, UserId};
use async_trait::async_trait;

pub const MIN_PASSWORD: usize = 8;
/// Long enough for any passphrase, short enough to hash cheaply.
pub const MAX_PASSWORD: usize = 256;

#[derive(Clone)]
pub struct AccountStore {
    db: Db,
    limits: LoginLimits,
}

#[derive(sqlx::FromRow)]
struct CustomerRow {
    id: i64,
    name: String,
    company: String,
    line1: String,
    line2: String,
    city: String,
    postcode: String,
    country: String,
    vat_id: String,
    is_default: bool,
    organisation: Option<String>,
}

fn normalise(email: &str) -> String {
    email.trim().to_lowercase()
}

impl AccountStore {
    /// Sets a new password on an existing account (from the command line).
    pub async fn set_password(&self, email: &str, password: &str) -> Result<(), ServiceError> {
        let length = password.chars().count();
        if !(MIN_PASSWORD..=MAX_PASSWORD).contains(&length) {
            return Err(ServiceError::Invalid(format!(
                "A password has {MIN_PASSWORD} to {MAX_PASSWORD} characters."
            )));
        }
        let hash = passwords::hash(password.to_owned()).await?;
        let changed = self
            .db
            .execute(
                "UPDATE users SET password_hash = $2 WHERE email = $1",
                vals![normalise(email), hash],
            )
            .await
            .map_err(StoreError::from)?;
        if changed == 0 {
            return Err(ServiceError::NotFound("There is no such account.".into()));
        }
        Ok(())
    }

    pub fn new(db: Db, limits: LoginLimits) -> Self {
        AccountStore { db, limits }
    }

    pub async fn create_organisation(&self, name: &str, now: i64) -> Result<i64, StoreError> {
        let mut tx = self.db.begin().await?;
        let id = tx
            .scalar(
                "INSERT INTO organisations (name, created_at) VALUES ($1, $2) \
                 ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id",
                vals![name.trim(), now],
            )
            .await?
            .ok_or_else(|| StoreError::Corrupt("organisation insert returned no id".into()))?;
        tx.commit().await?;
        Ok(id)
    }

    /// Makes the user with this email a member; false if there is no such user.
    pub async fn add_member(&self, organisation: i64, email: &str) -> Result<bool, StoreError> {
        let added = self
            .db
            .execute(
                "INSERT INTO organisation_members (organisation_id, user_id) \
                 SELECT $1, id FROM users WHERE email = $2 ON CONFLICT DO NOTHING",
                vals![organisation, normalise(email)],
            )
            .await?;
        let member: Vec<(i64,)> = self
            .db
            .rows(
                "SELECT m.user_id FROM organisation_members m JOIN users u ON u.id = m.user_id \
                 WHERE m.organisation_id = $1 AND u.email = $2",
                vals![organisation, normalise(email)],
            )
            .await?;
        Ok(added == 1 || !member.is_empty())
    }

    pub async fn organisations_of(&self, user: UserId) -> Result<Vec<(i64, String)>, StoreError> {
        Ok(self
            .db
            .rows(
                "SELECT o.id, o.name FROM organisations o JOIN organisation_members m \
                 ON m.organisation_id = o.id WHERE m.user_id = $1 ORDER BY o.name",
                vals![user],
            )
            .await?)
    }

    /// The user's default billing address, to prefill the checkout.
    pub async fn default_address(&self, user: UserId) -> Result<Option<Address>, StoreError> {
        let rows: Vec<CustomerRow> = self.customers(user).await?;
        Ok(rows
            .into_iter()
            .find(|c| c.is_default)
            .map(|c| customer_view(c).address))
    }

    async fn customers(&self, user: UserId) -> Result<Vec<CustomerRow>, StoreError> {
        Ok(self
            .db
            .rows(
                "SELECT c.id, c.name, c.company, c.line1, c.line2, c.city, c.postcode, c.country, \
                 c.vat_id, c.is_default, o.name AS organisation FROM customers c \
                 LEFT JOIN organisations o ON o.id = c.organisation_id \
                 WHERE c.user_id = $1 OR c.organisation_id IN \
                 (SELECT organisation_id FROM organisation_members WHERE user_id = $1) \
                 ORDER BY c.organisation_id IS NOT NULL, c.id",
                vals![user],
            )
            .await?)
    }
}

fn customer_view(c: CustomerRow) -> CustomerView {
    CustomerView {
        id: c.id,
        address: Address {
            name: c.name,
            company: c.company,
            line1: c.line1,
            line2: c.line2,
            city: c.city,
            postcode: c.postcode,
            country: c.country,
        },
        vat_id: c.vat_id,
        is_default: c.is_default,
        organisation: c.organisation,
    }
}

#[async_trait]
impl AccountService for AccountStore {
    async fn registration_attempt(&self, client: &str) -> Result<(), ServiceError> {
        if self
            .limits
            .registration(&self.db, client, crate::basket::now())
            .await?
        {
            Ok(())
        } else {
            Err(ServiceError::Throttled(
                "Too many accounts were created from your connection. Please try again in an hour."
                    .into(),
            ))
        }
    }

    async fn register(&self, email: &str, password: &str) -> Result<UserId, ServiceError> {
        let email = normalise(email);
        if !valid_email(&email) {
            return Err(ServiceError::Invalid(
                "Please enter an email address like name@example.com.".into(),
            ));
        }
        let length = password.chars().count();
        if length < MIN_PASSWORD {
            return Err(ServiceError::Invalid(format!(
                "Please choose a password of at least {MIN_PASSWORD} characters."
            )));
        }
        if length > MAX_PASSWORD {
            return Err(ServiceError::Invalid(format!(
                "A password has at most {MAX_PASSWORD} characters."
            )));
        }
        let hash = passwords::hash(password.to_owned()).await?;
        let id = self
            .db
            .rows::<(i64,)>(
                "INSERT INTO users (email, password_hash, created_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (email) DO NOTHING RETURNING id",
                vals![&email, hash, crate::basket::now()],
            )
            .await
            .map_err(StoreError::from)?
            .into_iter()
            .next()
            .ok_or_else(|| {
                ServiceError::Conflict(
                    "An account with this email already exists. Please sign in instead.".into(),
                )
            })?;
        Ok(id.0)
    }

    async fn sign_in(
        &self,
        email: &str,
        password: &str,
        client: &str,
    ) -> Result<UserId, ServiceError> {
        let email = normalise(email);
        let (account, client) = (account_key(&email), client_key(client));
        let now = crate::basket::now();
        if self
            .limits
            .attempt(&self.db, &account, &client, now)
            .await?
        {
            return Err(ServiceError::Throttled(format!(
                "Too many failed sign-in attempts. Please wait {} minutes and try again.",
                self.limits.window_seconds / 60
            )));
        }
        let found: Option<(i64, String)> = self
            .db
            .rows(
                "SELECT id, password_hash FROM users WHERE email = $1",
                vals![&email],
            )
            .await
            .map_err(StoreError::from)?
            .into_iter()
            .next();
        let (id, hash) = found.map_or((None, None), |(id, hash)| (Some(id), Some(hash)));
        let password = password.chars().take(MAX_PASSWORD + 1).collect::<String>();
        match id {
            Some(id) if passwords::verify(password, hash).await => {
                self.limits.succeeded(&self.db, &account, &client).await?;
                Ok(id)
            }
            _ => Err(ServiceError::Unauthorized(
                "The email or password is not correct.".into(),
            )),
        }
    }

    async fn user(&self, id: UserId) -> Result<Option<UserView>, ServiceError> {
        let found: Option<(String, Option<String>)> = self
            .db
            .rows(
                "SELECT u.email, s.role FROM users u LEFT JOIN staff_members s ON s.user_id = u.id \
                 WHERE u.id = $1",
                vals![id],
            )
            .await
            .map_err(StoreError::from)?
            .into_iter()
            .next();
        Ok(found.map(|(email, role)| UserView {
            email,
            role: role.as_deref().and_then(StaffRole::parse),
        }))
    }

    async fn account(&self, id: UserId) -> Result<AccountView, ServiceError> {
        let user = self
            .user(id)
            .await?
            .ok_or_else(|| ServiceError::Unauthorized("Please sign in.".into()))?;
        Ok(AccountView {
            email: user.email,
            customers: self
                .customers(id)
                .await?
                .into_iter()
                .map(customer_view)
                .collect(),
            organisations: self.organisations_of(id).await?,
        })
    }

    async fn set_default_customer(&self, user: UserId, customer: i64) -> Result<(), ServiceError> {
        let mut tx = self.db.begin().await.map_err(StoreError::from)?;
        // Clearing first keeps the one-default index satisfied throughout.
        tx.execute(
            "UPDATE customers SET is_default = FALSE WHERE user_id = $1 AND organisation_id IS NULL \
             AND EXISTS (SELECT 1 FROM customers c WHERE c.id = $2 AND c.user_id = $1 AND c.organisation_id IS NULL)",
            vals![user, customer],
        )
        .await
        .map_err(StoreError::from)?;
        let set = tx
            .execute(
                "UPDATE customers SET is_default = TRUE WHERE id = $2 AND user_id = $1 AND organisation_id IS NULL",
                vals![user, customer],
            )
            .await
            .map_err(StoreError::from)?;
        if set == 0 {
            return Err(ServiceError::NotFound(
                "That address is not in your account.".into(),
            ));
        }
        tx.commit().await.map_err(StoreError::from)?;
        Ok(())
    }
}
