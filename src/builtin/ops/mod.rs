//! The `ops.*` actions.

pub mod health;
