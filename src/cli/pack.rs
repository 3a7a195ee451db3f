//! `opsgate pack validate|add|list|show|remove`: a team's HTTP APIs as actions.

use std::fmt::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde::Serialize;

use super::Context;
use crate::error::{Error, Result};
use crate::exit_code::ExitCode;
use crate::pack::Pack;
use crate::pii::Audience;
use crate::render::{OutputFormat, Tabular, emit};
use crate::sanitize::for_terminal;

/// A pack file declares a base URL, headers (secrets as `{{ secret('NAME') }}`),
/// permissions and actions, each with its request; see docs/packs.md. Added
/// packs are stored in the database with their SHA-256, and their actions are
/// planned, guarded, confirmed, approved and audited like built-in ones.
///
/// Examples:
///   opsgate pack validate packs/billing.yaml
///   opsgate pack add packs/billing.yaml
///   opsgate pack list
#[derive(Debug, Args)]
pub struct PackArgs {
    #[command(subcommand)]
    pub command: PackCommand,
}

#[derive(Debug, Subcommand)]
pub enum PackCommand {
    /// Check a pack file without a database: every problem as file:line:col
    Validate { file: PathBuf },
    /// Store a pack and create its permissions (needs system.admin; audited with its SHA-256)
    Add {
        file: PathBuf,
        /// Replace an added pack of the same name
        #[arg(long)]
        replace: bool,
    },
    /// The added packs
    List,
    /// One added pack, exactly as added
    Show { name: String },
    /// Remove an added pack (needs system.admin; audited). Its permissions stay, ungranted use is denied
    Remove { name: String },
}

impl PackArgs {
    pub fn needs_store(&self) -> bool {
        !matches!(self.command, PackCommand::Validate { .. })
    }

    /// `pack validate FILE`: no database.
    pub fn validate(self, output: OutputFormat) -> Result<ExitCode> {
        let PackCommand::Validate { file } = self.command else {
            return Err(Error::Internal("only validate runs without a database".into()));
        };
        let pack = load(&file)?;
        emit(&PackView::of(&pack, None), output, &Audience::unmasked())?;
        Ok(ExitCode::Success)
    }

    pub async fn run(self, ctx: &Context) -> Result<ExitCode> {
        match self.command {
            PackCommand::Validate { .. } => self.validate(ctx.output),
            PackCommand::Add { file, replace } => {
                let person = ctx.person().await?;
                crate::pack::install::may_manage(&person)?;
                let pack = load(&file)?;
                crate::pack::install::add(&ctx.store, &person, &pack, &file.display().to_string(), replace)
                    .await?;
                ctx.show(&PackView::of(&pack, Some("added"))).await?;
                Ok(ExitCode::Success)
            }
            PackCommand::List => {
                ctx.person().await?;
                let rows = ctx.store.packs().await?;
                let list = PackList(
                    rows.iter()
                        .map(|r| PackLine {
                            name: r.name.clone(),
                            sha256: r.sha256.clone(),
                            added_by: r.added_by.clone(),
                            added_at: r.added_at.to_rfc3339(),
                        })
                        .collect(),
                );
                ctx.show(&list).await?;
                Ok(ExitCode::Success)
            }
            PackCommand::Show { name } => {
                ctx.person().await?;
                let pack =
                    ctx.store.installed_packs().await?.into_iter().find(|p| p.name == name).ok_or_else(
                        || {
                            Error::NotFound(format!(
                                "no pack `{name}` is added; `opsgate pack list` lists them"
                            ))
                        },
                    )?;
                ctx.show(&PackView::of(&pack, None)).await?;
                Ok(ExitCode::Success)
            }
            PackCommand::Remove { name } => {
                let person = ctx.person().await?;
                let sha256 = crate::pack::install::remove(&ctx.store, &person, &name).await?;
                ctx.write(&format!("removed pack `{name}` (sha256 {})\n", &sha256[..12]))?;
                Ok(ExitCode::Success)
            }
        }
    }
}

/// Validates a pack file; every problem goes to stderr, one per line.
fn load(file: &std::path::Path) -> Result<Pack> {
    Pack::load(file).map_err(|problems| {
        let count = problems.len();
        if count == 1 {
            return problems.into_iter().next().unwrap_or_else(|| Error::Internal("no problem".into()));
        }
        for problem in &problems {
            eprintln!("{}", for_terminal(&problem.to_string()));
        }
        Error::InvalidFile {
            path: file.to_owned(),
            location: None,
            message: format!("{count} problems (listed above)"),
        }
    })
}

#[derive(Serialize)]
struct PackView {
    name: String,
    description: String,
    sha256: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    permissions: Vec<String>,
    actions: Vec<PackActionLine>,
}

#[derive(Serialize)]
struct PackActionLine {
    name: String,
    risk: &'static str,
    requires: &'static str,
    permission: String,
    request: String,
}

impl PackView {
    fn of(pack: &Pack, status: Option<&'static str>) -> PackView {
        PackView {
            name: pack.name.clone(),
            description: pack.description.clone(),
            sha256: pack.sha256.clone(),
            status,
            permissions: pack.permissions.iter().map(|(n, _)| n.clone()).collect(),
            actions: pack
                .actions
                .iter()
                .map(|a| PackActionLine {
                    name: a.name.clone(),
                    risk: a.risk.as_str(),
                    requires: a.requires.as_str(),
                    permission: a.permission.clone(),
                    request: a.http.as_ref().map(|h| h.request.method.clone()).unwrap_or_default(),
                })
                .collect(),
        }
    }
}

impl Tabular for PackView {
    fn human(&self) -> String {
        let mut out = String::new();
        let status = self.status.map(|s| format!("{s}: ")).unwrap_or_default();
        let _ = writeln!(out, "{status}pack {} (sha256 {})", self.name, &self.sha256[..12]);
        if !self.description.is_empty() {
            let _ = writeln!(out, "  {}", self.description);
        }
        let _ = writeln!(out, "permissions: {}", self.permissions.join(", "));
        for a in &self.actions {
            let _ = writeln!(
                out,
                "  {:<28} {:<6} {:<11} {:<9} {}",
                a.name, a.request, a.risk, a.requires, a.permission
            );
        }
        for_terminal(out.trim_end())
    }
}

#[derive(Serialize)]
struct PackLine {
    name: String,
    sha256: String,
    added_by: String,
    added_at: String,
}

#[derive(Serialize)]
#[serde(transparent)]
struct PackList(Vec<PackLine>);

impl Tabular for PackList {
    fn human(&self) -> String {
        if self.0.is_empty() {
            return "no packs added; `opsgate pack add FILE` adds one".into();
        }
        let mut out = String::new();
        for p in &self.0 {
            let _ = writeln!(
                out,
                "{:<20} sha256 {}  added by {} at {}",
                p.name,
                &p.sha256[..12],
                p.added_by,
                p.added_at
            );
        }
        for_terminal(out.trim_end())
    }
}
