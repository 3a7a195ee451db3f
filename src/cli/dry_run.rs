//! `opsgate dry-run`: simulate a plan inside a transaction that is rolled back.

use clap::Args;
use serde_json::json;

use super::Context;
use super::planner_args::PlannerArgs;
use crate::error::Result;
use crate::exit_code::ExitCode;
use crate::pipeline::{PlanOptions, PlanSimulation, load_plan, plan_prompt, simulate_plan};
use crate::plan::StoredId;
use crate::remote::Call;
use crate::render::{DryRunView, OutputFormat};
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
        let PlanSimulation { steps: simulations, failure } = simulate_plan(&session, &plan).await?;
        // JSON output is one document, so a failure leaves only the error
        // envelope; a person also sees what every step would do, the error
        // line following on stderr.
        if failure.is_none() || ctx.output != OutputFormat::Json {
            ctx.show(&DryRunView { plan, simulations }).await?;
        }
        match failure {
            Some(failure) => Err(failure),
            None => Ok(ExitCode::Success),
        }
    }
}

impl DryRunArgs {
    pub fn remote_call(&self) -> Call {
        match self.target.parse::<StoredId>() {
            Ok(StoredId::Plan(id)) => Call::post(format!("/v1/plans/{id}/dry-run"), json!({})),
            Ok(StoredId::Action(id)) => Call::post(format!("/v1/plans/{id}/dry-run"), json!({})),
            Err(_) => Call::post(
                "/v1/plans",
                self.planner.fields(json!({"prompt": self.target, "mode": "dry-run"})),
            ),
        }
    }
}
