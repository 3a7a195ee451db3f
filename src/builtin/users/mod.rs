//! The `users.*` actions.

pub mod delete;
pub mod get;
pub mod search;
pub mod update;
pub mod wallet_credit;
