//! `opsgate execute`: run planned actions after confirmation, a token or approvals.

use clap::Args;
use serde_json::Value;

use super::Context;
use super::planner_args::PlannerArgs;
use super::totp_prompt::{ask_code, code_source};
use crate::confirm::{TerminalAnswer, ask_on_terminal};
use crate::error::{Error, Result};
use crate::exit_code::ExitCode;
use crate::pipeline::{
    Confirmation, ExecuteRequest, PlanOptions, Review, execute_action, plan_prompt, resolve_actions,
};
use crate::plan::{ActionStatus, PlanId, StoredId};
use crate::render::{ExecutionsView, review_text};
use crate::second_factor::SecondFactor;
use crate::session::Mode;

#[derive(Debug, Args)]
pub struct ExecuteArgs {
    /// Plan ids (p7) or action ids (a42), or one request in plain language
    #[arg(value_name = "PLAN_ID|ACTION_ID|PROMPT", required_unless_present = "recover")]
    pub targets: Vec<String>,
    /// The confirmation token printed by `plan` or `dry-run` (required without a terminal)
    #[arg(long)]
    pub token: Option<String>,
    /// A TOTP code, for actions that need a second factor
    #[arg(long, value_name = "CODE")]
    pub totp: Option<String>,
    /// Queue an approved action for `opsgate worker` instead of running it here
    #[arg(long)]
    pub queue: bool,
    /// Settle actions whose runner died mid-run instead of executing anything (as
    /// `worker --recover`): a write on another database is looked up there by its key
    #[arg(long, conflicts_with_all = ["targets", "token", "totp", "queue"])]
    pub recover: bool,
    /// With --recover: settle a pack action whose outcome is unknown, after
    /// checking the API yourself (`a42=succeeded` or `a42=failed`; audited)
    #[arg(long, requires = "recover", value_name = "ACTION=OUTCOME")]
    pub settle: Vec<String>,
    #[command(flatten)]
    pub planner: PlannerArgs,
    /// Answers a person gave on their own terminal to reviews fetched from a
    /// server (team mode), by action id; never set from the command line.
    #[arg(skip)]
    pub answered: std::collections::BTreeMap<i64, TerminalAnswered>,
}

/// What a person answered on their terminal to the review of one action.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct TerminalAnswered {
    /// The payload hash of the review they saw: a changed payload is not what they confirmed.
    pub payload_hash: String,
    pub confirmed: bool,
}

impl ExecuteArgs {
    pub async fn run(self, ctx: &Context) -> Result<ExitCode> {
        if self.recover && !self.settle.is_empty() {
            return settle(ctx, &self.settle).await;
        }
        if self.recover {
            let report = crate::worker::recover(&ctx.store, crate::worker::DEFAULT_STALE_AFTER).await?;
            ctx.show(&crate::render::RecoveryView(report)).await?;
            return Ok(ExitCode::Success);
        }
        let session = ctx.session(Mode::Execute, self.planner.agent.as_deref()).await?;
        let ids: Vec<StoredId> = self.targets.iter().filter_map(|t| t.parse::<StoredId>().ok()).collect();
        let target = self.targets.join(" ");
        let rows = match (ids.len(), self.targets.len()) {
            (n, m) if n == m => {
                let mut rows = Vec::new();
                for id in ids {
                    rows.extend(resolve_actions(&ctx.store, id).await?);
                }
                rows
            }
            (0, 1) => {
                if self.token.is_some() {
                    return Err(Error::Usage("a token confirms an action that was already planned: pass its id (a42), not a prompt".into()));
                }
                let planner = self
                    .planner
                    .choice()
                    .planner(session.store(), session.catalog(), session.agent())
                    .await?;
                let plan =
                    plan_prompt(&session, planner.as_ref(), &target, PlanOptions { mode: "execute" }).await?;
                resolve_actions(&ctx.store, StoredId::Plan(plan.plan_id)).await?
            }
            _ => {
                return Err(Error::Usage(
                    "pass either plan and action ids (p7 a42 …) or one request in quotes, not both".into(),
                ));
            }
        };
        // Reads and drafts are answered by `ask`; execute runs the writes.
        let writes: Vec<_> = rows.into_iter().filter(|row| row.status != ActionStatus::Suggested).collect();
        if writes.is_empty() {
            return Err(Error::Usage(format!(
                "`{target}` holds no write to execute; `opsgate ask` answers reads"
            )));
        }
        if self.token.is_some() && writes.len() > 1 {
            return Err(Error::Usage(format!(
                "plan {} has {} actions to run and a token confirms one: execute each action id with its own token",
                PlanId(writes[0].plan_id),
                writes.len()
            )));
        }
        let interactive = self.token.is_none() && ctx.interactive;
        let audience = ctx.audience().await?.clone();
        let mut ask = |review: &Review| -> Result<bool> {
            let answer = ask_on_terminal(
                &audience.text(&review_text(review)),
                "Execute this action?",
                review.type_to_confirm.as_deref(),
            )?;
            Ok(answer == TerminalAnswer::Yes)
        };
        let mut ask_code = ask_code;
        let mut second_factor =
            SecondFactor::new(code_source(self.totp.as_deref(), ctx.interactive, &mut ask_code));
        let mut reports = Vec::new();
        let answered = &self.answered;
        let mut answer_given = |review: &Review| -> Result<bool> {
            Ok(answered
                .get(&review.action_id.0)
                .is_some_and(|answer| answer.confirmed && answer.payload_hash == review.payload_hash))
        };
        for row in &writes {
            let confirmation = match (&self.token, interactive) {
                (Some(token), _) => Confirmation::Token(token),
                (None, true) => Confirmation::Terminal(&mut ask),
                (None, false) if answered.contains_key(&row.id) => Confirmation::Terminal(&mut answer_given),
                (None, false) => Confirmation::Missing,
            };
            let request =
                ExecuteRequest { confirmation, second_factor: &mut second_factor, queue: self.queue };
            reports.push(execute_action(&session, row, request).await?);
        }
        ctx.show(&ExecutionsView(reports)).await?;
        Ok(ExitCode::Success)
    }
}

