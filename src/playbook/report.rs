//! What a playbook run reports: per step its status, the plans and actions it
//! created (and which of them wait for people), its answers and tables, and
//! how the run ended, which decides the exit code.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::format::Mode;
use crate::answer::{Answer, AnswerWindow};
use crate::audit::Outcome;
use crate::catalog::{Requires, Risk};
use crate::executor::DryRunReport;
use crate::exit_code::ExitCode;
use crate::payload::Payload;
use crate::pipeline::ExecutionReport;
use crate::plan::{ActionId, ActionStatus, Decision, Plan, PlanId};

/// `r<N>`: a playbook run's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunId(pub i64);

impl fmt::Display for RunId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "r{}", self.0)
    }
}

impl Serialize for RunId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// How a whole run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    /// Every step did what it was written to do (pending actions are a suggest run's result).
    Succeeded,
    /// Execute mode: writes still wait for a confirmation or approval.
    Waiting,
    /// A step (or an action in it) was denied by policy.
    Denied,
    /// A step was refused because a rate limit or budget is spent.
    RateLimited,
    /// A step failed.
    Failed,
}

impl RunStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RunStatus::Succeeded => "succeeded",
            RunStatus::Waiting => "waiting",
            RunStatus::Denied => "denied",
            RunStatus::RateLimited => "rate_limited",
            RunStatus::Failed => "failed",
        }
    }

    /// 0 succeeded · 1 a step failed · 3 denied by policy · 4 execute mode left
    /// writes waiting · 6 a rate limit or budget is spent.
    pub fn exit_code(self) -> ExitCode {
        match self {
            RunStatus::Succeeded => ExitCode::Success,
            RunStatus::Failed => ExitCode::Error,
            RunStatus::Denied => ExitCode::Denied,
            RunStatus::Waiting => ExitCode::NeedsConfirmation,
            RunStatus::RateLimited => ExitCode::RateLimited,
        }
    }
}

/// How one step ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    Succeeded,
    /// `when` was false for everything, or `for_each` gave nothing.
    Skipped,
    Denied,
    /// A rate limit or budget (the agent's, a policy rule's) refused the step's work.
    RateLimited,
    Failed,
    /// An earlier step failed or was denied with `on_error: stop`.
    NotRun,
}

impl StepStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            StepStatus::Succeeded => "succeeded",
            StepStatus::Skipped => "skipped",
            StepStatus::Denied => "denied",
            StepStatus::RateLimited => "rate_limited",
            StepStatus::Failed => "failed",
            StepStatus::NotRun => "not_run",
        }
    }
}

/// A stale lock this run took over.
#[derive(Debug, Clone, Serialize)]
pub struct RecoveredLock {
    pub run_id: RunId,
    pub holder: String,
    pub started_at: DateTime<Utc>,
    pub reason: String,
}

/// A whole run.
#[derive(Debug, Clone, Serialize)]
pub struct RunReport {
    pub run_id: RunId,
    pub playbook: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub file: String,
    pub mode: Mode,
    /// Who the run acted as; their permissions applied to every step.
    pub acting: String,
    pub status: RunStatus,
    pub exit_code: u8,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub vars: Map<String, Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lock_recovered: Option<RecoveredLock>,
    pub totals: Totals,
    pub steps: Vec<StepReport>,
}

/// Counts over the whole run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    pub steps: usize,
    pub succeeded: usize,
    pub skipped: usize,
    pub denied: usize,
    pub rate_limited: usize,
    pub failed: usize,
    pub not_run: usize,
    pub answers: usize,
    pub plans: usize,
    pub actions: usize,
    pub suggested: usize,
    pub pending_confirmation: usize,
    pub pending_approval: usize,
    pub denied_actions: usize,
    pub simulated: usize,
    pub executed: usize,
}

/// One step of a run.
#[derive(Debug, Clone, Serialize)]
pub struct StepReport {
    pub id: String,
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub status: StepStatus,
    /// Iterations that ran.
    pub count: usize,
    /// Iterations `when` skipped.
    pub skipped: usize,
    pub answers: Vec<AnswerReport>,
    pub plans: Vec<PlanReport>,
    pub errors: Vec<String>,
    pub duration_ms: u64,
}

/// One answer of an `ask` step.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerReport {
    pub prompt: String,
    pub answer: String,
    pub columns: Vec<String>,
    pub rows: Vec<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub draft: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window: Option<AnswerWindow>,
    pub sources: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggested_command: Option<String>,
    pub confidence: f64,
    pub masked: bool,
}

