//! The two-person rule: who may approve what, the signature that binds an
//! approval to the exact payload, and counting the approvals that still hold.

mod policy;
mod rules;
mod signature;
mod tally;

pub use policy::{APPROVALS_TTL_KEY, ApprovalPolicy, DEFAULT_APPROVAL_TTL, required_approvals_key};
pub use rules::eligibility;
pub use signature::{SignedDecision, sign, verify};
pub use tally::{Tally, tally};
