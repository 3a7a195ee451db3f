//! `opsgate dry-run`: simulate a plan inside a transaction that is rolled back.

use clap::Args;

use super::Context;
use super::planner_args::PlannerArgs;
use crate::error::Result;
use crate::exit_code::ExitCode;
use crate::pipeline::{PlanOptions, load_plan, plan_prompt, simulate_plan};
use crate::plan::StoredId;
use crate::render::DryRunView;
use crate::session::Mode;

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
        let session = ctx.session(Mode::DryRun, self.planner.agent.as_deref()).await?;
        let plan = match self.target.parse::<StoredId>() {
            Ok(StoredId::Plan(id)) => load_plan(&ctx.store, id).await?,
            Ok(StoredId::Action(id)) => {
                let (row, _) = crate::pipeline::load_step(&ctx.store, id).await?;
                load_plan(&ctx.store, crate::plan::PlanId(row.plan_id)).await?
            }
            Err(_) => {
                let planner = self
                    .planner
                    .choice()
                    .planner(session.store(), session.catalog(), session.agent())
                    .await?;
                plan_prompt(&session, planner.as_ref(), &self.target, PlanOptions { mode: "dry-run" }).await?
            }
        };
        let simulations = simulate_plan(&session, &plan).await?;
        // A simulation that would fail is an error (exit 1), shown with the rest.
        let failed =
            simulations.iter().any(|s| s.simulation.as_ref().is_some_and(|r| r.would_fail.is_some()));
        ctx.show(&DryRunView { plan, simulations }).await?;
        Ok(if failed { ExitCode::Error } else { ExitCode::Success })
    }
}
