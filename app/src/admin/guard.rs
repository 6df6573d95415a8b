//! The server-side check every admin server function starts with. Hiding
//! admin links is a convenience; this is the security.

use crate::domain::staff::{Permission, StaffRole};
use crate::error::AppError;
use crate::server_context::{services, shopper};

/// A signed-in member of staff allowed to act.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staff {
    pub user: i64,
    pub role: StaffRole,
}

impl Staff {
    /// How the staff member is named in records.
    pub fn actor(&self) -> String {
        format!("staff:{}", self.user)
    }

    /// Writes the change to the audit log. The change itself has happened
    /// by now, so a failure to record it is logged rather than reported as
    /// the change failing.
    pub async fn audit(&self, action: &str, subject: &str, detail: &str) {
        let recorded = match services() {
            Ok(services) => services
                .admin
                .insights
                .record(self.user, action, subject, detail)
                .await
                .map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        if let Err(error) = recorded {
            tracing::error!(%error, action, subject, "audit record not written");
        }
    }
}

fn forbidden() -> AppError {
    AppError::Forbidden("You are not allowed to do this.".into())
}

/// The signed-in staff member, if their role allows `permission`;
/// anonymous shoppers and customers get 403.
pub async fn require(permission: Permission) -> Result<Staff, AppError> {
    let Some(user) = shopper()?.0.user_id().await? else {
        return Err(forbidden());
    };
    let role = services()?
        .accounts
        .user(user)
        .await?
        .and_then(|view| view.role)
        .filter(|role| role.allows(permission))
        .ok_or_else(forbidden)?;
    Ok(Staff { user, role })
}

/// A positive id from a form field.
pub fn parse_id(text: &str) -> Result<i64, AppError> {
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| AppError::Invalid("That is not a valid id.".into()))
}
