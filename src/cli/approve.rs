//! `opsgate approve`: review and sign pending actions (two-person rule).

use clap::Args;

#[derive(Debug, Args)]
pub struct ApproveArgs {
    /// The pending action to approve
    #[arg(value_name = "ACTION_ID", required_unless_present = "list")]
    pub id: Option<String>,
    /// List pending actions I may approve
    #[arg(long, conflicts_with = "id")]
    pub list: bool,
    /// Approve without the interactive confirmation (the second factor is still required)
    #[arg(long)]
    pub yes: bool,
    /// A TOTP code, for actions that need a second factor
    #[arg(long, value_name = "CODE")]
    pub totp: Option<String>,
}
