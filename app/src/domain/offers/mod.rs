//! Offers and vouchers: what a basket qualifies for and what it saves.
//!
//! Order of application (see `apply`): the automatic offers by priority,
//! highest first (ties: the older offer first), then the voucher's offer.
//! An exclusive offer applies only to a basket no other offer has touched,
//! and nothing applies after it. A voucher blocked by exclusivity is
//! compared with the automatic offers: the shopper gets whichever saves
//! more.
//!
//! Rounding rule: each offer's discount on each line is rounded to the
//! currency's minor unit, half away from zero (the store's one rule, see
//! `money`). A fixed amount spread over several lines is split in
//! proportion to what each line still costs, and the rounding remainders
//! go to the lines with the largest fractions, so the parts add up to the
//! amount exactly. Every benefit works on what a line still costs after
//! the offers before it, so no line, shipping charge or total can fall
//! below zero. Discounts come off prices before tax is computed: with
//! tax-inclusive prices the tax is worked out again from the discounted
//! amounts (see `summary`).

mod apply;
mod benefits;
mod conditions;
mod headline;
mod model;
mod voucher;

pub use apply::{AppliedOffer, Discounts, VoucherResult, discounts};
pub use conditions::shortfall;
pub use headline::headline;
pub use model::{Benefit, Condition, Offer, OfferBasket, OfferLine, Range, Window, WindowStatus};
pub use voucher::{VoucherFacts, VoucherRefusal, format_code, normalise_code};

#[cfg(test)]
mod properties;
