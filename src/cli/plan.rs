//! `opsgate plan`: turn a prompt into a stored plan (mode suggest; writes nothing).

use clap::Args;
use serde_json::json;

use super::Context;
use super::planner_args::PlannerArgs;
use crate::error::Result;
use crate::exit_code::ExitCode;
use crate::pipeline::{PlanOptions, plan_prompt};
use crate::plan::Decision;
use crate::remote::Call;
use crate::render::PlanView;
use crate::session::Mode;

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The request, in plain language (e.g. "refund booking 1042")
    pub prompt: String,
    #[command(flatten)]
    pub planner: PlannerArgs,
    /// Planned for `execute` (team mode plans before the terminal confirmation); never a flag.
    #[arg(skip)]
    pub for_execution: bool,
}

impl PlanArgs {
    pub async fn run(self, ctx: &Context) -> Result<ExitCode> {
        let (mode, options) = if self.for_execution {
            (Mode::Execute, PlanOptions { mode: "execute" })
        } else {
            (Mode::Suggest, PlanOptions { mode: "suggest" })
        };
        let session = ctx.session(mode, self.planner.agent.as_deref()).await?;
        let planner =
            self.planner.choice().planner(session.store(), session.catalog(), session.agent()).await?;
        let plan = plan_prompt(&session, planner.as_ref(), &self.prompt, options).await?;
        let denied = plan.steps.iter().any(|s| s.decision == Decision::Denied);
        ctx.show(&PlanView(plan)).await?;
        // The plan is stored and shown either way; scripts still learn that policy said no.
        Ok(if denied { ExitCode::Denied } else { ExitCode::Success })
    }
}

impl PlanArgs {
    pub fn remote_call(&self) -> Call {
        Call::post("/v1/plans", self.planner.fields(json!({"prompt": self.prompt, "mode": "suggest"})))
    }
}
