//! The routes. A `/v1` route turns its request into the same command the
//! command line would run (flags as `--name=value`, positionals after `--`,
//! so no request value is ever read as a flag) and runs it for the caller;
//! the few steps a person takes on their own machine — reading a review
//! before confirming, signing an approval, registering a key made there —
//! have routes of their own.

use std::future::Future;
use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Extension, MatchedPath, Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};
use clap::Parser;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::{Caller, Served, auth, openapi, reply};
use crate::cli::{Cli, Command, Context};
use crate::error::{Error, Result};
use crate::exit_code::ExitCode;
use crate::render::OutputFormat;

macro_rules! or_reply {
    ($result:expr) => {
        match $result {
            Ok(value) => value,
            Err(error) => return reply::error(&error),
        }
    };
}

mod agents;
mod approvals;
mod people;
mod plans;
mod policy;

pub fn router(served: Arc<Served>) -> Router {
    let v1 = Router::new()
        .route("/plans", post(plans::create_plan))
        .route("/plans/{id}", from_path(|id| Ok(Argv::new(&["show"]).positionals(&[id]))))
        .route("/plans/{id}/dry-run", from_path_and_body(|id, _: Empty| plans::dry_run(&id)))
        .route("/actions/{id}", from_path(|id| Ok(Argv::new(&["show"]).positionals(&[id]))))
        .route("/actions/{id}/approval", get(approvals::review))
        .route("/reviews", post(plans::reviews))
        .route("/execute", post(plans::execute))
        .route("/approvals", fixed(&["approve", "--list"]).post(approvals::decide))
        .route("/ask", from_body(plans::ask))
        .route("/history", from_query(plans::history))
        .route("/audit", from_query(plans::audit))
        .route("/audit/verify", fixed(&["audit", "verify"]))
        .route("/audit/checkpoints", from_body(|_: Empty| Ok(Argv::new(&["audit", "checkpoint"]))))
        .route("/audit/key", fixed(&["audit", "key"]))
        .route("/audit/export", from_query(plans::export))
        .route("/audit/proofs/inclusion", from_query(plans::inclusion_proof))
        .route("/audit/proofs/consistency", from_query(plans::consistency_proof))
        .route("/catalog", from_query(plans::catalog))
        .route("/catalog/{name}", from_path(|name| Ok(Argv::new(&["actions", "show"]).positionals(&[name]))))
        .route("/staff", fixed(&["staff", "list"]).merge(from_body(people::add)))
        .route("/staff/invitations", from_body(people::invite))
        .route("/staff/countersignatures", from_body(people::countersign))
        .route("/staff/role-changes", from_body(people::set_role))
        .route("/staff/deactivations", from_body(people::deactivate))
        .route("/staff/keys", from_query(people::keys).post(people::rotate_key))
        .route("/staff/keys/{key}/revocation", from_path_and_body(people::revoke_key))
        .route("/staff/totp", from_body(people::totp_enroll))
        .route("/staff/totp/confirmation", from_body(people::totp_confirm))
        .route("/agents", fixed(&["agent", "list"]).merge(from_body(agents::add)))
        .route("/agents/{name}/rotation", from_path_and_body(agents::rotate))
        .route("/agents/{name}/revocation", from_path_and_body(agents::revoke))
        .route("/agents/{name}/disable", from_path_and_body(agents::disable))
        .route("/policy", fixed(&["policy", "show"]).post(policy::apply))
        .route("/policy/tests", post(policy::test))
        .method_not_allowed_fallback(method_not_allowed)
        .layer(from_fn_with_state(served.clone(), auth::authenticate))
        // Added after the layer: reachable without a registered key.
        .route("/openapi.json", get(openapi_document))
        .route("/enrolments", post(people::enrol));
    let mcp = Router::new()
        .route_service("/mcp", super::mcp::service(&served, served.mcp_sessions.clone()))
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(super::mcp::SessionOwners::default()),
            super::mcp::principal,
        ))
        .layer(from_fn_with_state(served.clone(), auth::authenticate));
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .nest("/v1", v1)
        .merge(mcp)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(from_fn_with_state(served.clone(), observe))
        .with_state(served)
}

type Route = MethodRouter<Arc<Served>>;

/// A body that must be empty (or `{}`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Empty {}

/// GET: always the same command.
fn fixed(words: &'static [&'static str]) -> Route {
    get(
        move |State(served): State<Arc<Served>>, Extension(caller): Extension<Caller>, headers: HeaderMap| async move {
            run_command(served, caller, &headers, Argv::new(words)).await
        },
    )
}

/// GET: the command `build` makes of the path's parameter.
fn from_path(build: fn(String) -> Result<Argv>) -> Route {
    get(
        move |State(served): State<Arc<Served>>,
              Extension(caller): Extension<Caller>,
              Path(value): Path<String>,
              headers: HeaderMap| async move {
            let argv = or_reply!(build(value));
            run_command(served, caller, &headers, argv).await
        },
    )
}

/// GET: the command `build` makes of the query.
fn from_query<Q: DeserializeOwned + Send + 'static>(build: fn(Q) -> Result<Argv>) -> Route {
    get(
        move |State(served): State<Arc<Served>>,
              Extension(caller): Extension<Caller>,
              headers: HeaderMap,
              q: std::result::Result<Query<Q>, QueryRejection>| async move {
            let argv = or_reply!(query(q).and_then(build));
            run_command(served, caller, &headers, argv).await
        },
    )
}

/// POST: the command `build` makes of the JSON body.
fn from_body<B: DeserializeOwned + Default + Send + 'static>(build: fn(B) -> Result<Argv>) -> Route {
    post(
        move |State(served): State<Arc<Served>>,
              Extension(caller): Extension<Caller>,
              headers: HeaderMap,
              bytes: Bytes| async move {
            let argv = or_reply!(body(&bytes).and_then(build));
            run_command(served, caller, &headers, argv).await
        },
    )
}

/// POST: the command `build` makes of the path's parameter and the JSON body.
fn from_path_and_body<B: DeserializeOwned + Default + Send + 'static>(
    build: fn(String, B) -> Result<Argv>,
) -> Route {
    post(
        move |State(served): State<Arc<Served>>,
              Extension(caller): Extension<Caller>,
              Path(value): Path<String>,
              headers: HeaderMap,
              bytes: Bytes| async move {
            let argv = or_reply!(body(&bytes).and_then(|request| build(value, request)));
            run_command(served, caller, &headers, argv).await
        },
    )
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

async fn method_not_allowed() -> Response {
    let error = Error::Usage("this route does not take that method; see /v1/openapi.json".into());
    reply::error_with_status(&error, StatusCode::METHOD_NOT_ALLOWED)
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

fn query<T: DeserializeOwned>(query: std::result::Result<Query<T>, QueryRejection>) -> Result<T> {
    query.map(|Query(q)| q).map_err(|e| Error::Usage(format!("bad query: {}", e.body_text())))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct PlannerFields {
    planner: Option<String>,
    model: Option<String>,
    agent: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::plans::PlanBody;
    use super::policy::PolicyBody;
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
