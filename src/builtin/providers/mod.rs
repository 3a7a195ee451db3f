//! The `providers.*` actions.

mod application;

pub mod approve;
pub mod delete;
pub mod list;
pub mod reject;
