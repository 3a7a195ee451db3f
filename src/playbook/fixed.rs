//! The planner behind `action` steps: it proposes exactly the action and params
//! the playbook names, so that they still pass through the catalog's schema
//! check, the guard and the payload builder like any other plan.

use serde_json::Value;

use crate::catalog::Catalog;
use crate::error::Result;
use crate::plan::{Proposal, ProposedStep};
use crate::planner::Planner;
use crate::time::LocalTime;

/// Recorded as the plan's planner.
pub const PLANNER_NAME: &str = "playbook";

pub struct FixedPlanner {
    proposal: Proposal,
}

impl FixedPlanner {
    pub fn new(action: String, params: Value, rationale: String, source: String) -> FixedPlanner {
        FixedPlanner {
            proposal: Proposal {
                planner: PLANNER_NAME.to_owned(),
                steps: vec![ProposedStep {
                    action,
                    params,
                    confidence: 1.0,
                    rationale,
                    sources: vec![source],
                }],
            },
        }
    }
}

impl Planner for FixedPlanner {
    fn name(&self) -> &str {
        PLANNER_NAME
    }

    fn propose(&self, _prompt: &str, _catalog: &Catalog, _now: LocalTime) -> Result<Proposal> {
        Ok(self.proposal.clone())
    }
}
