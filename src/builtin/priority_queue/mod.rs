//! The `priority_queue.*` actions.

pub mod list;
pub mod review;
