//! The action catalog: every action opsgate can take, with its parameter
//! schema, permission, risk, what it needs before running, and how the offline
//! planner recognises it. The built-in ops pack ships inside the binary; packs
//! a team adds (`opsgate pack add`) join it.

mod action;
mod installed;
mod pack;

pub use action::{ActionSpec, Executor, Requires, Risk, Target};
pub use pack::{BUILTIN_PACK_YAML, Catalog};
