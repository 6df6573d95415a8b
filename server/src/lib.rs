//! The store's server: persistence, sessions, HTTP and the command line.
//! Integration tests drive [`start`] over real HTTP.

pub mod accounts;
pub mod admin;
pub mod basket;
pub mod catalog;
pub mod checkout;
pub mod cli;
pub mod config;
pub mod db;
pub mod downloads;
pub mod email;
pub mod fulfilment;
pub mod html;
pub mod http;
pub mod jobs;
pub mod media;
pub mod offers;
pub mod orders;
pub mod payments;
pub mod session;
pub mod settings;
pub mod startup;
pub mod telemetry;

pub use startup::{Prepared, Running, StartError, prepare, start};
