//! The one pipeline every entry point goes through:
//! prompt → planner → guard → payload → (stored plan) → confirm → executor,
//! with every stage appending to the audit log. Each function here orchestrates
//! the stages; none of them does a stage's job itself.

mod approve;
mod execute;
mod plan;
mod resolve;
mod run;
mod simulate;

pub use approve::{
    ApprovalDecision, ApprovalReview, DecisionReport, PendingApproval, approvable, decide_approval,
    review_for_approval,
};
pub use execute::{Confirmation, ExecuteRequest, ExecutionReport, Review, execute_action};
pub use plan::{PlanBatch, PlanOptions, plan_prompt};
pub use resolve::{load_plan, load_step, resolve_actions};
pub use run::{Runner, claimer_name, finish, host_name, run_claimed};
pub use simulate::{StepSimulation, simulate_plan};

use chrono::Duration;
use serde_json::Value;

use crate::audit::{Actor, NewAuditEntry};
use crate::identity::StaffMember;
use crate::store::Store;

/// Default lifetime of a confirmation token (DESIGN.md: 5 minutes).
pub const DEFAULT_TOKEN_TTL: Duration = Duration::minutes(5);

/// The `ops_config` key that changes the token lifetime (seconds).
pub const TOKEN_TTL_KEY: &str = "confirm.token_ttl_seconds";

/// An audit entry about something a person did through the pipeline.
fn audit(person: &StaffMember, event: &str, status: &str, payload: Value) -> NewAuditEntry {
    NewAuditEntry::new(Actor::person(&person.email), event, status).subject(&person.email).payload(payload)
}

/// The configured token lifetime.
async fn token_ttl(store: &Store) -> crate::Result<Duration> {
    let configured = store
        .snapshot_row("ops_config", "key", TOKEN_TTL_KEY, &["value"])
        .await?
        .and_then(|values| values[0].as_deref().and_then(|v| v.trim().parse::<i64>().ok()))
        .filter(|seconds| *seconds > 0);
    Ok(configured.map(Duration::seconds).unwrap_or(DEFAULT_TOKEN_TTL))
}
