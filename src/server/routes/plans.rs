//! Plans, dry-runs, the reviews a person confirms on their terminal, execution, reads.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Extension, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;
use serde_json::json;

use super::{Argv, PlannerFields, body, run, run_parsed};
use crate::cli::Command;
use crate::cli::execute::TerminalAnswered;
use crate::error::{Error, Result};
use crate::exit_code::ExitCode;
use crate::pipeline::{resolve_actions, review_execution};
use crate::plan::{ActionStatus, StoredId};
use crate::render::{OutputFormat, review_text};
use crate::server::{Caller, Served, reply};
use crate::session::Mode;

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct PlanBody {
    prompt: String,
    /// `suggest` (the default) or `dry-run`.
    mode: Option<String>,
    #[serde(flatten)]
    pub(super) planner: PlannerFields,
}

pub(super) async fn create_plan(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let request: PlanBody = or_reply!(body(&bytes));
    let verb = match request.mode.as_deref() {
        None | Some("suggest" | "execute") => "plan",
        Some("dry-run") => "dry-run",
        Some(other) => {
            return reply::error(&Error::Usage(format!(
                "mode `{other}`: a plan is made as suggest, dry-run or execute"
            )));
        }
    };
    let argv = Argv::new(&[verb]).planner(&request.planner).positionals(&[request.prompt]);
    let mut command = or_reply!(argv.parse());
    if let Command::Plan(args) = &mut command {
        // Planned to be executed next, as `execute "request"` does.
        args.for_execution = request.mode.as_deref() == Some("execute");
    }
    run_parsed(served, caller, &headers, command).await
}

/// A stored plan's (or action's plan's) dry-run; the `{id}` is never a prompt.
pub(super) fn dry_run(id: &str) -> Result<Argv> {
    let id = match id.parse::<StoredId>()? {
        StoredId::Plan(id) => id.to_string(),
        StoredId::Action(id) => id.to_string(),
    };
    Ok(Argv::new(&["dry-run"]).positionals(&[id]))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct ReviewsBody {
    targets: Vec<String>,
    agent: Option<String>,
}

/// What `execute` would show before confirming each write of the targets: a
/// team-mode client shows these on the person's terminal and sends back the answers.
pub(super) async fn reviews(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    bytes: Bytes,
) -> Response {
    let request: ReviewsBody = or_reply!(body(&bytes));
    run(served, caller, OutputFormat::Json, move |ctx| async move {
        let session = ctx.session(Mode::Execute, request.agent.as_deref()).await?;
        let audience = ctx.audience().await?.clone();
        let mut out = Vec::new();
        for target in &request.targets {
            for row in resolve_actions(&ctx.store, target.parse::<StoredId>()?).await? {
                if row.status == ActionStatus::Suggested {
                    continue;
                }
                let (review, second_factor) = review_execution(&session, &row).await?;
                out.push(json!({
                    "action_id": review.action_id,
                    "action": review.action,
                    "status": row.status.as_str(),
                    "payload_hash": review.payload_hash,
                    "second_factor": second_factor,
                    "type_to_confirm": review.type_to_confirm,
                    "text": audience.text(&review_text(&review)),
                }));
            }
        }
        ctx.write(&crate::render::json(&json!({"reviews": out}))?)?;
        Ok(ExitCode::Success)
    })
    .await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct ExecuteBody {
    targets: Vec<String>,
    token: Option<String>,
    totp: Option<String>,
    queue: bool,
    /// Answers given on the person's own terminal, by action id (`42` or `a42`).
    answered: BTreeMap<String, TerminalAnswered>,
    #[serde(flatten)]
    planner: PlannerFields,
}

pub(super) async fn execute(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let request: ExecuteBody = or_reply!(body(&bytes));
    // A write an agent planned is confirmed by its person, never by the agent:
    // not at a terminal it does not have, nor with the token its plan showed.
    if let Some(agent) = &caller.agent
        && (!request.answered.is_empty() || request.token.is_some())
    {
        return reply::error(&Error::Denied(format!(
            "agent `{agent}` cannot confirm a write: {} executes it on their terminal (`opsgate execute aN`), or people approve it",
            caller.person.email
        )));
    }
    let mut answered = BTreeMap::new();
    for (id, answer) in request.answered {
        let Ok(StoredId::Action(action_id)) = id.parse::<StoredId>() else {
            return reply::error(&Error::Usage(format!(
                "`answered` is keyed by action ids (a42), not `{id}`"
            )));
        };
        answered.insert(action_id.0, answer);
    }
    let argv = Argv::new(&["execute"])
        .option("token", request.token.as_deref())
        .option("totp", request.totp.as_deref())
        .flag("queue", request.queue)
        .planner(&request.planner)
        .positionals(&request.targets);
    let mut command = or_reply!(argv.parse());
    if let Command::Execute(args) = &mut command {
        args.answered = answered;
    }
    run_parsed(served, caller, &headers, command).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct AskBody {
    prompt: String,
    max_steps: Option<u32>,
    #[serde(flatten)]
    planner: PlannerFields,
}

pub(super) fn ask(request: AskBody) -> Result<Argv> {
    Ok(Argv::new(&["ask"])
        .option("max-steps", request.max_steps)
        .planner(&request.planner)
        .positionals(&[request.prompt]))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct HistoryQuery {
    status: Option<String>,
    action: Option<String>,
    since: Option<String>,
    until: Option<String>,
    all: bool,
    limit: Option<i64>,
}

pub(super) fn history(q: HistoryQuery) -> Result<Argv> {
    Ok(Argv::new(&["history"])
        .option("status", q.status)
        .option("action", q.action)
        .option("since", q.since)
        .option("until", q.until)
        .flag("all", q.all)
        .option("limit", q.limit))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct AuditQuery {
    actor: Option<String>,
    subject: Option<String>,
    event: Option<String>,
    action: Option<i64>,
    status: Option<String>,
    since: Option<String>,
    until: Option<String>,
    limit: Option<i64>,
    /// `jsonl`: one JSON object per line.
    format: Option<String>,
}

pub(super) fn audit(q: AuditQuery) -> Result<Argv> {
    Ok(Argv::new(&["audit", "query"])
        .option("actor", q.actor)
        .option("subject", q.subject)
        .option("event", q.event)
        .option("action", q.action)
        .option("status", q.status)
        .option("since", q.since)
        .option("until", q.until)
        .option("limit", q.limit)
        .option("format", q.format))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct ExportQuery {
    format: Option<String>,
}

pub(super) fn export(q: ExportQuery) -> Result<Argv> {
    Ok(Argv::new(&["audit", "export"]).option("format", q.format))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct InclusionQuery {
    entry: i64,
    size: Option<i64>,
}

pub(super) fn inclusion_proof(q: InclusionQuery) -> Result<Argv> {
    Ok(Argv::new(&["audit", "prove"]).option("size", q.size).positionals(&[q.entry.to_string()]))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct ConsistencyQuery {
    old_size: i64,
    size: Option<i64>,
}

pub(super) fn consistency_proof(q: ConsistencyQuery) -> Result<Argv> {
    Ok(Argv::new(&["audit", "prove"]).option("consistency", Some(q.old_size)).option("size", q.size))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct CatalogQuery {
    mine: bool,
}

pub(super) fn catalog(q: CatalogQuery) -> Result<Argv> {
    Ok(Argv::new(&["actions"]).flag("mine", q.mine))
}
