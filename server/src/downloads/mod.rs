//! Digital delivery: download links of paid orders, the masked route that
//! redeems them, and the storage the files live in.

pub mod attach;
pub mod links;
mod routes;
pub mod storage;

pub use routes::{Downloads, routes};
