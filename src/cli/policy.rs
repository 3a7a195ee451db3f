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
                let session = ctx.session(Mode::Suggest, None).await?;
                ctx.show(&crate::policy::apply(&session, &file, text).await?).await?;
            }
            PolicyCommand::Show => {
                ctx.person().await?;
                let session = ctx.session(Mode::Suggest, None).await?;
                let policy = session.policy().await?;
                ctx.show(&PolicyView { policy: &policy, text: &policy.text }).await?;
            }
            PolicyCommand::Test { file, action, params, agent, surface } => {
                let params: serde_json::Value = serde_json::from_str(&params)
                    .map_err(|e| Error::Usage(format!("--params is not JSON: {e}")))?;
                let policy = Policy::parse(&file, read(&file)?, crate::catalog::Catalog::builtin())?;
                let surface = Surface::parse(&surface).unwrap_or(Surface::Cli);
                let session =
                    ctx.session_through(surface, Mode::Execute, agent.as_deref()).await?.with_policy(policy);
                let judged = crate::pipeline::judge_step(&session, &action, &params).await?;
                let denied = judged.decision == Decision::Denied;
                ctx.show(&judged).await?;
                return Ok(if denied { ExitCode::Denied } else { ExitCode::Success });
            }
        }
        Ok(ExitCode::Success)
    }
}

impl PolicyArgs {
    /// The request for this subcommand in team mode, when the server serves it.
    pub fn remote_call(&self) -> Option<crate::remote::Call> {
        matches!(self.command, PolicyCommand::Show).then(|| crate::remote::Call::get("/v1/policy"))
    }
}
