//! The store over real HTTP against the real router, on SQLite and
//! PostgreSQL. One test binary keeps linking time and disk use down: every
//! area below would otherwise link the whole server again.

#[macro_use]
mod support;

mod accounts;
mod admin_access;
mod admin_catalog;
mod admin_orders;
mod admin_settings;
mod admin_stock;
mod admin_units;
mod basket_api;
mod basket_forms;
mod btcpay;
mod catalog_import;
mod checkout;
mod cli;
mod crash_checkout;
mod crash_recovery;
mod downloads;
mod emails;
mod fuzz_inputs;
mod handoff;
mod immediate_payments;
mod jobs;
mod merchant_payments;
mod offers;
mod order_moves;
mod order_numbers;
mod orders;
mod page_cache;
mod payments;
mod product_model;
mod reservations;
mod scale_out;
mod search;
mod security;
mod sessions;
mod storefront_pages;
mod stripe;
