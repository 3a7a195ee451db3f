//! The `draft.*` actions: text only, nothing is sent or stored.

mod facts;

pub mod coupon;
pub mod email;
pub mod report;
