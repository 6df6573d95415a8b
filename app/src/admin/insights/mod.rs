//! The dashboard, the jobs, the audit log and the seller's details.

pub mod api;
mod audit_page;
mod dashboard_page;
mod jobs_page;
pub mod types;

pub use audit_page::AuditPage;
pub use dashboard_page::DashboardPage;
pub use jobs_page::JobsPage;
