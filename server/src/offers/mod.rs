//! Offers and vouchers: the live offers every checkout and listing reads,
//! voucher checks and race-proof redemption, and the merchant's admin.

mod admin;
pub mod export;
pub mod live;
mod rows;
pub mod vouchers;

pub use admin::AdminOfferStore;
pub use live::LiveOffers;
pub(crate) use live::generation;
