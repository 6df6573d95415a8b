//! Creating staff accounts: `server admin create` and the demo store's
//! documented admin. The first admin has to come from somewhere other than
//! the admin itself.

use crate::accounts::AccountStore;
use crate::db::{Db, StoreError};
use crate::vals;
use app::domain::staff::StaffRole;
use app::services::{AccountService, ServiceError};

/// Makes `email` a member of staff with `role`, creating the account with
/// `password` (or setting that password on an existing account).
/// Returns true when the account is new.
pub async fn create_staff(
    db: &Db,
    accounts: &AccountStore,
    email: &str,
    password: &str,
    role: StaffRole,
) -> Result<bool, ServiceError> {
    let created = match accounts.register(email, password).await {
        Ok(_) => true,
        Err(ServiceError::Conflict(_)) => {
            accounts.set_password(email, password).await?;
            false
        }
        Err(other) => return Err(other),
    };
    let email = email.trim().to_lowercase();
    db.execute(
        "INSERT INTO staff_members (user_id, role, created_at) \
         SELECT id, $2, $3 FROM users WHERE email = $1 \
         ON CONFLICT (user_id) DO UPDATE SET role = excluded.role",
        vals![&email, role.code(), crate::startup::now()],
    )
    .await
    .map_err(StoreError::from)?;
    Ok(created)
}

/// `email:password`, as `STORE_DEMO_ADMIN` gives it.
pub fn parse_credentials(text: &str) -> Option<(&str, &str)> {
    let (email, password) = text.split_once(':')?;
    (!email.trim().is_empty() && !password.is_empty()).then_some((email.trim(), password))
}

#[cfg(test)]
mod tests {
    #[test]
    fn credentials_split_at_the_first_colon() {
        assert_eq!(
            super::parse_credentials("a@b.test:pa:ss"),
            Some(("a@b.test", "pa:ss"))
        );
        assert_eq!(super::parse_credentials("a@b.test"), None);
        assert_eq!(super::parse_credentials(":x"), None);
        assert_eq!(super::parse_credentials("a@b.test:"), None);
    }
}
