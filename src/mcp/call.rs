//! One tool call, through the same pipeline as every other surface: a read
//! runs at once; a write is planned and stored exactly as `opsgate plan`
//! stores it, and comes back as a pending action with the command a person
//! runs. No tool call executes a write on the model's say-so.

use std::path::Path;

use serde::Deserialize;
use serde_json::{Value, json};

use super::tools::{ASK, PENDING, PLAN, SHOW};
use crate::answer::{AskRequest, ask, read_explicit};
use crate::catalog::ActionSpec;
use crate::error::{Error, Result};
use crate::guard::{Charge, Guard, Stage};
use crate::pipeline::{PlanOptions, load_plan, load_step, may_see, plan_prompt, plan_proposal};
use crate::plan::{ActionStatus, Decision, Plan, PlanId, Proposal, Step, StoredId};
use crate::planner::RulesPlanner;
use crate::render::{ActionView, ApprovalLine};
use crate::session::{Constraints, Mode, Session};
use crate::store::HistoryFilter;

/// What a tool call names.
pub enum Target {
    Action(&'static ActionSpec),
    Own(&'static str),
}

/// The tool a name stands for; `None` when there is no such tool at all
/// (a protocol error, unlike a tool this session may not use).
pub fn target(session: &Session, name: &str) -> Option<Target> {
    if let Some(own) = super::tools::OWN_TOOLS.iter().find(|own| **own == name) {
        return Some(Target::Own(own));
    }
    session.catalog().get(name).map(Target::Action)
}

/// What a call needs besides its session and arguments.
pub struct CallContext<'a> {
    pub session: &'a Session,
    /// Draft template overrides (`$XDG_CONFIG_HOME/opsgate/templates`).
    pub templates_dir: &'a Path,
}

/// Runs one call and returns its structured result (not masked yet). A
/// refusal is an error naming why, in one line.
pub async fn call(cx: &CallContext<'_>, target: &Target, arguments: Value) -> Result<Value> {
    let size = arguments.to_string().len();
    if size > super::MAX_ARGUMENT_BYTES {
        return Err(Error::Usage(format!(
            "the arguments are {size} bytes of JSON; a tool call takes at most {}",
            super::MAX_ARGUMENT_BYTES
        )));
    }
    match target {
        Target::Action(action) => call_action(cx, action, arguments).await,
        Target::Own(PLAN) => {
            let PlanArguments { prompt } = arguments_of(PLAN, arguments)?;
            let planner = RulesPlanner::new(cx.session.catalog());
            let plan = plan_prompt(cx.session, &planner, &prompt, PlanOptions { mode: "suggest" }).await?;
            Ok(plan_result(&plan))
        }
        Target::Own(ASK) => {
            let AskArguments { question } = arguments_of(ASK, arguments)?;
            let session = narrowed_to_reads(cx.session);
            let planner = RulesPlanner::new(session.catalog());
            let request = AskRequest { prompt: &question, templates_dir: cx.templates_dir.to_path_buf() };
            let answer = ask(&session, &planner, request).await?;
            serde_json::to_value(&answer).map_err(|e| Error::Internal(e.to_string()))
        }
        Target::Own(SHOW) => {
            let ShowArguments { id } = arguments_of(SHOW, arguments)?;
            count_one_call(cx.session).await?;
            show(cx.session, &id).await
        }
        Target::Own(PENDING) => {
            let NoArguments {} = arguments_of(PENDING, arguments)?;
            count_one_call(cx.session).await?;
            pending(cx.session).await
        }
        Target::Own(other) => Err(Error::Internal(format!("tool `{other}` has no handler"))),
    }
}

/// `show` and `pending` decide nothing but are tool calls all the same: they count.
async fn count_one_call(session: &Session) -> Result<()> {
    let guard = Guard::new(session);
    guard.require_ai_use()?;
    guard.charge(Charge { tool_calls: 1, mutations: 0 }).await
}

/// The same session (its id, so its budgets) in read-only mode.
fn narrowed_to_reads(session: &Session) -> Session {
    let constraints = Constraints { mode: Mode::ReadOnly, ..session.constraints().clone() };
    session.clone().with_constraints(constraints)
}

async fn call_action(cx: &CallContext<'_>, action: &'static ActionSpec, arguments: Value) -> Result<Value> {
    let session = cx.session;
    // Whatever the client was shown: the guard decides again, now.
    let verdict = Guard::new(session).permits(action, Stage::Plan);
    if !verdict.is_allowed() {
        return Err(Error::Denied(verdict.denial.unwrap_or_else(|| format!("{} is denied", action.name))));
    }
    if !action.risk.writes() {
        let result = read_explicit(session, action, arguments, cx.templates_dir).await?;
        return serde_json::to_value(&result).map_err(|e| Error::Internal(e.to_string()));
    }
    let prompt = format!("{} (MCP tool call)", action.name);
    let rationale = match session.agent() {
        Some(agent) => format!("called by agent `{}` over MCP", agent.name),
        None => "called over MCP".to_owned(),
    };
    let proposal = Proposal::explicit("mcp", &action.name, arguments, rationale, Vec::new());
    let plan = plan_proposal(session, &prompt, proposal, PlanOptions { mode: "suggest" }).await?;
    let step = plan.steps.first().ok_or_else(|| Error::Internal("the plan has no step".into()))?;
    if step.decision == Decision::Denied {
        return Err(Error::Denied(format!(
            "{} (recorded as denied {} of {})",
            step.denial.as_deref().unwrap_or("denied"),
            step.action_id,
            plan.plan_id
        )));
    }
    Ok(pending_result(plan.plan_id, step))
}

/// A stored write as the model sees it: never its confirmation token.
pub fn pending_result(plan_id: PlanId, step: &Step) -> Value {
    json!({
        "plan_id": plan_id.to_string(),
        "action_id": step.action_id.to_string(),
        "action": step.action,
        "status": step.status.as_str(),
        "summary": step.payload.get("summary").and_then(Value::as_str).unwrap_or_default(),
        "params": step.params,
        "payload": step.payload,
        "payload_hash": step.payload_hash,
        "requires": step.requires.as_str(),
        "approvals": step.approvals,
        "second_factor": step.second_factor,
        "next": next_command(step),
    })
}

/// What a person does next with a stored step.
fn next_command(step: &Step) -> String {
    let id = step.action_id;
    match step.status {
        ActionStatus::PendingApproval => format!(
            "a second person who holds `{}` approves it with `opsgate approve {id}`; then its requester runs `opsgate execute {id}`{}",
            step.permission,
            if step.second_factor { " with a second factor" } else { "" }
        ),
        ActionStatus::PendingConfirmation => format!(
            "the person reviews and confirms it on a terminal with `opsgate execute {id}`{}",
            if step.second_factor { " (with a second factor)" } else { "" }
        ),
        ActionStatus::Approved => format!("approved: its requester runs `opsgate execute {id}`"),
        status => format!("{id} is {}; nothing to do", status.as_str()),
    }
}

/// A plan as the model sees it: reads are listed, writes are pending, no tokens.
fn plan_result(plan: &Plan) -> Value {
    let steps: Vec<Value> = plan
        .steps
        .iter()
        .map(|step| {
            let mut shown = pending_result(plan.plan_id, step);
            if step.decision == Decision::Denied {
                shown["denial"] = json!(step.denial);
                shown["next"] = json!("denied; nothing to do");
            } else if !step.risk.writes() {
                shown["next"] = json!(format!("a read: call the `{}` tool to run it", step.action));
            }
            shown
        })
        .collect();
    json!({"plan_id": plan.plan_id.to_string(), "prompt": plan.prompt, "steps": steps})
}

async fn show(session: &Session, id: &str) -> Result<Value> {
    let person = session.person()?;
    let store = session.store();
    match id.parse::<StoredId>()? {
        StoredId::Plan(id) => {
            let plan = load_plan(store, id).await?;
            may_see(person, &plan.requested_by)?;
            Ok(plan_result(&plan))
        }
        StoredId::Action(id) => {
            let (row, step) = load_step(store, id).await?;
            may_see(person, &row.requester_email)?;
            let approvals = store.approvals_of(row.id).await?.iter().map(ApprovalLine::from).collect();
            let mut shown = serde_json::to_value(ActionView { step: step.clone(), approvals })
                .map_err(|e| Error::Internal(e.to_string()))?;
            shown["plan_id"] = json!(PlanId(row.plan_id).to_string());
            shown["next"] = json!(next_command(&step));
            Ok(shown)
        }
    }
}

/// Statuses in which an action still waits for a person.
const WAITING: &[ActionStatus] =
    &[ActionStatus::PendingConfirmation, ActionStatus::PendingApproval, ActionStatus::Approved];

async fn pending(session: &Session) -> Result<Value> {
    let person = session.person()?;
    let mut pending = Vec::new();
    for status in WAITING {
        let filter = HistoryFilter {
            requested_by: Some(person.id),
            status: Some(status.as_str().to_owned()),
            limit: 200,
            ..HistoryFilter::default()
        };
        for (row, prompt) in session.store().history(&filter).await? {
            let step = crate::pipeline::step_from_row(&row)?;
            let mut shown = pending_result(PlanId(row.plan_id), &step);
            shown["prompt"] = json!(prompt);
            shown["created_at"] = json!(row.created_at.to_rfc3339());
            pending.push((row.id, shown));
        }
    }
    pending.sort_by_key(|(id, _)| std::cmp::Reverse(*id));
    Ok(json!({"pending": pending.into_iter().map(|(_, shown)| shown).collect::<Vec<_>>()}))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanArguments {
    prompt: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AskArguments {
    question: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ShowArguments {
    id: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoArguments {}

/// Longest prompt or question a tool takes, as its schema says.
const MAX_TEXT: usize = 2000;

fn arguments_of<T: for<'de> Deserialize<'de>>(tool: &str, arguments: Value) -> Result<T> {
    if let Some(text) = arguments.as_object().and_then(|map| map.values().find_map(Value::as_str))
        && (text.trim().is_empty() || text.chars().count() > MAX_TEXT)
    {
        return Err(Error::Usage(format!("`{tool}` takes 1 to {MAX_TEXT} characters of text")));
    }
    serde_json::from_value(arguments)
        .map_err(|e| Error::Usage(format!("invalid arguments for `{tool}`: {e}")))
}
