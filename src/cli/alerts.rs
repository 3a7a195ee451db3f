//! `opsgate alerts`: alert rule evaluation for cron.

use clap::{Args, Subcommand};

use super::Context;
use crate::error::Result;
use crate::exit_code::ExitCode;
use crate::rbac::require;
use crate::render::EvaluationView;
use crate::time::now_micros;

#[derive(Debug, Args)]
pub struct AlertsArgs {
    #[command(subcommand)]
    pub command: AlertsCommand,
}

#[derive(Debug, Subcommand)]
pub enum AlertsCommand {
    /// Evaluate enabled alert rules and open alerts for new conditions (idempotent)
    ///
    /// Meant for cron, every `alerts.evaluation_interval_minutes` (5). Raises one alert per
    /// condition that holds and has no unresolved alert yet, assigns it to the oldest direct
    /// subscriber of its rule (if any) and tells every subscriber, including every active member
    /// of subscribed roles. Alerts of enabled rules whose condition no longer holds are resolved;
    /// disabled rules are skipped and their alerts left alone. Each run is recorded (the time
    /// `ops.health` reports) and audited as `alerts.evaluated`, all in one transaction;
    /// overlapping runs take turns and never raise duplicates.
    ///
    /// Who may run it: without --as (or OPSGATE_USER) the run is audited as the system
    /// (`os:$USER`), which is how cron runs it; a named person needs `ops.alerts.view`.
    Evaluate,
}

impl AlertsArgs {
    pub async fn run(self, ctx: &Context) -> Result<ExitCode> {
        let AlertsCommand::Evaluate = self.command;
        // The outcome follows from the rules and the data alone; a person only picks the moment.
        let person = ctx.maybe_person().await?;
        if let Some(person) = &person {
            require(person, "ops.alerts.view")?;
        }
        let report = crate::alerts::evaluate(&ctx.store, ctx.actor(person.as_ref()), now_micros()).await?;
        ctx.show(&EvaluationView(report)).await?;
        Ok(ExitCode::Success)
    }
}
