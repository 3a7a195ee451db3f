//! `opsgate dry-run`: simulate a plan inside a transaction that is rolled back.

use clap::Args;

use super::Context;
use super::masking::masked_plan;
use super::planner_args::PlannerArgs;
use crate::catalog::Catalog;
use crate::error::Result;
use crate::exit_code::ExitCode;
use crate::pipeline::{PlanOptions, load_plan, plan_prompt, simulate_plan};
use crate::plan::StoredId;
use crate::render::{DryRunView, emit};

#[derive(Debug, Args)]
pub struct DryRunArgs {
    /// A plan id (p7), or a request in plain language to plan first
    #[arg(value_name = "PROMPT|PLAN_ID")]
    pub target: String,
    #[command(flatten)]
    pub planner: PlannerArgs,
}

impl DryRunArgs {
    pub async fn run(self, ctx: &Context) -> Result<ExitCode> {
        let person = ctx.person().await?;
        let catalog = Catalog::builtin();
        let plan = match self.target.parse::<StoredId>() {
            Ok(StoredId::Plan(id)) => load_plan(&ctx.store, id).await?,
            Ok(StoredId::Action(id)) => {
                let (row, _) = crate::pipeline::load_step(&ctx.store, id).await?;
                load_plan(&ctx.store, crate::plan::PlanId(row.plan_id)).await?
            }
            Err(_) => {
                let planner = self.planner.planner(ctx, catalog).await?;
                plan_prompt(
                    &ctx.store,
                    catalog,
                    planner.as_ref(),
                    &person,
                    &self.target,
                    PlanOptions { mode: "dry-run" },
                )
                .await?
            }
        };
        let simulations = simulate_plan(&ctx.store, &person, &plan).await?;
        emit(&DryRunView { plan: masked_plan(plan, &person), simulations }, ctx.output)?;
        Ok(ExitCode::Success)
    }
}
