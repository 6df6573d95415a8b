//! Checkout server functions. The form so far lives in the session, so a
//! refused post comes back with every value kept and
//! each problem next to its field.

use super::types::{CheckoutOutcome, CheckoutView};
use crate::error::AppError;
use leptos::prelude::*;

/// The live part of the form: what changes the offers and totals.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LiveChoices {
    pub shipping_country: String,
    pub billing_country: String,
    pub billing_same: bool,
    pub shipping_method: String,
}

#[server(endpoint = "checkout/view")]
pub async fn get_checkout(
    #[server(default)] live: Option<LiveChoices>,
) -> Result<CheckoutView, AppError> {
    use crate::server_context::{locale, services, shopper};
    let session = shopper()?;
    let (mut draft, errors) = session.0.checkout_state().await?;
    let errors = match live {
        Some(live) => {
            draft.shipping.country = live.shipping_country;
            draft.billing.country = live.billing_country;
            draft.billing_same = live.billing_same;
            draft.shipping_method = live.shipping_method;
            Vec::new()
        }
        None => errors,
    };
    let basket = session.0.basket_id().await?;
    let user = session.0.user_id().await?;
    Ok(services()?
        .checkout
        .view(basket, user, draft, errors, locale())
        .await?)
}

#[allow(clippy::too_many_arguments)]
#[server(endpoint = "checkout/submit")]
pub async fn submit_checkout(
    #[server(default)] email: String,
    #[server(default)] order_for: String,
    #[server(default)] shipping_name: String,
    #[server(default)] shipping_company: String,
    #[server(default)] shipping_line1: String,
    #[server(default)] shipping_line2: String,
    #[server(default)] shipping_city: String,
    #[server(default)] shipping_postcode: String,
    #[server(default)] shipping_country: String,
    #[server(default)] billing_same: String,
    #[server(default)] billing_name: String,
    #[server(default)] billing_company: String,
    #[server(default)] billing_line1: String,
    #[server(default)] billing_line2: String,
    #[server(default)] billing_city: String,
    #[server(default)] billing_postcode: String,
    #[server(default)] billing_country: String,
    #[server(default)] vat_id: String,
    #[server(default)] shipping_method: String,
    #[server(default)] payment_method: String,
    #[server(default)] voucher: String,
    #[server(default)] intent: String,
) -> Result<CheckoutOutcome, AppError> {
    use super::types::CheckoutDraft;
    use crate::domain::Address;
    use crate::server_context::{locale, services, shopper};

    let draft = CheckoutDraft {
        email,
        shipping: Address {
            name: shipping_name,
            company: shipping_company,
            line1: shipping_line1,
            line2: shipping_line2,
            city: shipping_city,
            postcode: shipping_postcode,
            country: shipping_country,
        },
        billing_same: !billing_same.is_empty(),
        billing: Address {
            name: billing_name,
            company: billing_company,
            line1: billing_line1,
            line2: billing_line2,
            city: billing_city,
            postcode: billing_postcode,
            country: billing_country,
        },
        vat_id,
        shipping_method,
        payment_method,
        voucher,
        order_for,
    }
    .cleaned();
    let session = shopper()?;
    let (stored, _) = session.0.checkout_state().await?;
    if !draft.voucher.is_empty() && !draft.voucher.eq_ignore_ascii_case(&stored.voucher) {
        services()?
            .checkout
            .voucher_attempt(&draft.voucher, &session.0.client())
            .await?;
    }
    match intent.as_str() {
        "update" => {
            session.0.set_checkout_state(&draft, &[]).await?;
            return Ok(CheckoutOutcome::Updated);
        }
        "remove_voucher" => {
            let kept = CheckoutDraft {
                voucher: String::new(),
                ..draft
            };
            session.0.set_checkout_state(&kept, &[]).await?;
            return Ok(CheckoutOutcome::Updated);
        }
        _ => {}
    }
    let Some(basket) = session.0.basket_id().await? else {
        return Err(AppError::Conflict("Your basket is empty.".into()));
    };
    let user = session.0.user_id().await?;
    let placed = services()?
        .checkout
        .place(basket, user, &draft, locale())
        .await;
    match placed {
        Ok(Ok(order)) => {
            // A draft kept from earlier form posts loses its one-off voucher.
            // A checkout that kept nothing in the session leaves it alone:
            // the order page carries the thanks, so placing an order costs
            // no session write.
            if stored != CheckoutDraft::blank() {
                let kept = CheckoutDraft {
                    voucher: String::new(),
                    ..draft
                };
                session.0.set_checkout_state(&kept, &[]).await?;
            }
            // Paying on a processor's page comes first; its return leads
            // to the order page.
            let next = order
                .pay_url
                .clone()
                .unwrap_or_else(|| crate::orders::types::just_placed(&order.url));
            leptos_axum::redirect(&next);
            Ok(CheckoutOutcome::Placed {
                number: order.number,
                url: order.url,
                pay_url: order.pay_url,
            })
        }
        Ok(Err(problems)) => {
            session.0.set_checkout_state(&draft, &problems).await?;
            // One problem is said outright: a voucher used up by someone
            // else a moment ago, say.
            Err(AppError::Invalid(match problems.as_slice() {
                [only] => only.message.clone(),
                _ => "Please correct the marked fields and try again.".into(),
            }))
        }
        Err(error) => {
            session.0.set_checkout_state(&draft, &[]).await?;
            Err(error.into())
        }
    }
}