impl From<Answer> for AnswerReport {
    fn from(answer: Answer) -> AnswerReport {
        AnswerReport {
            prompt: answer.prompt,
            answer: answer.answer,
            columns: answer.table.columns,
            rows: answer.rows,
            draft: answer.draft,
            window: answer.window,
            sources: answer.sources.iter().map(|s| s.line()).collect(),
            suggested_command: answer.suggested_command,
            confidence: answer.confidence,
            masked: answer.masked,
        }
    }
}

/// One plan a `plan` or `action` step stored.
#[derive(Debug, Clone, Serialize)]
pub struct PlanReport {
    pub plan_id: PlanId,
    pub prompt: String,
    pub actions: Vec<ActionReport>,
}

/// One stored action and what happens to it next.
#[derive(Debug, Clone, Serialize)]
pub struct ActionReport {
    pub action_id: ActionId,
    pub action: String,
    pub params: Value,
    pub risk: Risk,
    pub decision: Decision,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_permission: Option<String>,
    pub requires: Requires,
    pub second_factor: bool,
    pub status: ActionStatus,
    /// The payload's one-line impact.
    pub summary: String,
    /// What a person does next, when anything.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub simulation: Option<DryRunReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution: Option<ExecutionReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl ActionReport {
    /// The command a person runs next for an action in `status`.
    pub fn next_for(status: ActionStatus, id: ActionId) -> Option<String> {
        match status {
            ActionStatus::PendingConfirmation => Some(format!("opsgate execute {id}")),
            ActionStatus::PendingApproval => Some(format!("opsgate approve {id} (a second person)")),
            _ => None,
        }
    }

    pub fn is_pending(&self) -> bool {
        matches!(self.status, ActionStatus::PendingConfirmation | ActionStatus::PendingApproval)
    }
}

impl PlanReport {
    /// A stored plan as reported; tokens are left out (a cron log is no place for them).
    pub fn new(plan: Plan) -> PlanReport {
        let actions = plan
            .steps
            .into_iter()
            .map(|step| {
                let summary =
                    Payload::from_value(&step.payload).map(|p| p.summary().to_owned()).unwrap_or_default();
                ActionReport {
                    next: ActionReport::next_for(step.status, step.action_id),
                    note: step
                        .missing_permission
                        .as_ref()
                        .map(|missing| format!("denied: lacks `{missing}`")),
                    action_id: step.action_id,
                    action: step.action,
                    params: step.params,
                    risk: step.risk,
                    decision: step.decision,
                    missing_permission: step.missing_permission,
                    requires: step.requires,
                    second_factor: step.second_factor,
                    status: step.status,
                    summary,
                    simulation: None,
                    execution: None,
                }
            })
            .collect();
        PlanReport { plan_id: plan.plan_id, prompt: plan.prompt, actions }
    }
}

impl StepReport {
    pub fn actions(&self) -> impl Iterator<Item = &ActionReport> {
        self.plans.iter().flat_map(|p| p.actions.iter())
    }

    /// What later steps read as `steps.<id>` (every key of
    /// [`super::template::STEP_OUTPUTS`], always present).
    pub fn outputs(&self) -> Value {
        let rows: Vec<&Value> = self.answers.iter().flat_map(|a| a.rows.iter()).collect();
        let answers: Vec<&str> = self.answers.iter().map(|a| a.answer.as_str()).collect();
        let drafts: Vec<&str> = self.answers.iter().filter_map(|a| a.draft.as_deref()).collect();
        let actions: Vec<Value> = self
            .plans
            .iter()
            .flat_map(|plan| {
                plan.actions.iter().map(move |a| {
                    json!({
                        "plan_id": plan.plan_id,
                        "action_id": a.action_id,
                        "action": a.action,
                        "params": a.params,
                        "decision": a.decision,
                        "status": a.status,
                    })
                })
            })
            .collect();
        json!({
            "kind": self.kind,
            "status": self.status.as_str(),
            "count": self.count,
            "skipped": self.skipped,
            "answer": answers.join("\n"),
            "answers": answers,
            "rows": rows,
            "draft": if drafts.is_empty() { Value::Null } else { json!(drafts.join("\n\n")) },
            "window": self.answers.iter().find_map(|a| a.window.as_ref()),
            "suggested_command": self.answers.iter().find_map(|a| a.suggested_command.as_deref()),
            "plan_id": self.plans.first().map(|p| p.plan_id),
            "plan_ids": self.plans.iter().map(|p| p.plan_id).collect::<Vec<_>>(),
            "action_ids": self.actions().map(|a| a.action_id).collect::<Vec<_>>(),
            "actions": actions,
            "pending": self.actions().filter(|a| a.is_pending()).count(),
            "errors": self.errors,
        })
    }
}

