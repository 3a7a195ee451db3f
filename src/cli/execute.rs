//! `opsgate execute`: run a planned action after confirmation, token or approvals.

use clap::Args;

use super::planner_args::PlannerArgs;

#[derive(Debug, Args)]
pub struct ExecuteArgs {
    /// A plan id, an action id, or a request in plain language
    #[arg(value_name = "PLAN_ID|ACTION_ID|PROMPT")]
    pub target: String,
    /// The confirmation token printed by `plan` or `dry-run` (required without a terminal)
    #[arg(long)]
    pub token: Option<String>,
    /// A TOTP code, for actions that need a second factor
    #[arg(long, value_name = "CODE")]
    pub totp: Option<String>,
    /// Queue an approved action for `opsgate worker` instead of running it here
    #[arg(long)]
    pub queue: bool,
    #[command(flatten)]
    pub planner: PlannerArgs,
}
