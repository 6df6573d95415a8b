//! Accounts as the storefront sees them.

use crate::domain::Address;
use serde::{Deserialize, Serialize};

/// The shopper who is signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    pub email: String,
    /// Set for the shop's staff.
    pub role: Option<crate::domain::staff::StaffRole>,
}

/// A billing record of a user or of one of their organisations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerView {
    pub id: i64,
    pub address: Address,
    pub vat_id: String,
    pub is_default: bool,
    /// Set for an organisation's record.
    pub organisation: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountView {
    pub email: String,
    pub customers: Vec<CustomerView>,
    pub organisations: Vec<(i64, String)>,
}
