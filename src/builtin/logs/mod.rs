//! The `logs.*` actions.

pub mod analyze;
