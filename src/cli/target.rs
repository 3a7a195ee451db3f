//! `opsgate target`: the back office the built-in pack acts on, checked
//! against its live schema, and a first binding written from it.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Context;
use serde_json::json;

use crate::audit::{Event, NewAuditEntry, Outcome};
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::exit_code::ExitCode;
use crate::render::{Tabular, table};
use crate::target::check::Report;

#[derive(Debug, Args)]
#[command(
    after_help = "The target is --target URL (or OPSGATE_TARGET); without one, the state database's own \
back office. --binding FILE (or OPSGATE_BINDING) maps the pack's names to the team's.

Examples:
  opsgate --db state.db --target mysql://ops@127.0.0.1/backoffice target init-binding --out binding.yaml
  opsgate --db state.db --target mysql://ops@127.0.0.1/backoffice --binding binding.yaml target check"
)]
pub struct TargetArgs {
    #[command(subcommand)]
    pub command: TargetCommand,
}

#[derive(Debug, Subcommand)]
pub enum TargetCommand {
    /// List every table and column the pack needs that the target lacks or types
    /// differently, and the actions that are unavailable because of it (exit 1 if any)
    Check,
    /// Converge the target's own roles, permissions and grants (and test staff rows
    /// with --test-staff) onto the RBAC seed, through the binding, in one transaction
    SeedRbac {
        /// The seed file [default: the built-in seeds/rbac.yaml]
        #[arg(long, value_name = "PATH")]
        file: Option<PathBuf>,
        /// Also create one staff row per role (<role>@example.com) in the target
        #[arg(long)]
        test_staff: bool,
    },
    /// Write a starting binding guessed from the target's live schema
    InitBinding {
        /// Write it here instead of standard output (refuses to overwrite without --force)
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Overwrite --out if it exists
        #[arg(long)]
        force: bool,
    },
}

impl Tabular for Report {
    fn human(&self) -> String {
        let mut out = format!(
            "target {} ({}): {} tables and {} columns the pack needs\n",
            self.target, self.backend, self.tables_checked, self.columns_checked
        );
        if self.problems.is_empty() {
            out.push_str("everything the pack needs is there; every action is available\n");
            return out;
        }
        out.push('\n');
        out.push_str(&table(
            &["needs", "looked for", "problem"],
            self.problems.iter().map(|p| vec![p.logical.clone(), p.bound.clone(), p.problem.clone()]),
        ));
        out.push_str(&format!("\n{} actions unavailable:\n", self.unavailable.len()));
        for (action, reason) in &self.unavailable {
            out.push_str(&format!("  {action}: {reason}\n"));
        }
        out
    }
}

impl TargetArgs {
    pub async fn run(self, ctx: &Context) -> Result<ExitCode> {
        let target = ctx.store.target();
        match self.command {
            TargetCommand::Check => {
                let report = crate::target::check::check(&target, Catalog::builtin().actions()).await?;
                ctx.show(&report).await?;
                Ok(if report.is_clean() { ExitCode::Success } else { ExitCode::Error })
            }
            TargetCommand::SeedRbac { file, test_staff } => {
                let seed = match &file {
                    Some(path) => crate::rbac::ResolvedSeed::load(path)?,
                    None => crate::rbac::ResolvedSeed::builtin(),
                };
                let person = ctx.maybe_person().await?;
                if let Some(person) = &person {
                    crate::rbac::require(person, "system.admin")?;
                }
                let outcome = crate::target::seed::seed_rbac(&target, &seed, test_staff).await?;
                let entry = NewAuditEntry::new(
                    ctx.actor(person.as_ref()),
                    Event::SeedRbac,
                    if outcome.changed() { Outcome::Succeeded } else { Outcome::Unchanged },
                )
                .payload(json!({"file": seed.source.display().to_string(), "test_staff": test_staff, "target": target.shown()}))
                .result(serde_json::to_value(&outcome).unwrap_or_default());
                ctx.store.append_audit(&[entry]).await?;
                ctx.show(&super::seed::SeedReport::new(&seed, outcome, None)).await?;
                Ok(ExitCode::Success)
            }
            TargetCommand::InitBinding { out, force } => {
                let guess = crate::target::infer::guess(&target).await?;
                let text = crate::target::infer::render(&guess, target.shown())?;
                match out {
                    None => ctx.write(&text)?,
                    Some(path) => {
                        if path.exists() && !force {
                            return Err(Error::Usage(format!(
                                "{} exists; pass --force to overwrite it",
                                path.display()
                            )));
                        }
                        std::fs::write(&path, &text)
                            .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
                        ctx.note(&format!(
                            "wrote {0}; check it with `opsgate --binding {0} target check`",
                            path.display()
                        ));
                    }
                }
                Ok(ExitCode::Success)
            }
        }
    }
}
