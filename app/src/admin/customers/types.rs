//! Customers as the admin shows them: accounts with their orders.

use crate::accounts::types::AccountView;
use crate::admin::orders::types::OrderRow;
use crate::domain::Money;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerRow {
    pub id: i64,
    pub email: String,
    pub joined: i64,
    pub orders: u32,
    /// Paid and not refunded, in the store's currency.
    pub spent: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerPage {
    pub rows: Vec<CustomerRow>,
    pub total: u64,
    pub page: u32,
    pub pages: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerDetail {
    pub id: i64,
    pub joined: i64,
    /// Billing records and organisations, as the customer's account shows them.
    pub account: AccountView,
    pub orders: Vec<OrderRow>,
}
