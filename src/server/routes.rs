//! The routes. A `/v1` route turns its request into the same command the
//! command line would run (flags as `--name=value`, positionals after `--`,
//! so no request value is ever read as a flag) and runs it for the caller;
//! the few steps a person takes on their own machine — reading a review
//! before confirming, signing an approval — have routes of their own.

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Extension, MatchedPath, Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use clap::Parser;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::json;

use super::{Caller, Served, auth, openapi, reply};
use crate::cli::execute::TerminalAnswered;
use crate::cli::{Cli, Command, Context};
use crate::error::{Error, Result};
use crate::exit_code::ExitCode;
use crate::pipeline::{
    ApprovalDecision, DecisionSigner, decide_approval, load_step, resolve_actions, review_execution,
    review_for_decision,
};
use crate::plan::{ActionStatus, StoredId};
use crate::render::{ApprovalReviewView, DecisionView, OutputFormat, approval_review_text, review_text};
use crate::second_factor::{CodeSource, SecondFactor};
use crate::session::Mode;

pub fn router(served: Arc<Served>) -> Router {
    let v1 = Router::new()
        .route("/plans", post(create_plan))
        .route("/plans/{id}", get(show))
        .route("/plans/{id}/dry-run", post(dry_run_stored))
        .route("/actions/{id}", get(show))
        .route("/actions/{id}/approval", get(approval_review))
        .route("/reviews", post(reviews))
        .route("/execute", post(execute))
        .route("/approvals", get(pending).post(decide))
        .route("/ask", post(ask))
        .route("/history", get(history))
        .route("/audit", get(audit_query))
        .route("/audit/verify", get(audit_verify))
        .route("/catalog", get(catalog))
        .route("/catalog/{name}", get(catalog_one))
        .route("/staff", get(staff).post(staff_add))
        .route("/staff/invitations", post(staff_invite))
        .route("/staff/role-changes", post(staff_set_role))
        .route("/staff/deactivations", post(staff_deactivate))
        .route("/staff/keys", get(staff_keys).post(staff_rotate_key))
        .route("/staff/keys/{key}/revocation", post(staff_revoke_key))
        .route("/staff/totp", post(totp_enroll))
        .route("/staff/totp/confirmation", post(totp_confirm))
        .route("/agents", get(agents).post(agent_add))
        .route("/agents/{name}/rotation", post(agent_rotate))
        .route("/agents/{name}/revocation", post(agent_revoke))
        .route("/agents/{name}/disable", post(agent_disable))
        .route("/policy", get(policy).post(policy_apply))
        .route("/policy/tests", post(policy_test))
        .layer(from_fn_with_state(served.clone(), auth::authenticate))
        // Added after the layer: reachable without a registered key.
        .route("/openapi.json", get(openapi_document))
        .route("/enrolments", post(enrol));
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .nest("/v1", v1)
        .fallback(not_found)
        .layer(from_fn_with_state(served.clone(), observe))
        .with_state(served)
}

/// Counts and times every request by its route template.
async fn observe(State(served): State<Arc<Served>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".into());
    let method = request.method().as_str().to_owned();
    let response = next.run(request).await;
    let exit =
        response.headers().get(reply::EXIT_CODE_HEADER).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let denied = exit == ExitCode::Denied.code().to_string();
    served.metrics.observe(&route, &method, response.status().as_u16(), denied, started.elapsed());
    response
}

async fn not_found() -> Response {
    reply::error(&Error::NotFound("no such route; see /v1/openapi.json".into()))
}

async fn healthz(State(served): State<Arc<Served>>) -> Response {
    match served.store.queued_count().await {
        Ok(_) => (StatusCode::OK, "ok\n").into_response(),
        Err(error) => reply::error(&error),
    }
}

async fn metrics(State(served): State<Arc<Served>>) -> Response {
    let in_flight = served.options.max_in_flight - served.slots.available_permits();
    match served.metrics.render(&served.store, in_flight).await {
        Ok(text) => (StatusCode::OK, [("content-type", "text/plain; version=0.0.4")], text).into_response(),
        Err(error) => reply::error(&error),
    }
}

