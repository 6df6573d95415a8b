use crate::db::{StoreError, Tx};
use crate::vals;
use app::domain::order_number::OrderNumber;

/// Takes the next order number of `year` inside the caller's transaction.
/// The sequence row stays locked until that transaction ends, so
/// concurrent checkouts get unique numbers that increase in commit order,
/// and a rolled-back checkout gives its number back.
pub async fn next_order_number(tx: &mut Tx, year: u16) -> Result<OrderNumber, StoreError> {
    let next = tx
        .scalar(
            "INSERT INTO order_number_sequences (year, last_number) VALUES ($1, 1) \
             ON CONFLICT (year) DO UPDATE SET last_number = order_number_sequences.last_number + 1 \
             RETURNING last_number",
            vals![i64::from(year)],
        )
        .await?
        .ok_or_else(|| StoreError::Corrupt("the order number sequence returned nothing".into()))?;
    let sequence = u32::try_from(next)
        .map_err(|_| StoreError::Corrupt(format!("order number {next} is out of range")))?;
    Ok(OrderNumber { year, sequence })
}
