//! `opsgate plan`: turn a prompt into a stored plan (mode suggest; writes nothing).

use clap::Args;

use super::planner_args::PlannerArgs;

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The request, in plain language (e.g. "refund booking 1042")
    pub prompt: String,
    #[command(flatten)]
    pub planner: PlannerArgs,
}
