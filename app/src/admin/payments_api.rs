//! Merchant actions on an order's payments. Each checks the staff role on
//! the server before anything else.

use super::types::PaymentLedger;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "admin/payments/ledger")]
pub async fn order_payments(number: String) -> Result<PaymentLedger, AppError> {
    use super::guard::require;
    use crate::domain::staff::Permission;
    require(Permission::Orders).await?;
    Ok(crate::server_context::services()?
        .merchant_payments
        .ledger(&number)
        .await?)
}

/// Records money received by bank transfer; partial amounts are fine.
#[server(endpoint = "admin/payments/record")]
pub async fn record_payment(
    number: String,
    amount: String,
    #[server(default)] reference: String,
) -> Result<PaymentLedger, AppError> {
    use super::guard::require;
    use crate::domain::staff::Permission;
    let staff = require(Permission::Orders).await?;
    let ledger = crate::server_context::services()?
        .merchant_payments
        .record_payment(&number, &amount, &reference, &staff.actor())
        .await?;
    let detail = format!("{} {}", amount.trim(), reference.trim());
    staff.audit("payment.record", &number, detail.trim()).await;
    Ok(ledger)
}

/// Marks the order paid; refused while the recorded payments fall short.
#[server(endpoint = "admin/payments/mark-paid")]
pub async fn mark_paid(number: String) -> Result<PaymentLedger, AppError> {
    use super::guard::require;
    use crate::domain::staff::Permission;
    let staff = require(Permission::Orders).await?;
    let ledger = crate::server_context::services()?
        .merchant_payments
        .mark_paid(&number, &staff.actor())
        .await?;
    staff.audit("order.mark_paid", &number, "").await;
    Ok(ledger)
}

/// Refunds all or part of what the order's payments captured.
#[server(endpoint = "admin/payments/refund")]
pub async fn refund_payments(number: String, amount: String) -> Result<PaymentLedger, AppError> {
    use super::guard::require;
    use crate::domain::staff::Permission;
    let staff = require(Permission::Refunds).await?;
    let ledger = crate::server_context::services()?
        .merchant_payments
        .refund(&number, &amount, &staff.actor())
        .await?;
    staff.audit("payment.refund", &number, amount.trim()).await;
    Ok(ledger)
}
