//! `opsgate show`: a stored plan or action with its current status.

use clap::Args;

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A plan id or an action id
    #[arg(value_name = "ID")]
    pub id: String,
}
