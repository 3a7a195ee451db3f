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
    Verify(VerifyArgs),
    /// Sign a checkpoint of the log's Merkle tree (C2SP tlog-checkpoint) and record it; keep it elsewhere
    Checkpoint,
    /// Print the log key checkpoints are signed with, as a signed-note verifier key
    Key,
    /// Print an inclusion proof of an entry, or a consistency proof between two tree sizes
    Prove(ProveArgs),
    /// Every entry, one JSON document a line, ending with a signed checkpoint of exactly those entries
    Export(ExportArgs),
}

#[derive(Debug, Args)]
struct ExportArgs {
    /// jsonl: the entries as `audit query` shows them; cloudevents: CloudEvents 1.0 JSON, type dev.opsgate.audit.<event>
    #[arg(long, value_enum, default_value = "jsonl")]
    format: ExportStyle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExportStyle {
    Jsonl,
    Cloudevents,
}

#[derive(Debug, Args)]
struct VerifyArgs {
    /// Also check the log against a checkpoint kept elsewhere (a file, or - for stdin):
    /// truncated, rewritten or recomputed history exits 1, a malformed checkpoint 2, a bad signature 5
    #[arg(long, value_name = "FILE")]
    checkpoint: Option<String>,
    /// The verifier key the checkpoint must be signed by (`audit key` prints it); default: this instance's
    #[arg(long, value_name = "KEY", requires = "checkpoint")]
    key: Option<String>,
    /// Read only the entries after the checkpoint: the log up to it is vouched for by the
    /// checkpoint recorded here when it was made (matching the kept one); fast on a long log
    #[arg(long, requires = "checkpoint")]
    since_checkpoint: bool,
}

#[derive(Debug, Args)]
struct ProveArgs {
    /// The entry to prove included
    #[arg(value_name = "ID", required_unless_present = "consistency", conflicts_with = "consistency")]
    id: Option<i64>,
    /// Instead, prove that the tree of this many entries is a prefix of the tree of --size
    #[arg(long, value_name = "OLD_SIZE")]
    consistency: Option<i64>,
    /// The tree size to prove against (default: the whole log now)
    #[arg(long, value_name = "N")]
    size: Option<i64>,
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
            AuditCommand::Verify(args) => verify(ctx, args).await,
            AuditCommand::Checkpoint => {
                let (checkpoint, note) = crate::audit::tree::checkpoint(&ctx.store).await?;
                ctx.show(&CheckpointView { origin: checkpoint.origin, size: checkpoint.size, note }).await?;
                Ok(ExitCode::Success)
            }
            AuditCommand::Key => {
                let key = crate::audit::tree::log_key(&ctx.store).await?;
                ctx.show(&KeyView { origin: key.origin.clone(), verifier_key: key.verifier().encoded() })
                    .await?;
                Ok(ExitCode::Success)
            }
            AuditCommand::Export(args) => export(ctx, args.format).await,
            AuditCommand::Prove(args) => {
                let value = match (args.id, args.consistency) {
                    (_, Some(old)) => {
                        json_of(&crate::audit::tree::prove_consistency(&ctx.store, old, args.size).await?)?
                    }
                    (Some(id), None) => {
                        json_of(&crate::audit::tree::prove_inclusion(&ctx.store, id, args.size).await?)?
                    }
                    (None, None) => {
                        return Err(Error::Usage("name an entry, or --consistency OLD_SIZE".into()));
                    }
                };
                ctx.show(&Proof(value)).await?;
                Ok(ExitCode::Success)
            }
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

async fn verify(ctx: &Context, args: VerifyArgs) -> Result<ExitCode> {
    // Read before the log is: a checkpoint that is not valid is said first.
    let kept = match &args.checkpoint {
        Some(path) => {
            let note = read_checkpoint(path)?;
            let verifier =
                args.key.as_deref().map(crate::audit::checkpoint::NoteVerifier::parse).transpose()?;
            Some(crate::audit::tree::open_checkpoint(&ctx.store, &note, verifier.as_ref()).await?)
        }
        None => None,
    };
    if args.since_checkpoint
        && let Some(kept) = &kept
    {
        let (report, consistency) = crate::audit::tree::verify_since(&ctx.store, kept).await?;
        ctx.show(&ConsistencyView { chain: report, consistency }).await?;
        return Ok(ExitCode::Success);
    }
    let report = ctx.store.verify_audit().await?;
    if let Some(problem) = &report.problem {
        if ctx.output == crate::render::OutputFormat::Table {
            ctx.note(&format!("checked {} entries before the break", report.entries));
        }
        return Err(Error::AuditBroken(problem.clone()));
    }
    let Some(kept) = kept else {
        // The chain holds; it must also still extend what was checkpointed here.
        crate::audit::tree::check_recorded(&ctx.store).await?;
        ctx.show(&report).await?;
        return Ok(ExitCode::Success);
    };
    let consistency = crate::audit::tree::verify_against(&ctx.store, &kept).await?;
    ctx.show(&ConsistencyView { chain: report, consistency }).await?;
    Ok(ExitCode::Success)
}

/// Entries written per batch of an export.
const EXPORT_BATCH: usize = 1000;

/// The log up to a checkpoint made now, then that checkpoint. Entries are
/// masked for the reader as everywhere else: a reader with full PII access
/// gets entries that hash to the checkpoint.
async fn export(ctx: &Context, style: ExportStyle) -> Result<ExitCode> {
    let (checkpoint, note) = crate::audit::tree::checkpoint(&ctx.store).await?;
    let size = i64::try_from(checkpoint.size).unwrap_or(i64::MAX);
    let audience = ctx.audience().await?.clone();
    let line_of = |entry: &AuditEntry| -> Result<String> {
        let mut view = serde_json::to_value(entry.view()).map_err(|e| Error::Internal(e.to_string()))?;
        audience.value(&mut view);
        let document = match style {
            ExportStyle::Jsonl => view,
            ExportStyle::Cloudevents => serde_json::json!({
                "specversion": "1.0",
                "id": format!("{}/{}", checkpoint.origin, entry.id),
                "source": checkpoint.origin,
                "type": format!("dev.opsgate.audit.{}", entry.event),
                "time": entry.time.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
                "subject": entry.subject,
                "datacontenttype": "application/json",
                "data": view,
            }),
        };
        json_line(&document)
    };
    let mut batch = String::new();
    let mut lines = 0;
    let mut failed = None;
    ctx.store
        .scan_audit(|entry| {
            if entry.id > size {
                return false;
            }
            match line_of(entry) {
                Ok(line) => {
                    batch.push_str(&line);
                    batch.push('\n');
                }
                Err(error) => {
                    failed = Some(error);
                    return false;
                }
            }
            lines += 1;
            if lines % EXPORT_BATCH == 0
                && let Err(error) = ctx.write(&std::mem::take(&mut batch))
            {
                failed = Some(error);
                return false;
            }
            true
        })
        .await?;
    if let Some(error) = failed {
        return Err(error);
    }
    let last = match style {
        ExportStyle::Jsonl => {
            serde_json::json!({"checkpoint": note, "origin": checkpoint.origin, "size": checkpoint.size})
        }
        ExportStyle::Cloudevents => serde_json::json!({
            "specversion": "1.0",
            "id": format!("{}/checkpoint/{}", checkpoint.origin, checkpoint.size),
            "source": checkpoint.origin,
            "type": "dev.opsgate.audit.checkpoint",
            "time": crate::time::now_micros().to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
            "datacontenttype": "text/plain",
            "data": note,
        }),
    };
    batch.push_str(&json_line(&last)?);
    ctx.write(&batch)?;
    Ok(ExitCode::Success)
}

/// A checkpoint's text from a file or stdin (`-`), at most 64 KiB.
fn read_checkpoint(path: &str) -> Result<String> {
    use std::io::Read;
    let mut text = String::new();
    let read = if path == "-" {
        std::io::stdin().take(64 * 1024).read_to_string(&mut text)
    } else {
        std::fs::File::open(path).and_then(|file| file.take(64 * 1024).read_to_string(&mut text))
    };
    read.map_err(|e| Error::io(format!("cannot read the checkpoint {path}"), e))?;
    Ok(text)
}

fn json_of<T: Serialize>(value: &T) -> Result<serde_json::Value> {
    serde_json::to_value(value).map_err(|e| Error::Internal(e.to_string()))
}

#[derive(Serialize)]
struct CheckpointView {
    origin: String,
    size: u64,
    note: String,
}

impl Tabular for CheckpointView {
    fn human(&self) -> String {
        self.note.trim_end().to_owned()
    }
}

#[derive(Serialize)]
struct KeyView {
    origin: String,
    verifier_key: String,
}

impl Tabular for KeyView {
    fn human(&self) -> String {
        self.verifier_key.clone()
    }
}

#[derive(Serialize)]
#[serde(transparent)]
struct Proof(serde_json::Value);

impl Tabular for Proof {
    fn human(&self) -> String {
        serde_json::to_string_pretty(&self.0).unwrap_or_default()
    }
}

#[derive(Serialize)]
struct ConsistencyView {
    chain: VerifyReport,
    consistency: crate::audit::tree::Consistency,
}

impl Tabular for ConsistencyView {
    fn human(&self) -> String {
        let c = &self.consistency;
        let chain = if self.chain.entries < c.size {
            format!(
                "audit chain verifies: the {} entries after the checkpoint (entries 1 to {} were not read again: the checkpoint vouches for their hashes)",
                self.chain.entries, c.checkpoint_size
            )
        } else {
            self.chain.human()
        };
        format!(
            "{chain}\nconsistent with the checkpoint of {} entries (root {}): the log now has {} entries, root {}",
            c.checkpoint_size, c.checkpoint_root, c.size, c.root
        )
    }
}

impl Tabular for VerifyReport {
    fn human(&self) -> String {
        format!("audit chain verifies: {} entries, head {}", self.entries, self.head)
    }
}

impl AuditArgs {
    pub fn remote_call(&self) -> Result<crate::remote::Call> {
        Ok(match &self.command {
            AuditCommand::Verify(v) if v.checkpoint.is_some() => {
                return Err(Error::Usage(
                    "checking the log against a kept checkpoint runs where the database is, with read access: `opsgate --db URL audit verify --checkpoint FILE`".into(),
                ));
            }
            AuditCommand::Verify(_) => crate::remote::Call::get("/v1/audit/verify"),
            AuditCommand::Checkpoint => {
                crate::remote::Call::post("/v1/audit/checkpoints", serde_json::json!({}))
            }
            AuditCommand::Key => crate::remote::Call::get("/v1/audit/key"),
            AuditCommand::Export(e) => crate::remote::Call::get("/v1/audit/export").query(
                "format",
                Some(if e.format == ExportStyle::Cloudevents { "cloudevents" } else { "jsonl" }),
            ),
            AuditCommand::Prove(p) => match (p.id, p.consistency) {
                (_, Some(old)) => crate::remote::Call::get("/v1/audit/proofs/consistency")
                    .query("old_size", Some(old))
                    .query("size", p.size),
                (id, None) => crate::remote::Call::get("/v1/audit/proofs/inclusion")
                    .query("entry", id)
                    .query("size", p.size),
            },
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
        })
    }
}
