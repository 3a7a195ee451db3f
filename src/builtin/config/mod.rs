//! The `config.*` actions.

pub mod get;
pub mod set;