async fn openapi_document() -> Response {
    reply::document(&openapi::document())
}

/// Runs `work` for the caller in a context of its own, detached from the
/// connection: a client that goes away does not stop a write halfway.
async fn run<F, Fut>(served: Arc<Served>, caller: Caller, format: OutputFormat, work: F) -> Response
where
    F: FnOnce(Arc<Context>) -> Fut + Send + 'static,
    Fut: Future<Output = Result<ExitCode>> + Send + 'static,
{
    let slot =
        tokio::time::timeout(served.options.request_timeout, served.slots.clone().acquire_owned()).await;
    let Ok(Ok(slot)) = slot else {
        let busy =
            Error::RateLimited("the server is busy: every request slot stayed taken; try again".into());
        return reply::error_with_status(&busy, StatusCode::SERVICE_UNAVAILABLE);
    };
    let ctx = Arc::new(Context::for_request(&served, format, &caller));
    let task = tokio::spawn({
        let ctx = ctx.clone();
        async move {
            let _slot = slot;
            work(ctx).await
        }
    });
    match task.await {
        Ok(result) => reply::outcome(format, ctx.take_output(), result),
        Err(_) => reply::error(&Error::Internal("the request's command stopped unexpectedly".into())),
    }
}

/// Runs one command line, built by the route (never by the client), for the caller.
async fn run_command(served: Arc<Served>, caller: Caller, headers: &HeaderMap, argv: Argv) -> Response {
    let command = match argv.parse() {
        Ok(command) => command,
        Err(error) => return reply::error(&error),
    };
    run_parsed(served, caller, headers, command).await
}

async fn run_parsed(served: Arc<Served>, caller: Caller, headers: &HeaderMap, command: Command) -> Response {
    run(
        served,
        caller,
        reply::format_of(headers),
        move |ctx| async move { served_command(command, &ctx).await },
    )
    .await
}

/// The commands a route may run. Built by the routes only, so the rest
/// (seeding, the worker, playbook runs) is unreachable from a request.
async fn served_command(command: Command, ctx: &Context) -> Result<ExitCode> {
    // An AI agent never creates or changes identities, credentials or rules,
    // whatever its person may do.
    let identity = match &command {
        Command::Staff(args) => args.changes_identity(),
        Command::Agent(args) => args.changes_identity(),
        _ => false,
    };
    if identity && let Some(agent) = &ctx.signing_agent {
        return Err(agent_may_not(agent, "change staff, keys, second factors or agents"));
    }
    match command {
        Command::Plan(args) => args.run(ctx).await,
        Command::DryRun(args) => args.run(ctx).await,
        Command::Execute(args) => args.run(ctx).await,
        Command::Show(args) => args.run(ctx).await,
        Command::History(args) => args.run(ctx).await,
        Command::Approve(args) => args.run(ctx).await,
        Command::Ask(args) => args.run(ctx).await,
        Command::Audit(args) => args.run(ctx).await,
        Command::Actions(args) => args.run_listing(ctx).await,
        Command::Staff(args) => args.run(ctx).await,
        Command::Agent(args) => args.run(ctx).await,
        Command::Policy(args) => args.run(ctx).await,
        _ => Err(Error::Usage("this command is not served over HTTP".into())),
    }
}

fn agent_may_not(agent: &str, what: &str) -> Error {
    Error::Denied(format!("agent `{agent}` may not {what}: a person does that with their own key"))
}

/// A command line under construction.
struct Argv(Vec<String>);

impl Argv {
    fn new(words: &[&str]) -> Argv {
        Argv(std::iter::once("opsgate").chain(words.iter().copied()).map(str::to_owned).collect())
    }

    fn flag(mut self, name: &str, on: bool) -> Argv {
        if on {
            self.0.push(format!("--{name}"));
        }
        self
    }

    fn option(mut self, name: &str, value: Option<impl std::fmt::Display>) -> Argv {
        if let Some(value) = value {
            self.0.push(format!("--{name}={value}"));
        }
        self
    }

