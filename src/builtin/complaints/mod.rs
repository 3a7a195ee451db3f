//! The `complaints.*` actions.

pub mod assign;
pub mod escalate;
pub mod get;
pub mod list;
pub mod resolve;
pub mod sla_report;
