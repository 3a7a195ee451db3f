//! `opsgate alerts`: alert rule evaluation for cron.

use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct AlertsArgs {
    #[command(subcommand)]
    pub command: AlertsCommand,
}

#[derive(Debug, Subcommand)]
pub enum AlertsCommand {
    /// Evaluate enabled alert rules and open alerts for new conditions (idempotent)
    Evaluate,
}

impl AlertsArgs {
    pub async fn run(self, _ctx: &super::Context) -> crate::error::Result<crate::exit_code::ExitCode> {
        Err(crate::Error::NotAvailable("alerts"))
    }
}
