//! The `alerts.*` actions.

pub mod list;
pub mod rule_update;
pub mod subscribe;