impl ExecuteArgs {
    /// Team mode: the server checks and runs; a terminal confirmation is asked
    /// here, on the reviews the server sends, and its answers go back with the request.
    pub async fn run_remote(self, rc: &super::remote::RemoteContext) -> Result<ExitCode> {
        use serde_json::json;

        if self.recover {
            return Err(crate::Error::Usage(
                "`execute --recover` runs next to the database (it reads claims and the target directly)"
                    .into(),
            ));
        }

        use crate::remote::Call;

        let ids = self.targets.iter().filter(|t| t.parse::<StoredId>().is_ok()).count();
        let prompt = match (ids, self.targets.len()) {
            (n, m) if n == m => None,
            (0, 1) if self.token.is_some() => {
                return Err(Error::Usage(
                    "a token confirms an action that was already planned: pass its id (a42), not a prompt"
                        .into(),
                ));
            }
            (0, 1) => Some(self.targets.join(" ")),
            _ => {
                return Err(Error::Usage(
                    "pass either plan and action ids (p7 a42 …) or one request in quotes, not both".into(),
                ));
            }
        };
        let mut body = self.planner.fields(json!({
            "targets": self.targets, "token": self.token, "totp": self.totp, "queue": self.queue,
        }));
        if self.token.is_none() && rc.interactive {
            let targets = match prompt {
                Some(prompt) => {
                    let plan = rc
                        .document(&Call::post(
                            "/v1/plans",
                            self.planner.fields(json!({"prompt": prompt, "mode": "execute"})),
                        ))
                        .await?;
                    vec![plan["plan_id"].as_str().unwrap_or_default().to_owned()]
                }
                None => self.targets.clone(),
            };
            let reviews = rc
                .document(&Call::post(
                    "/v1/reviews",
                    json!({"targets": targets, "agent": self.planner.agent}),
                ))
                .await?;
            let mut answered = serde_json::Map::new();
            let mut second_factor = false;
            for review in reviews["reviews"].as_array().into_iter().flatten() {
                let text = review["text"].as_str().unwrap_or_default();
                let answer =
                    ask_on_terminal(text, "Execute this action?", review["type_to_confirm"].as_str())?;
                let confirmed = answer == TerminalAnswer::Yes;
                let id = review["action_id"].as_str().unwrap_or_default().to_owned();
                answered.insert(id, json!({"payload_hash": review["payload_hash"], "confirmed": confirmed}));
                second_factor |= review["second_factor"].as_bool().unwrap_or(false);
                if !confirmed {
                    // As locally: the first "no" ends the run (the server records it).
                    break;
                }
            }
            if second_factor && self.totp.is_none() && answered.values().all(|a| a["confirmed"] == true) {
                body["totp"] = json!(ask_code()?);
            }
            body["targets"] = json!(targets);
            body["answered"] = Value::Object(answered);
        }
        rc.print(&Call::post("/v1/execute", body)).await
    }
}

/// `execute --recover --settle a42=succeeded`: a person's word on an unknown
/// outcome, from the requester or a system admin.
async fn settle(ctx: &Context, settles: &[String]) -> Result<ExitCode> {
    use crate::audit::Outcome;
    let person = ctx.person().await?;
    for settle in settles {
        let (id, outcome) = settle
            .split_once('=')
            .and_then(|(id, outcome)| Some((id.parse::<StoredId>().ok()?, outcome)))
            .ok_or_else(|| {
                Error::Usage(format!(
                    "--settle takes ACTION=succeeded|failed, e.g. a42=failed (got `{settle}`)"
                ))
            })?;
        let StoredId::Action(id) = id else {
            return Err(Error::Usage(format!("--settle names an action (a42), not a plan (got `{settle}`)")));
        };
        let outcome = match outcome {
            "succeeded" => Outcome::Succeeded,
            "failed" => Outcome::Failed,
            other => {
                return Err(Error::Usage(format!(
                    "--settle outcome is `succeeded` or `failed`, not `{other}`"
                )));
            }
        };
        let row =
            ctx.store.load_action(id.0).await?.ok_or_else(|| Error::NotFound(format!("no action {id}")))?;
        crate::worker::settle_by(&ctx.store, &row, outcome, &person, ctx.actor(Some(&person))).await?;
        ctx.write(&format!("{id} {}: settled as {}\n", row.action, outcome.as_str()))?;
    }
    Ok(ExitCode::Success)
}
