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
mod run_http;
mod simulate;

pub use approve::{
    ApprovalDecision, ApprovalReview, DecisionReport, DecisionSigner, PRESENTED_DECISION_SKEW_SECONDS,
    PendingApproval, approvable, decide_approval, review_for_approval, review_for_decision,
};
pub use execute::{Confirmation, ExecuteRequest, ExecutionReport, Review, execute_action, review_execution};
pub use judge::{Judged, judge_step};
pub use plan::{MAX_STEPS, PlanBatch, PlanOptions, plan_prompt, plan_proposal};
pub use preflight::{Cleared, Refusal, preflight};
pub use resolve::{load_plan, load_step, may_see, resolve_actions, step_from_row};
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

// An HTTP or MCP handler runs these on a multi-threaded runtime, so their
// futures must be `Send`; this fails the build, not a handler, when one stops being.
const _: () = {
    use crate::pipeline::DecisionSigner;
    use crate::plan::Plan;
    use crate::planner::Planner;
    use crate::second_factor::SecondFactor;
    use crate::session::Session;
    use crate::store::ActionRow;

    fn send<F: std::future::Future + Send>(_: F) {}

    #[allow(dead_code, clippy::too_many_arguments)]
    fn entry_points_are_send(
        session: &Session,
        planner: &dyn Planner,
        plan: &Plan,
        row: &ActionRow,
        request: ExecuteRequest<'_, '_>,
        signer: &DecisionSigner<'_>,
        decision: ApprovalDecision<'_>,
        second_factor: &mut SecondFactor<'_>,
    ) {
        send(plan_prompt(session, planner, "", PlanOptions { mode: "suggest" }));
        send(simulate_plan(session, plan));
        send(execute_action(session, row, request));
        send(review_for_approval(session, row));
        send(decide_approval(session, row, signer, decision, second_factor));
        send(review_execution(session, row));
        send(approvable(session));
        send(judge_step(session, "", &serde_json::Value::Null));
    }
};
