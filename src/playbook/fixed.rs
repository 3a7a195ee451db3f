//! The proposal behind `action` steps: exactly the action and params the
//! playbook names, so that they still pass through the catalog's schema
//! check, the guard and the payload builder like any planned step.

use serde_json::Value;

use crate::plan::Proposal;

/// Recorded as the plan's planner.
pub const PLANNER_NAME: &str = "playbook";

/// A one-step proposal of an explicit action.
pub fn explicit_action(action: String, params: Value, rationale: String, source: String) -> Proposal {
    Proposal::explicit(PLANNER_NAME, &action, params, rationale, vec![source])
}
