//! `opsgate audit query|verify`: read and check the hash-chained audit log.

use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;

use super::Context;
use crate::audit::AuditEntry;
use crate::error::{Error, Result};
use crate::exit_code::ExitCode;
use crate::rbac::require;
use crate::render::{Tabular, json_line, table};
use crate::store::{AuditFilter, VerifyReport};
use crate::time::parse_instant;

#[derive(Debug, Args)]
pub struct AuditArgs {
    #[command(subcommand)]
    command: AuditCommand,
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Show audit entries, oldest first (the newest --limit of those matching)
    Query(QueryArgs),
    /// Recompute the hash chain; exit 1 and name the first broken entry if it does not verify
    Verify,
}

#[derive(Debug, Args)]
struct QueryArgs {
    /// Entries by this actor (an e-mail, agent name or os:<user>)
    #[arg(long, value_name = "ID")]
    actor: Option<String>,
    /// Entries on behalf of this person (e-mail)
    #[arg(long, value_name = "EMAIL")]
    subject: Option<String>,
    /// Entries of this event; a trailing * matches a prefix (e.g. `token.*`)
    #[arg(long)]
    event: Option<String>,
    /// Entries about this action id
    #[arg(long, value_name = "ACTION_ID")]
    action: Option<i64>,
    /// Entries with this status (e.g. succeeded, denied, failed)
    #[arg(long)]
    status: Option<String>,
    /// From this time on: RFC 3339, a date (YYYY-MM-DD) or a duration ago (30m, 24h, 7d)
    #[arg(long, value_name = "TIME")]
    since: Option<String>,
    /// Before this time (same forms as --since)
    #[arg(long, value_name = "TIME")]
    until: Option<String>,
    /// At most this many entries (the newest); default 50 for tables, all for jsonl
    #[arg(long)]
    limit: Option<i64>,
    /// jsonl: one JSON object per line, for export (overrides --output)
    #[arg(long, value_enum)]
    format: Option<ExportFormat>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExportFormat {
    Jsonl,
}

impl AuditArgs {
    pub async fn run(self, ctx: &Context) -> Result<ExitCode> {
        // Reading the trail needs ops.audit.view when someone is named; an
        // anonymous run is the database owner (CI, an auditor with DB access).
        if let Some(person) = ctx.maybe_person().await? {
            require(&person, "ops.audit.view")?;
        }
        match self.command {
            AuditCommand::Query(args) => args.run(ctx).await,
            AuditCommand::Verify => verify(ctx).await,
        }
    }
}

impl QueryArgs {
    async fn run(self, ctx: &Context) -> Result<ExitCode> {
        let jsonl = self.format.is_some();
        if let Some(limit) = self.limit.filter(|l| *l < 1) {
            return Err(Error::Usage(format!("--limit must be at least 1, not {limit}")));
        }
        let filter = AuditFilter {
            actor: self.actor,
            subject: self.subject,
            event: self.event,
            action_id: self.action,
            status: self.status,
            since: self.since.as_deref().map(parse_instant).transpose()?,
            until: self.until.as_deref().map(parse_instant).transpose()?,
            limit: self.limit.or(if jsonl { None } else { Some(50) }),
        };
        let entries = ctx.store.query_audit(&filter).await?;
        if jsonl {
            // Each line is masked for the reader, like every other output.
            let audience = ctx.audience().await?;
            let mut out = String::new();
            for entry in &entries {
                let mut line =
                    serde_json::to_value(entry.view()).map_err(|e| Error::Internal(e.to_string()))?;
                audience.value(&mut line);
                out.push_str(&json_line(&line)?);
                out.push('\n');
            }
            if !out.is_empty() {
                ctx.write(&out)?;
            }
            return Ok(ExitCode::Success);
        }
        ctx.show(&AuditEntries(entries)).await?;
        Ok(ExitCode::Success)
    }
}

struct AuditEntries(Vec<AuditEntry>);

impl Serialize for AuditEntries {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(AuditEntry::view))
    }
}

impl Tabular for AuditEntries {
    fn human(&self) -> String {
        if self.0.is_empty() {
            return "no matching audit entries".into();
        }
        table(
            &["id", "time", "actor", "subject", "event", "action", "status", "payload"],
            self.0.iter().map(|e| {
                vec![
                    e.id.to_string(),
                    e.time.format("%Y-%m-%d %H:%M:%S").to_string(),
                    format!("{}:{}", e.actor_kind, e.actor_id),
                    e.subject.clone().unwrap_or_default(),
                    e.event.clone(),
                    e.action_id.map(|a| a.to_string()).unwrap_or_default(),
                    e.status.clone(),
                    truncate(&e.payload, 60),
                ]
            }),
        )
    }
}

fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

async fn verify(ctx: &Context) -> Result<ExitCode> {
    let report = ctx.store.verify_audit().await?;
    if let Some(problem) = &report.problem {
        if ctx.output == crate::render::OutputFormat::Table {
            ctx.note(&format!("checked {} entries before the break", report.entries));
        }
        return Err(Error::AuditBroken(problem.clone()));
    }
    ctx.show(&report).await?;
    Ok(ExitCode::Success)
}

impl Tabular for VerifyReport {
    fn human(&self) -> String {
        format!("audit chain verifies: {} entries, head {}", self.entries, self.head)
    }
}

impl AuditArgs {
    pub fn remote_call(&self) -> crate::remote::Call {
        match &self.command {
            AuditCommand::Verify => crate::remote::Call::get("/v1/audit/verify"),
            AuditCommand::Query(q) => crate::remote::Call::get("/v1/audit")
                .query("actor", q.actor.as_ref())
                .query("subject", q.subject.as_ref())
                .query("event", q.event.as_ref())
                .query("action", q.action)
                .query("status", q.status.as_ref())
                .query("since", q.since.as_ref())
                .query("until", q.until.as_ref())
                .query("limit", q.limit)
                .query("format", q.format.map(|_| "jsonl")),
        }
    }
}
