//! `opsgate policy`: the rules that tighten what the guard allows.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Context;
use crate::error::{Error, Result};
use crate::exit_code::ExitCode;
use crate::plan::Decision;
use crate::policy::Policy;
use crate::render::PolicyView;
use crate::session::{Mode, Surface};

/// Policy rules are YAML (see docs/policy.md): each selects steps by
/// action, actor, risk and surface, may have a `when` condition, and adds
/// one thing: `deny`, `require` (confirm, approvals, second factor), `cap`
/// (a parameter's sum per person or agent per period) or `rate`. Rules only
/// tighten; a file that would loosen the catalog is refused. Rules live in
/// the database: every surface and every machine decides by the same ones.
#[derive(Debug, Args)]
pub struct PolicyArgs {
    #[command(subcommand)]
    pub command: PolicyCommand,
}

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Check a rule file and put it in force (needs system.admin; audited with its SHA-256)
    Apply {
        /// The rule file
        file: PathBuf,
    },
    /// Print the rules in force, exactly as applied
    Show,
    /// What the guard would decide for one step under a rule file; writes nothing
    Test {
        /// The rule file to decide by (it need not be applied)
        file: PathBuf,
        /// The catalog action
        #[arg(long)]
        action: String,
        /// The action's parameters, as JSON
        #[arg(long, default_value = "{}")]
        params: String,
        /// Decide for this registered agent acting for the person
        #[arg(long)]
        agent: Option<String>,
        /// Decide as if the step came through this surface
        #[arg(long, default_value = "cli", value_parser = ["cli", "playbook", "ask", "model", "worker", "mcp", "http"])]
        surface: String,
    },
}

fn read(file: &PathBuf) -> Result<String> {
    std::fs::read_to_string(file)
        .map_err(|e| Error::io(format!("cannot read policy file {}", file.display()), e))
}

impl PolicyArgs {
    pub async fn run(self, ctx: &Context) -> Result<ExitCode> {
        match self.command {
            PolicyCommand::Apply { file } => {
                let text = read(&file)?;
                return apply(ctx, &file, text).await;
            }
            PolicyCommand::Show => {
                ctx.person().await?;
                let session = ctx.session(Mode::Suggest, None).await?;
                let policy = session.policy().await?;
                ctx.show(&PolicyView { policy: &policy, text: &policy.text }).await?;
            }
            PolicyCommand::Test { file, action, params, agent, surface } => {
                let step = TestStep { action, params, agent, surface };
                return test(ctx, &file, read(&file)?, step).await;
            }
        }
        Ok(ExitCode::Success)
    }
}

/// `policy apply` of a rule file's text; `name` is how errors and the audit log call it.
pub async fn apply(ctx: &Context, name: &std::path::Path, text: String) -> Result<ExitCode> {
    let session = ctx.session(Mode::Suggest, None).await?;
    ctx.show(&crate::policy::apply(&session, name, text).await?).await?;
    Ok(ExitCode::Success)
}

/// The step `policy test` decides.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct TestStep {
    pub action: String,
    /// JSON text, as `--params` takes it.
    pub params: String,
    pub agent: Option<String>,
    pub surface: String,
}

/// `policy test` of a rule file's text.
pub async fn test(ctx: &Context, name: &std::path::Path, text: String, step: TestStep) -> Result<ExitCode> {
    let params: serde_json::Value =
        serde_json::from_str(&step.params).map_err(|e| Error::Usage(format!("--params is not JSON: {e}")))?;
    let policy = Policy::parse(name, text, crate::catalog::Catalog::builtin())?;
    let surface = Surface::parse(&step.surface)
        .ok_or_else(|| Error::Usage(format!("unknown surface `{}`", step.surface)))?;
    let session =
        ctx.session_through(surface, Mode::Execute, step.agent.as_deref()).await?.with_policy(policy);
    let judged = crate::pipeline::judge_step(&session, &step.action, &params).await?;
    let denied = judged.decision == Decision::Denied;
    ctx.show(&judged).await?;
    Ok(if denied { ExitCode::Denied } else { ExitCode::Success })
}

impl PolicyArgs {
    /// The request for this subcommand in team mode: the rule file is read here and sent.
    pub fn remote_call(&self) -> Result<crate::remote::Call> {
        use crate::remote::Call;
        use serde_json::json;
        Ok(match &self.command {
            PolicyCommand::Show => Call::get("/v1/policy"),
            PolicyCommand::Apply { file } => {
                Call::post("/v1/policy", json!({"name": file.display().to_string(), "text": read(file)?}))
            }
            PolicyCommand::Test { file, action, params, agent, surface } => Call::post(
                "/v1/policy/tests",
                json!({"name": file.display().to_string(), "text": read(file)?, "action": action,
                       "params": params, "agent": agent, "surface": surface}),
            ),
        })
    }
}
