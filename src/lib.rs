//! opsgate: an AI admin worker for operations back offices.
//!
//! Requests become plans of catalogued actions; plans are guarded by RBAC and
//! policy, confirmed or approved by people, executed, and recorded in a
//! hash-chained audit log. This crate is the library behind the `opsgate`
//! binary; `cli` is its thin command-line edge.

pub mod agents;
pub mod alerts;
pub mod answer;
pub mod approval;
pub mod audit;
pub mod builtin;
pub mod canonical;
pub mod catalog;
pub mod cli;
pub mod confirm;
pub mod demo;
pub mod email;
pub mod enrolment;
pub mod error;
pub mod executor;
pub mod exit_code;
pub mod failpoint;
pub mod guard;
pub mod httpsig;
pub mod identity;
pub mod keys;
pub mod mcp;
pub mod pack;
pub mod paths;
pub mod payload;
pub mod pii;
pub mod pipeline;
pub mod plan;
pub mod planner;
pub mod playbook;
pub mod policy;
pub mod rbac;
pub mod remote;
pub mod render;
pub mod runbooks;
pub mod sanitize;
pub mod sealed;
pub mod second_factor;
pub mod server;
pub mod session;
pub mod settings;
pub mod sla;
pub mod staff;
pub mod store;
pub mod target;
pub mod time;
pub mod totp;
pub mod worker;
pub mod yaml;

pub use error::{Error, Result};
pub use exit_code::ExitCode;
