//! `opsgate reject`: reject a pending action, with a reason.

use clap::Args;

#[derive(Debug, Args)]
pub struct RejectArgs {
    /// The pending action to reject
    #[arg(value_name = "ACTION_ID")]
    pub id: String,
    /// Why it is rejected (recorded in the audit log)
    #[arg(long)]
    pub reason: String,
}
