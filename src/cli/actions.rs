//! `opsgate actions`: the action catalog.

use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct ActionsArgs {
    /// Only the actions I may run
    #[arg(long)]
    pub mine: bool,
    #[command(subcommand)]
    pub command: Option<ActionsCommand>,
}

#[derive(Debug, Subcommand)]
pub enum ActionsCommand {
    /// Show one action with its parameter schema, permission, risk and needs
    Show {
        /// The action name, e.g. bookings.refund
        name: String,
    },
}
