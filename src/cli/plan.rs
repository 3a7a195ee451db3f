//! `opsgate plan`: turn a prompt into a stored plan (mode suggest; writes nothing).

use clap::Args;

use super::Context;
use super::masking::masked_plan;
use super::planner_args::PlannerArgs;
use crate::catalog::Catalog;
use crate::error::Result;
use crate::exit_code::ExitCode;
use crate::pipeline::{PlanOptions, plan_prompt};
use crate::plan::Decision;
use crate::render::{PlanView, emit};

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The request, in plain language (e.g. "refund booking 1042")
    pub prompt: String,
    #[command(flatten)]
    pub planner: PlannerArgs,
}

impl PlanArgs {
    pub async fn run(self, ctx: &Context) -> Result<ExitCode> {
        let person = ctx.person().await?;
        let catalog = Catalog::builtin();
        let planner = self.planner.planner(ctx, catalog).await?;
        let plan = plan_prompt(
            &ctx.store,
            catalog,
            planner.as_ref(),
            &person,
            &self.prompt,
            PlanOptions { mode: "suggest" },
        )
        .await?;
        let denied = plan.steps.iter().any(|s| s.decision == Decision::Denied);
        emit(&PlanView(masked_plan(plan, &person)), ctx.output)?;
        // The plan is stored and shown either way; scripts still learn that policy said no.
        Ok(if denied { ExitCode::Denied } else { ExitCode::Success })
    }
}
