//! The store's settings: how it runs, the seller, tax rates, shipping
//! methods and payment providers.

pub mod api;
mod page;
pub mod rules;
mod seller_form;
mod shipping_page;
mod tax_page;
pub mod types;

pub use page::SettingsPage;
pub use shipping_page::ShippingPage;
pub use tax_page::TaxRatesPage;
