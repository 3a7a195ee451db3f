//! Runbook retrieval: Markdown and text files split into passages at their
//! headings, indexed with full-text search, and found again as passages that
//! cite `path#L10-L24`. `opsgate docs` and `opsgate ask` read them.

mod chunk;
mod examples;
mod query;
mod source;

use serde::Serialize;
use serde::ser::SerializeStruct;
use serde_json::json;

use crate::audit::{Actor, Event, NewAuditEntry, Outcome};
use crate::error::Result;
use crate::identity::StaffMember;
use crate::rbac::require;
use crate::store::{NewRunbook, RunbookRow, Store};

pub use chunk::{Chunk, Chunked, Format, MAX_CHUNK_LINES, chunk};
pub use examples::{EXAMPLES, index_examples};
pub use query::{Query, Term, snippet};
pub use source::{MAX_FILE_BYTES, Source, load, stored_path};

/// Indexing runbooks changes what every answer cites: team configuration.
pub const ADD_PERMISSION: &str = "ops.config.edit";

/// Characters of a passage shown as its snippet.
const SNIPPET_CHARS: usize = 160;

/// A passage that matched a search, with where it is and how well it matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    /// The document's path as indexed (`runbooks/refund-policy.md`).
    pub path: String,
    /// Its heading path ("Refund policy > No-shows").
    pub heading: String,
    /// First and last line in the file, 1-based, inclusive.
    pub line_start: u32,
    pub line_end: u32,
    /// Exactly those lines.
    pub text: String,
    /// The line that best shows why it matched (sanitize before printing).
    pub snippet: String,
    /// Higher is better; comparable within one search, not across backends.
    pub score: f64,
}

impl Passage {
    /// `path#L10-L24`: where to read it.
    pub fn citation(&self) -> String {
        format!("{}#L{}-L{}", self.path, self.line_start, self.line_end)
    }
}

impl Serialize for Passage {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Passage", 8)?;
        s.serialize_field("citation", &self.citation())?;
        s.serialize_field("path", &self.path)?;
        s.serialize_field("heading", &self.heading)?;
        s.serialize_field("line_start", &self.line_start)?;
        s.serialize_field("line_end", &self.line_end)?;
        s.serialize_field("score", &self.score)?;
        s.serialize_field("snippet", &self.snippet)?;
        s.serialize_field("text", &self.text)?;
        s.end()
    }
}

/// The best `limit` passages for a query, best first. The query is read as
/// words (see [`Query::parse`]): a query without any is a usage error, and no
/// query is ever a syntax error. Who may search is the caller's decision.
pub async fn search(store: &Store, query: &str, limit: usize) -> Result<Vec<Passage>> {
    let query = Query::parse(query)?;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows = store.search_runbooks(&query.terms, limit).await?;
    Ok(rows
        .into_iter()
        .map(|row| Passage {
            snippet: snippet(&row.text, &query, SNIPPET_CHARS),
            path: row.path,
            heading: row.heading,
            line_start: u32::try_from(row.line_start).unwrap_or(0),
            line_end: u32::try_from(row.line_end).unwrap_or(0),
            text: row.text,
            score: row.score,
        })
        .collect())
}

/// Every indexed document, by path.
pub async fn list(store: &Store) -> Result<Vec<RunbookRow>> {
    store.runbook_documents().await
}

/// What indexing did to one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IndexStatus {
    /// A path not indexed before.
    Added,
    /// A path indexed before with different content: its passages were replaced.
    Updated,
    /// The same content as indexed: nothing changed.
    Unchanged,
}

/// One document of a `docs add`.
#[derive(Debug, Clone, Serialize)]
pub struct Indexed {
    pub path: String,
    pub title: String,
    pub status: IndexStatus,
    pub lines: u32,
    pub chunks: usize,
    pub sha256: String,
}

/// `opsgate docs add`: reads the files (all of them, before writing anything),
/// then indexes them as [`index`] does. A named person needs
/// [`ADD_PERMISSION`]; without one the run is the system's (the database owner's).
pub async fn add(
    store: &Store,
    person: Option<&StaffMember>,
    paths: &[std::path::PathBuf],
) -> Result<Vec<Indexed>> {
    if let Some(person) = person {
        require(person, ADD_PERMISSION)?;
    }
    let sources = load(paths)?;
    let actor = person.map_or_else(Actor::system, |p| Actor::person(&p.email));
    index(store, actor, &sources).await
}

/// Indexes documents in one transaction with their `docs.add` audit entry:
/// a path indexed before has its passages replaced, unless its content is
/// unchanged (same SHA-256). Either everything is indexed and audited, or nothing.
pub async fn index(store: &Store, actor: Actor, sources: &[Source]) -> Result<Vec<Indexed>> {
    let chunked: Vec<Chunked> = sources.iter().map(|s| chunk(&s.text, s.format, &s.fallback_title)).collect();
    let mut tx = store.begin().await?;
    let mut indexed = Vec::with_capacity(sources.len());
    for (source, chunked) in sources.iter().zip(&chunked) {
        let status = match tx.runbook_sha256(&source.path).await? {
            Some(sha256) if sha256 == source.sha256 => IndexStatus::Unchanged,
            Some(_) => IndexStatus::Updated,
            None => IndexStatus::Added,
        };
        if status != IndexStatus::Unchanged {
            tx.replace_runbook(&NewRunbook {
                path: &source.path,
                title: &chunked.title,
                sha256: &source.sha256,
                lines: chunked.lines,
                indexed_by: &actor.id,
                chunks: &chunked.chunks,
            })
            .await?;
        }
        indexed.push(Indexed {
            path: source.path.clone(),
            title: chunked.title.clone(),
            status,
            lines: chunked.lines,
            chunks: chunked.chunks.len(),
            sha256: source.sha256.clone(),
        });
    }
    let documents: Vec<_> = indexed
        .iter()
        .map(|d| json!({"path": d.path, "sha256": d.sha256, "status": d.status, "chunks": d.chunks}))
        .collect();
    tx.append_audit(&[NewAuditEntry::new(actor, Event::DocsAdd, Outcome::Succeeded)
        .payload(json!({"paths": indexed.iter().map(|d| &d.path).collect::<Vec<_>>()}))
        .result(json!({"documents": documents}))])
        .await?;
    tx.commit().await?;
    Ok(indexed)
}