    fn positionals<S: AsRef<str>>(mut self, values: &[S]) -> Argv {
        self.0.push("--".into());
        self.0.extend(values.iter().map(|v| v.as_ref().to_owned()));
        self
    }

    fn planner(self, planner: &PlannerFields) -> Argv {
        self.option("planner", planner.planner.as_deref())
            .option("model", planner.model.as_deref())
            .option("agent", planner.agent.as_deref())
    }

    fn parse(self) -> Result<Command> {
        Cli::try_parse_from(self.0).map(|cli| cli.command).map_err(|error| {
            let text = crate::error::one_line(&error.to_string());
            Error::Usage(
                text.trim_start_matches("error: ").split(" Usage:").next().unwrap_or_default().to_owned(),
            )
        })
    }
}

/// A JSON body; an empty one is the defaults.
fn body<T: DeserializeOwned + Default>(bytes: &Bytes) -> Result<T> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(bytes)
        .map_err(|e| Error::Usage(format!("the request body is not what this route takes: {e}")))
}

fn query<T: DeserializeOwned>(
    query: std::result::Result<Query<T>, axum::extract::rejection::QueryRejection>,
) -> Result<T> {
    query.map(|Query(q)| q).map_err(|e| Error::Usage(format!("bad query: {}", e.body_text())))
}

