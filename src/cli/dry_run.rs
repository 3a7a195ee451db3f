//! `opsgate dry-run`: simulate a plan inside a transaction that is rolled back.

use clap::Args;

use super::planner_args::PlannerArgs;

#[derive(Debug, Args)]
pub struct DryRunArgs {
    /// A plan id, or a request in plain language to plan first
    #[arg(value_name = "PROMPT|PLAN_ID")]
    pub target: String,
    #[command(flatten)]
    pub planner: PlannerArgs,
}
