//! The `staff.*` actions.

mod member;

pub mod deactivate;
pub mod list;
pub mod set_role;
