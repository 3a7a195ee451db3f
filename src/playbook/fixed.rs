//! The proposal behind `action` steps: exactly the action and params the
//! playbook names, so that they still pass through the catalog's schema
//! check, the guard and the payload builder like any planned step.

use serde_json::Value;

use crate::plan::{Proposal, ProposedStep};

/// Recorded as the plan's planner.
pub const PLANNER_NAME: &str = "playbook";

/// A one-step proposal of an explicit action.
pub fn explicit_action(action: String, params: Value, rationale: String, source: String) -> Proposal {
    Proposal {
        planner: PLANNER_NAME.to_owned(),
        steps: vec![ProposedStep { action, params, confidence: 1.0, rationale, sources: vec![source] }],
    }
}
