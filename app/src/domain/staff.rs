//! Who may do what in the merchant admin. The server checks these on every
//! admin request; the admin pages only use them to decide what to show.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StaffRole {
    /// Everything, including settings and giving money back.
    Admin,
    /// Day-to-day work: orders and stock.
    Staff,
}

/// An area of the admin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Permission {
    /// Orders and their payments: record a bank transfer, mark as paid.
    Orders,
    Stock,
    Catalog,
    /// Offers and vouchers.
    Offers,
    /// Returning money to a customer.
    Refunds,
    Settings,
}

impl StaffRole {
    pub fn code(self) -> &'static str {
        match self {
            StaffRole::Admin => "admin",
            StaffRole::Staff => "staff",
        }
    }

    pub fn parse(code: &str) -> Option<StaffRole> {
        match code {
            "admin" => Some(StaffRole::Admin),
            "staff" => Some(StaffRole::Staff),
            _ => None,
        }
    }

    pub fn allows(self, permission: Permission) -> bool {
        match self {
            StaffRole::Admin => true,
            StaffRole::Staff => matches!(permission, Permission::Orders | Permission::Stock),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_run_orders_and_stock_only() {
        assert!(StaffRole::Staff.allows(Permission::Orders));
        assert!(StaffRole::Staff.allows(Permission::Stock));
        for denied in [
            Permission::Catalog,
            Permission::Offers,
            Permission::Refunds,
            Permission::Settings,
        ] {
            assert!(!StaffRole::Staff.allows(denied), "{denied:?}");
        }
    }

    #[test]
    fn admins_may_do_everything() {
        for p in [
            Permission::Orders,
            Permission::Stock,
            Permission::Catalog,
            Permission::Offers,
            Permission::Refunds,
            Permission::Settings,
        ] {
            assert!(StaffRole::Admin.allows(p));
        }
    }

    #[test]
    fn codes_round_trip() {
        for role in [StaffRole::Admin, StaffRole::Staff] {
            assert_eq!(StaffRole::parse(role.code()), Some(role));
        }
        assert_eq!(StaffRole::parse("merchant"), None);
    }
}
