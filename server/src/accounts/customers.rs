//! Customer records: who an order is billed to. A user's first record
//! becomes their default; an identical address is reused rather than
//! stored twice. Anonymous shoppers get a record of their own at checkout.

use crate::db::{StoreError, Tx, Val};
use crate::vals;
use app::domain::Address;

/// Whether the user belongs to the organisation.
pub async fn is_member(tx: &mut Tx, user: i64, organisation: i64) -> Result<bool, StoreError> {
    Ok(tx
        .scalar(
            "SELECT user_id FROM organisation_members WHERE user_id = $1 AND organisation_id = $2",
            vals![user, organisation],
        )
        .await?
        .is_some())
}

/// The customer record an order is billed to, created when needed.
pub async fn customer_for_order(
    tx: &mut Tx,
    user: Option<i64>,
    organisation: Option<i64>,
    email: &str,
    billing: &Address,
    vat_id: &str,
    now: i64,
) -> Result<i64, StoreError> {
    // What identifies a record: its owner, the address and the VAT id.
    let record: Vec<Val> = vec![
        user.into(),
        organisation.into(),
        (&billing.name).into(),
        (&billing.company).into(),
        (&billing.line1).into(),
        (&billing.line2).into(),
        (&billing.city).into(),
        (&billing.postcode).into(),
        (&billing.country).into(),
        vat_id.into(),
    ];
    if user.is_some() || organisation.is_some() {
        let existing = tx
            .scalar(
                "SELECT id FROM customers WHERE user_id IS NOT DISTINCT FROM $1 \
                 AND organisation_id IS NOT DISTINCT FROM $2 AND name = $3 AND company = $4 \
                 AND line1 = $5 AND line2 = $6 AND city = $7 AND postcode = $8 AND country = $9 \
                 AND vat_id = $10 ORDER BY id LIMIT 1",
                &record,
            )
            .await?;
        if let Some(id) = existing {
            return Ok(id);
        }
    }
    // A user's first own record is their default.
    let first = match (user, organisation) {
        (Some(user), None) => tx
            .scalar(
                "SELECT id FROM customers WHERE user_id = $1 AND organisation_id IS NULL LIMIT 1",
                vals![user],
            )
            .await?
            .is_none(),
        _ => false,
    };
    let mut insert = record;
    insert.extend([email.into(), first.into(), now.into()]);
    let id = tx
        .scalar(
            "INSERT INTO customers (user_id, organisation_id, name, company, line1, line2, city, \
             postcode, country, vat_id, email, is_default, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
            &insert,
        )
        .await?
        .ok_or_else(|| StoreError::Corrupt("customer insert returned no id".into()))?;
    Ok(id)
}