macro_rules! or_reply {
    ($result:expr) => {
        match $result {
            Ok(value) => value,
            Err(error) => return reply::error(&error),
        }
    };
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct PlannerFields {
    planner: Option<String>,
    model: Option<String>,
    agent: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct PlanBody {
    prompt: String,
    /// `suggest` (the default) or `dry-run`.
    mode: Option<String>,
    #[serde(flatten)]
    planner: PlannerFields,
}

async fn create_plan(
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

async fn show(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    run_command(served, caller, &headers, Argv::new(&["show"]).positionals(&[id])).await
}

async fn dry_run_stored(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let id = or_reply!(plan_id(&id));
    run_command(served, caller, &headers, Argv::new(&["dry-run"]).positionals(&[id])).await
}

/// A route's `{id}` that must name a stored plan or action, not a prompt.
fn plan_id(id: &str) -> Result<String> {
    Ok(match id.parse::<StoredId>()? {
        StoredId::Plan(id) => id.to_string(),
        StoredId::Action(id) => id.to_string(),
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct ReviewsBody {
    targets: Vec<String>,
    agent: Option<String>,
}

/// What `execute` would show before confirming each write of the targets: a
/// team-mode client shows these on the person's terminal and sends back the answers.
async fn reviews(
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
struct ExecuteBody {
    targets: Vec<String>,
    token: Option<String>,
    totp: Option<String>,
    queue: bool,
    /// Answers given on the person's own terminal, by action id (`42` or `a42`).
    answered: BTreeMap<String, TerminalAnswered>,
    #[serde(flatten)]
    planner: PlannerFields,
}

async fn execute(
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
            caller.email
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

async fn pending(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
) -> Response {
    run_command(served, caller, &headers, Argv::new(&["approve", "--list"])).await
}

/// What an approver reviews before signing, and the statement to sign.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct ApprovalQuery {
    /// `reject`: review for a rejection (a requester may withdraw their own request).
    decision: Option<String>,
}

async fn approval_review(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    q: std::result::Result<Query<ApprovalQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let q = or_reply!(query(q));
    let rejecting = match q.decision.as_deref() {
        None | Some("approve") => false,
        Some("reject") => true,
        Some(other) => return reply::error(&Error::Usage(format!("decision `{other}`: approve or reject"))),
    };
    run(served, caller, OutputFormat::Json, move |ctx| async move {
        let StoredId::Action(action_id) = id.parse::<StoredId>()? else {
            return Err(Error::Usage(format!("`{id}` is a plan: approve its actions (a…) one by one")));
        };
        let session = ctx.session(Mode::Suggest, None).await?;
        let (row, _) = load_step(&ctx.store, action_id).await?;
        let review = review_for_decision(&session, &row, rejecting).await?;
        let audience = ctx.audience().await?.clone();
        let view = ApprovalReviewView::new(review);
        let text = audience.text(&approval_review_text(&view));
        let mut document = serde_json::to_value(&view).map_err(|e| Error::Internal(e.to_string()))?;
        audience.value(&mut document);
        let person = session.person()?;
        ctx.write(&crate::render::json(&json!({
            "review": document,
            "text": text,
            "second_factor": row.second_factor,
            "statement": {"action_id": row.id, "payload_hash": row.payload_hash, "approver": person.email},
        }))?)?;
        Ok(ExitCode::Success)
    })
    .await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SignedBody {
    action_id: String,
    /// `approve` or `reject`.
    decision: String,
    /// RFC 3339, as signed.
    signed_at: String,
    /// Hex Ed25519 signature of the decision statement, made on the approver's machine.
    signature: String,
    reason: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct DecideBody {
    decisions: Vec<SignedBody>,
    totp: Option<String>,
}

/// Records decisions signed on the approver's machine: the server verifies
/// them against the approver's registered keys and never signs for anyone.
async fn decide(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let request: DecideBody = or_reply!(body(&bytes));
    run(served, caller, reply::format_of(&headers), move |ctx| async move {
        if request.decisions.is_empty() {
            return Err(Error::Usage(
                "no decisions: `decisions` lists the signed approvals or rejections".into(),
            ));
        }
        let session = ctx.session(Mode::Suggest, None).await?;
        let mut second_factor = SecondFactor::new(match &request.totp {
            Some(code) => CodeSource::Given(code),
            None => CodeSource::Missing,
        });
        let mut reports = Vec::with_capacity(request.decisions.len());
        for signed in &request.decisions {
            let StoredId::Action(action_id) = signed.action_id.parse::<StoredId>()? else {
                return Err(Error::Usage(format!(
                    "`{}` is a plan: decide on its actions (a…)",
                    signed.action_id
                )));
            };
            let decision = match (signed.decision.as_str(), signed.reason.as_deref().map(str::trim)) {
                ("approve", None) => ApprovalDecision::Approve,
                ("reject", Some(reason)) if !reason.is_empty() => ApprovalDecision::Reject { reason },
                ("reject", _) => return Err(Error::Usage("a rejection says why: `reason`".into())),
                ("approve", Some(_)) => return Err(Error::Usage("an approval has no `reason`".into())),
                (other, _) => return Err(Error::Usage(format!("decision `{other}`: approve or reject"))),
            };
            let signed_at = chrono::DateTime::parse_from_rfc3339(&signed.signed_at)
                .map_err(|e| Error::Usage(format!("signed_at `{}`: {e}", signed.signed_at)))?
                .with_timezone(&chrono::Utc);
            let signer = DecisionSigner::Presented { signed_at, signature: signed.signature.clone() };
            let (row, _) = load_step(&ctx.store, action_id).await?;
            reports.push(decide_approval(&session, &row, &signer, decision, &mut second_factor).await?);
        }
        ctx.show(&DecisionView(reports)).await?;
        Ok(ExitCode::Success)
    })
    .await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct AskBody {
    prompt: String,
    max_steps: Option<u32>,
    #[serde(flatten)]
    planner: PlannerFields,
}

async fn ask(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let request: AskBody = or_reply!(body(&bytes));
    let argv = Argv::new(&["ask"])
        .option("max-steps", request.max_steps)
        .planner(&request.planner)
        .positionals(&[request.prompt]);
    run_command(served, caller, &headers, argv).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct HistoryQuery {
    status: Option<String>,
    action: Option<String>,
    since: Option<String>,
    until: Option<String>,
    all: bool,
    limit: Option<i64>,
}

async fn history(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    q: std::result::Result<Query<HistoryQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let q = or_reply!(query(q));
    let argv = Argv::new(&["history"])
        .option("status", q.status)
        .option("action", q.action)
        .option("since", q.since)
        .option("until", q.until)
        .flag("all", q.all)
        .option("limit", q.limit);
    run_command(served, caller, &headers, argv).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct AuditQuery {
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

async fn audit_query(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    q: std::result::Result<Query<AuditQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let q = or_reply!(query(q));
    let argv = Argv::new(&["audit", "query"])
        .option("actor", q.actor)
        .option("subject", q.subject)
        .option("event", q.event)
        .option("action", q.action)
        .option("status", q.status)
        .option("since", q.since)
        .option("until", q.until)
        .option("limit", q.limit)
        .option("format", q.format);
    run_command(served, caller, &headers, argv).await
}

async fn audit_verify(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
) -> Response {
    run_command(served, caller, &headers, Argv::new(&["audit", "verify"])).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct CatalogQuery {
    mine: bool,
}

async fn catalog(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    q: std::result::Result<Query<CatalogQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let q = or_reply!(query(q));
    run_command(served, caller, &headers, Argv::new(&["actions"]).flag("mine", q.mine)).await
}

async fn catalog_one(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> Response {
    run_command(served, caller, &headers, Argv::new(&["actions", "show"]).positionals(&[name])).await
}

async fn staff(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
) -> Response {
    run_command(served, caller, &headers, Argv::new(&["staff", "list"])).await
}

async fn agents(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
) -> Response {
    run_command(served, caller, &headers, Argv::new(&["agent", "list"])).await
}

async fn policy(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
) -> Response {
    run_command(served, caller, &headers, Argv::new(&["policy", "show"])).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct AgentBody {
    name: String,
    model: Option<String>,
    tier: Option<String>,
    rate_limit: Option<i64>,
    daily_tokens: Option<i64>,
    daily_tool_calls: Option<i64>,
    daily_mutations: Option<i64>,
    credential_days: Option<i64>,
}

async fn agent_add(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let request: AgentBody = or_reply!(body(&bytes));
    let argv = Argv::new(&["agent", "add"])
        .option("model", request.model)
        .option("tier", request.tier)
        .option("rate-limit", request.rate_limit)
        .option("daily-tokens", request.daily_tokens)
        .option("daily-tool-calls", request.daily_tool_calls)
        .option("daily-mutations", request.daily_mutations)
        .option("credential-days", request.credential_days)
        .positionals(&[request.name]);
    run_command(served, caller, &headers, argv).await
}

async fn agent_rotate(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    Path(name): Path<String>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let request: AgentBody = or_reply!(body(&bytes));
    let argv = Argv::new(&["agent", "rotate"])
        .option("credential-days", request.credential_days)
        .positionals(&[name]);
    run_command(served, caller, &headers, argv).await
}

async fn agent_revoke(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> Response {
    run_command(served, caller, &headers, Argv::new(&["agent", "revoke"]).positionals(&[name])).await
}

async fn agent_disable(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> Response {
    run_command(served, caller, &headers, Argv::new(&["agent", "disable"]).positionals(&[name])).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct StaffBody {
    email: String,
    name: Option<String>,
    role: Option<String>,
}

async fn staff_add(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let request: StaffBody = or_reply!(body(&bytes));
    let argv = Argv::new(&["staff", "add"])
        .option("name", request.name)
        .option("role", request.role)
        .positionals(&[request.email]);
    run_command(served, caller, &headers, argv).await
}

async fn staff_invite(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let request: StaffBody = or_reply!(body(&bytes));
    run_command(served, caller, &headers, Argv::new(&["staff", "invite"]).positionals(&[request.email])).await
}

async fn staff_set_role(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let request: StaffBody = or_reply!(body(&bytes));
    let role = request.role.unwrap_or_default();
    run_command(
        served,
        caller,
        &headers,
        Argv::new(&["staff", "set-role"]).positionals(&[request.email, role]),
    )
    .await
}

async fn staff_deactivate(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let request: StaffBody = or_reply!(body(&bytes));
    run_command(served, caller, &headers, Argv::new(&["staff", "deactivate"]).positionals(&[request.email]))
        .await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct KeysQuery {
    email: Option<String>,
}

async fn staff_keys(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    q: std::result::Result<Query<KeysQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let q = or_reply!(query(q));
    run_command(served, caller, &headers, Argv::new(&["staff", "keys"]).option("email", q.email)).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct ReasonBody {
    reason: String,
}

async fn staff_revoke_key(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    Path(key): Path<String>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let request: ReasonBody = or_reply!(body(&bytes));
    let argv = Argv::new(&["staff", "revoke-key"]).option("reason", Some(request.reason)).positionals(&[key]);
    run_command(served, caller, &headers, argv).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct TotpBody {
    totp: Option<String>,
}

async fn totp_enroll(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let request: TotpBody = or_reply!(body(&bytes));
    let argv = Argv::new(&["staff", "totp", "enroll"]).option("totp", request.totp);
    run_command(served, caller, &headers, argv).await
}

async fn totp_confirm(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let request: TotpBody = or_reply!(body(&bytes));
    let argv = Argv::new(&["staff", "totp", "confirm"]).option("totp", request.totp);
    run_command(served, caller, &headers, argv).await
}

/// A public key generated on its owner's machine, with their signature of the
/// possession statement (see [`crate::staff::possession_statement`]).
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct PresentedKey {
    email: String,
    public_key: String,
    /// Hex Ed25519 signature of the possession statement by the presented key.
    possession: String,
    /// The enrolment code, for a person who has no registered key yet.
    code: Option<String>,
}

impl PresentedKey {
    fn check_possession(&self) -> Result<String> {
        let public = self.public_key.trim().to_ascii_lowercase();
        let statement = crate::staff::possession_statement(&self.email, &public);
        let verifies = crate::canonical::unhex(&public)
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .and_then(|b| ed25519_dalek::VerifyingKey::from_bytes(&b).ok())
            .zip(crate::canonical::unhex(&self.possession).and_then(|b| <[u8; 64]>::try_from(b).ok()))
            .is_some_and(|(key, signature)| {
                key.verify_strict(statement.as_bytes(), &ed25519_dalek::Signature::from_bytes(&signature))
                    .is_ok()
            });
        if !verifies {
            return Err(Error::TokenInvalid(
                "the presented key did not sign its possession statement: nothing was registered".into(),
            ));
        }
        Ok(public)
    }
}

/// Registers a key generated on its owner's machine, for the owner: `proof`
/// is the key that signed the request (a rotation) or nothing (an enrolment code).
async fn register_presented(
    served: Arc<Served>,
    caller: Caller,
    format: OutputFormat,
    presented: PresentedKey,
    proof: crate::staff::KeyProof,
) -> Response {
    run(served, caller, format, move |ctx| async move {
        let person = ctx.person().await?;
        if !presented.email.eq_ignore_ascii_case(&person.email) {
            return Err(Error::Denied(format!(
                "{} registers keys only for themselves, not for {}",
                person.email, presented.email
            )));
        }
        let public = presented.check_possession()?;
        let key_id =
            crate::staff::register_key(&ctx.store, &person, &proof, presented.code.as_deref(), &public)
                .await?;
        ctx.write(&crate::render::json(&json!({
            "email": person.email, "role": person.role, "change": "key registered",
            "key_id": format!("k{key_id}"), "public_key": public,
        }))?)?;
        Ok(ExitCode::Success)
    })
    .await
}

async fn staff_rotate_key(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    bytes: Bytes,
) -> Response {
    let presented: PresentedKey = or_reply!(body(&bytes));
    let proof = match caller.key_id {
        Some(key_id) => crate::staff::KeyProof::SignedRequest { key_id },
        None => crate::staff::KeyProof::None,
    };
    register_presented(served, caller, OutputFormat::Json, presented, proof).await
}

/// A person without a registered key registers their first one with the
/// enrolment code they were given: the code authorizes, the possession
/// signature binds the key. Unsigned by nature; a wrong code is audited.
async fn enrol(
    State(served): State<Arc<Served>>,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<super::Peer>,
    bytes: Bytes,
) -> Response {
    let ip = peer.0.ip();
    if served.refusals.exhausted(ip) {
        return reply::error(&auth::too_many_refusals());
    }
    let response = enrol_presented(served.clone(), bytes).await;
    if !response.status().is_success() {
        served.refusals.admit(ip);
    }
    response
}

async fn enrol_presented(served: Arc<Served>, bytes: Bytes) -> Response {
    let presented: PresentedKey = or_reply!(body(&bytes));
    if presented.code.as_deref().is_none_or(|c| c.trim().is_empty()) {
        return reply::error(&Error::Usage("an enrolment needs its `code`".into()));
    }
    let person = match crate::session::lookup_person(&served.store, &presented.email).await {
        Ok(person) => person,
        // Not telling who is staff: a wrong address reads like a wrong code.
        Err(_) => {
            return reply::error(&Error::TokenInvalid(
                "the enrolment code is not valid for that address: nothing was registered".into(),
            ));
        }
    };
    let caller = Caller { email: person.email, agent: None, key_id: None };
    register_presented(served, caller, OutputFormat::Json, presented, crate::staff::KeyProof::None).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct PolicyBody {
    /// What the rule file is called in errors (`name:line:col`) and the audit log.
    name: String,
    text: String,
    #[serde(flatten)]
    step: Option<crate::cli::policy::TestStep>,
}

impl PolicyBody {
    fn name(&self) -> std::path::PathBuf {
        std::path::PathBuf::from(if self.name.trim().is_empty() { "policy.yaml" } else { self.name.trim() })
    }
}

async fn policy_apply(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    if let Some(agent) = &caller.agent {
        return reply::error(&agent_may_not(agent, "apply policy rules"));
    }
    let request: PolicyBody = or_reply!(body(&bytes));
    run(served, caller, reply::format_of(&headers), move |ctx| async move {
        crate::cli::policy::apply(&ctx, &request.name(), request.text).await
    })
    .await
}

async fn policy_test(
    State(served): State<Arc<Served>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let request: PolicyBody = or_reply!(body(&bytes));
    run(served, caller, reply::format_of(&headers), move |ctx| async move {
        let name = request.name();
        let step = request.step.ok_or_else(|| Error::Usage("a policy test names its `action`".into()))?;
        crate::cli::policy::test(&ctx, &name, request.text, step).await
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_take_their_fields_and_refuse_others() {
        let plan: PlanBody =
            body(&Bytes::from_static(br#"{"prompt":"x","planner":"rules","agent":"a"}"#)).unwrap();
        assert_eq!(
            (plan.planner.planner.as_deref(), plan.planner.agent.as_deref()),
            (Some("rules"), Some("a"))
        );
        assert!(body::<PlanBody>(&Bytes::from_static(br#"{"prompt":"x","bogus":1}"#)).is_err());
        let policy: PolicyBody = body(&Bytes::from_static(
            br#"{"name":"p.yaml","text":"rules: []","action":"bookings.refund","params":"{}","agent":null,"surface":"cli"}"#,
        ))
        .unwrap();
        assert_eq!(policy.step.unwrap().action, "bookings.refund");
        let apply: PolicyBody =
            body(&Bytes::from_static(br#"{"name":"p.yaml","text":"rules: []"}"#)).unwrap();
        assert!(apply.step.is_none());
        assert!(body::<PolicyBody>(&Bytes::from_static(br#"{"text":"x","bogus":1}"#)).is_err());
    }

    #[test]
    fn a_request_value_is_never_read_as_a_flag() {
        let argv = Argv::new(&["plan"]).positionals(&["--db=/tmp/other.db"]);
        let Command::Plan(args) = argv.parse().unwrap() else { panic!("not a plan") };
        assert_eq!(args.prompt, "--db=/tmp/other.db");
        let argv = Argv::new(&["execute"]).option("token", Some("--queue")).positionals(&["a1"]);
        let Command::Execute(args) = argv.parse().unwrap() else { panic!("not an execute") };
        assert_eq!((args.token.as_deref(), args.queue), (Some("--queue"), false));
    }
}
