//! `opsgate seed rbac`: converge roles, permissions, alert rules and config onto a seed file.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde::Serialize;

use super::Context;
use crate::error::Result;
use crate::exit_code::ExitCode;
use crate::rbac::{ResolvedSeed, apply_seed, require};
use crate::render::{Tabular, table};
use crate::store::SeedOutcome;

#[derive(Debug, Args)]
pub struct SeedArgs {
    #[command(subcommand)]
    command: SeedCommand,
}

#[derive(Debug, Subcommand)]
enum SeedCommand {
    /// Seed the 8 roles, 32 permissions and their grants, plus default alert rules and config.
    /// Idempotent: a second run changes nothing and says so.
    Rbac {
        /// The seed file [default: the built-in seeds/rbac.yaml]
        #[arg(long, value_name = "PATH")]
        file: Option<PathBuf>,
        /// Also create one staff member per role (<role>@example.com), each with a
        /// fresh Ed25519 key whose private half goes to the config directory (0600)
        #[arg(long)]
        test_staff: bool,
    },
}

#[derive(Serialize)]
pub(super) struct SeedReport {
    source: String,
    changed: bool,
    #[serde(flatten)]
    outcome: SeedOutcome,
    #[serde(skip_serializing_if = "Option::is_none")]
    key_dir: Option<String>,
}

impl SeedArgs {
    pub async fn run(self, ctx: &Context) -> Result<ExitCode> {
        let SeedCommand::Rbac { file, test_staff } = self.command;
        let seed = match &file {
            Some(path) => ResolvedSeed::load(path)?,
            None => ResolvedSeed::builtin(),
        };
        // CI seeds before anyone exists, as the system; a named person must be a system admin.
        let person = ctx.maybe_person().await?;
        if let Some(person) = &person {
            require(person, "system.admin")?;
        }
        let key_dir = ctx.key_dir();
        let outcome =
            apply_seed(&ctx.store, &seed, ctx.actor(person.as_ref()), test_staff.then_some(&key_dir)).await?;
        let report = SeedReport::new(&seed, outcome, test_staff.then(|| key_dir.dir().display().to_string()));
        ctx.show(&report).await?;
        Ok(ExitCode::Success)
    }
}

impl SeedReport {
    pub(super) fn new(seed: &ResolvedSeed, outcome: SeedOutcome, key_dir: Option<String>) -> SeedReport {
        SeedReport { source: seed.source.display().to_string(), changed: outcome.changed(), outcome, key_dir }
    }
}

impl Tabular for SeedReport {
    fn human(&self) -> String {
        let o = &self.outcome;
        let kind = |name: &str, k: crate::store::KindCounts| {
            vec![name.to_owned(), k.created.to_string(), k.updated.to_string(), k.unchanged.to_string()]
        };
        let rows = vec![
            kind("permissions", o.permissions),
            kind("roles", o.roles),
            vec![
                "role grants".into(),
                o.role_permissions.granted.to_string(),
                format!("{} revoked", o.role_permissions.revoked),
                o.role_permissions.unchanged.to_string(),
            ],
            kind("alert rules", o.alert_rules),
            kind("config", o.config),
            kind("test staff", o.test_staff),
        ];
        let headline = if self.changed {
            format!("seeded from {}", self.source)
        } else {
            format!("nothing changed: the database already matches {}", self.source)
        };
        let mut text = format!("{headline}\n{}", table(&["kind", "created", "updated", "unchanged"], rows));
        if let Some(dir) = &self.key_dir {
            text.push_str(&format!("\nprivate keys of test staff: {dir}"));
        }
        text
    }
}
