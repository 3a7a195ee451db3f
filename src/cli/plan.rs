//! `opsgate plan`: turn a prompt into a stored plan (mode suggest; writes nothing).

use clap::Args;

use super::Context;
use super::planner_args::PlannerArgs;
use crate::error::Result;
use crate::exit_code::ExitCode;
use crate::pipeline::{PlanOptions, plan_prompt};
use crate::plan::Decision;
use crate::render::PlanView;
use crate::session::Mode;

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The request, in plain language (e.g. "refund booking 1042")
    pub prompt: String,
    #[command(flatten)]
    pub planner: PlannerArgs,
}

impl PlanArgs {
    pub async fn run(self, ctx: &Context) -> Result<ExitCode> {
        let session = ctx.session(Mode::Suggest, self.planner.agent.as_deref()).await?;
        let planner =
            self.planner.choice().planner(session.store(), session.catalog(), session.agent()).await?;
        let plan =
            plan_prompt(&session, planner.as_ref(), &self.prompt, PlanOptions { mode: "suggest" }).await?;
        let denied = plan.steps.iter().any(|s| s.decision == Decision::Denied);
        ctx.show(&PlanView(plan)).await?;
        // The plan is stored and shown either way; scripts still learn that policy said no.
        Ok(if denied { ExitCode::Denied } else { ExitCode::Success })
    }
}