impl Totals {
    pub fn of(steps: &[StepReport]) -> Totals {
        let mut totals = Totals { steps: steps.len(), ..Totals::default() };
        for step in steps {
            match step.status {
                StepStatus::Succeeded => totals.succeeded += 1,
                StepStatus::Skipped => totals.skipped += 1,
                StepStatus::Denied => totals.denied += 1,
                StepStatus::RateLimited => totals.rate_limited += 1,
                StepStatus::Failed => totals.failed += 1,
                StepStatus::NotRun => totals.not_run += 1,
            }
            totals.answers += step.answers.len();
            totals.plans += step.plans.len();
            for action in step.actions() {
                totals.actions += 1;
                match action.status {
                    ActionStatus::Suggested => totals.suggested += 1,
                    ActionStatus::PendingConfirmation => totals.pending_confirmation += 1,
                    ActionStatus::PendingApproval => totals.pending_approval += 1,
                    ActionStatus::Denied => totals.denied_actions += 1,
                    _ => {}
                }
                totals.simulated += usize::from(action.simulation.is_some());
                totals.executed += usize::from(action.execution.is_some());
            }
        }
        totals
    }

    /// The run's status: a failure outweighs a spent limit, which outweighs a
    /// denial, which outweighs writes left waiting (which only count against an
    /// execute run: in suggest mode they are the result).
    pub fn status(&self, mode: Mode) -> RunStatus {
        if self.failed > 0 {
            RunStatus::Failed
        } else if self.rate_limited > 0 {
            RunStatus::RateLimited
        } else if self.denied > 0 || self.denied_actions > 0 {
            RunStatus::Denied
        } else if mode == Mode::Execute && self.pending_confirmation + self.pending_approval > 0 {
            RunStatus::Waiting
        } else {
            RunStatus::Succeeded
        }
    }
}

impl From<RunStatus> for Outcome {
    fn from(status: RunStatus) -> Outcome {
        match status {
            RunStatus::Succeeded => Outcome::Succeeded,
            RunStatus::Waiting => Outcome::Waiting,
            RunStatus::Denied => Outcome::Denied,
            RunStatus::Failed => Outcome::Failed,
            RunStatus::RateLimited => Outcome::RateLimited,
        }
    }
}

impl From<StepStatus> for Outcome {
    /// A step that never ran is logged as skipped.
    fn from(status: StepStatus) -> Outcome {
        match status {
            StepStatus::Succeeded => Outcome::Succeeded,
            StepStatus::Skipped | StepStatus::NotRun => Outcome::Skipped,
            StepStatus::Denied => Outcome::Denied,
            StepStatus::RateLimited => Outcome::RateLimited,
            StepStatus::Failed => Outcome::Failed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(status: StepStatus) -> StepReport {
        StepReport {
            id: "s".into(),
            kind: "plan",
            description: None,
            status,
            count: 1,
            skipped: 0,
            answers: Vec::new(),
            plans: Vec::new(),
            errors: Vec::new(),
            duration_ms: 0,
        }
    }

    #[test]
    fn failure_outweighs_denial_which_outweighs_waiting() {
        let all = [step(StepStatus::Succeeded), step(StepStatus::Denied), step(StepStatus::Failed)];
        assert_eq!(Totals::of(&all).status(Mode::Suggest), RunStatus::Failed);
        assert_eq!(Totals::of(&all[..2]).status(Mode::Suggest), RunStatus::Denied);
        let mut pending = Totals::of(&all[..1]);
        pending.pending_approval = 2;
        assert_eq!(pending.status(Mode::Suggest), RunStatus::Succeeded);
        assert_eq!(pending.status(Mode::Execute), RunStatus::Waiting);
        assert_eq!(RunStatus::Failed.exit_code().code(), 1);
        assert_eq!(RunStatus::Denied.exit_code().code(), 3);
        assert_eq!(RunStatus::Waiting.exit_code().code(), 4);
        assert_eq!(RunStatus::Succeeded.exit_code().code(), 0);
    }

    #[test]
    fn every_documented_output_is_present() {
        let outputs = step(StepStatus::Skipped).outputs();
        let keys: Vec<&str> = outputs.as_object().unwrap().keys().map(String::as_str).collect();
        let mut documented = super::super::template::STEP_OUTPUTS.to_vec();
        documented.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, documented);
    }
}
