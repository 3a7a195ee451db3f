//! The one pipeline every entry point goes through:
//! prompt → planner → guard → payload → (stored plan) → confirm → executor,
//! with every stage appending to the audit log. Each function here orchestrates
//! the stages; none of them does a stage's job itself.

mod approve;
mod execute;
mod judge;
mod plan;
mod preflight;
mod resolve;
mod run;
mod simulate;

pub use approve::{
    ApprovalDecision, ApprovalReview, DecisionReport, PendingApproval, approvable, decide_approval,
    review_for_approval,
};
pub use execute::{Confirmation, ExecuteRequest, ExecutionReport, Review, execute_action};
pub use judge::{Judged, judge_step};
pub use plan::{MAX_STEPS, PlanBatch, PlanOptions, plan_prompt};
pub use preflight::{Cleared, Refusal, preflight};
pub use resolve::{load_plan, load_step, resolve_actions};
pub use run::{Runner, claimer_name, finish, host_name, run_claimed};
pub use simulate::{PlanSimulation, StepSimulation, simulate_plan};

use chrono::Duration;

/// Default lifetime of a confirmation token (DESIGN.md: 5 minutes).
pub const DEFAULT_TOKEN_TTL: Duration = Duration::minutes(5);

/// The `ops_config` key that changes the token lifetime (seconds).
pub const TOKEN_TTL_KEY: &str = "confirm.token_ttl_seconds";

/// The configured token lifetime.
fn token_ttl(settings: &crate::settings::Settings) -> Duration {
    settings
        .value(TOKEN_TTL_KEY)
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|seconds| *seconds > 0)
        .map(Duration::seconds)
        .unwrap_or(DEFAULT_TOKEN_TTL)
}
