//! Indexed runbooks: documents, their passages, and full-text search over them
//! (FTS5 with bm25 on SQLite; a tsvector with a GIN index and cover-density
//! ranking, `ts_rank_cd` normalized by length, on PostgreSQL). Only a passage's
//! own lines are searched, so a match always lies inside its citation.
//! Match expressions are built here from plain words, never from a person's
//! text, so no query can be a syntax error.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::AssertSqlSafe;

use super::{Store, Tx, on_pool, on_tx};
use crate::error::Result;
use crate::runbooks::{Chunk, Term};
use crate::time::now_micros;

/// Chunks per INSERT statement: 5 values each, well below both backends' bind limits.
const CHUNKS_PER_INSERT: usize = 500;

/// One line of `opsgate docs list`.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct RunbookRow {
    pub path: String,
    pub title: String,
    pub sha256: String,
    pub lines: i64,
    pub chunks: i64,
    pub indexed_at: DateTime<Utc>,
    pub indexed_by: String,
}

/// A passage found by [`Store::search_runbooks`]; `score` is higher for better matches.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PassageRow {
    pub path: String,
    pub heading: String,
    pub line_start: i64,
    pub line_end: i64,
    pub text: String,
    pub score: f64,
}

/// A document about to replace whatever was indexed under its path.
pub struct NewRunbook<'a> {
    pub path: &'a str,
    pub title: &'a str,
    pub sha256: &'a str,
    pub lines: u32,
    /// The audit actor id of whoever indexed it.
    pub indexed_by: &'a str,
    pub chunks: &'a [Chunk],
}

const SEARCH_SQLITE: &str = "SELECT d.path, c.heading, c.line_start, c.line_end, c.text, -m.rank AS score \
    FROM (SELECT rowid, rank FROM runbook_chunks_fts WHERE runbook_chunks_fts MATCH $1 ORDER BY rank LIMIT $2) m \
    JOIN runbook_chunks c ON c.id = m.rowid \
    JOIN runbook_documents d ON d.id = c.document_id \
    ORDER BY m.rank, d.path, c.line_start";

const SEARCH_POSTGRES: &str = "SELECT d.path, c.heading, c.line_start, c.line_end, c.text, \
    ts_rank_cd(c.search, q.query, 1)::float8 AS score \
    FROM runbook_chunks c \
    CROSS JOIN (SELECT to_tsquery('english', $1) AS query) q \
    JOIN runbook_documents d ON d.id = c.document_id \
    WHERE c.search @@ q.query \
    ORDER BY score DESC, d.path, c.line_start LIMIT $2";

impl Store {
    /// Every indexed document with its number of passages, by path.
    pub async fn runbook_documents(&self) -> Result<Vec<RunbookRow>> {
        Ok(on_pool!(self, pool => {
            sqlx::query_as::<_, RunbookRow>(
                "SELECT d.path, d.title, d.sha256, d.lines, d.indexed_at, d.indexed_by, \
                 (SELECT COUNT(*) FROM runbook_chunks c WHERE c.document_id = d.id) AS chunks \
                 FROM runbook_documents d ORDER BY d.path",
            )
            .fetch_all(pool).await?
        }))
    }

    /// The best `limit` passages matching any of `terms`, best first.
    pub async fn search_runbooks(&self, terms: &[Term], limit: i64) -> Result<Vec<PassageRow>> {
        if terms.is_empty() || limit <= 0 {
            return Ok(Vec::new());
        }
        Ok(match self {
            Store::Sqlite(pool) => {
                sqlx::query_as(SEARCH_SQLITE).bind(fts5_match(terms)).bind(limit).fetch_all(pool).await?
            }
            Store::Postgres(pool) => {
                sqlx::query_as(SEARCH_POSTGRES).bind(tsquery(terms)).bind(limit).fetch_all(pool).await?
            }
        })
    }
}

impl Tx {
    /// The content hash of the document indexed under `path`, if any.
    pub async fn runbook_sha256(&mut self, path: &str) -> Result<Option<String>> {
        Ok(on_tx!(self, tx => {
            sqlx::query_scalar("SELECT sha256 FROM runbook_documents WHERE path = $1")
                .bind(path).fetch_optional(&mut **tx).await?
        }))
    }

    /// Indexes a document, replacing the passages of an earlier version of the
    /// same path. Returns the document's id.
    pub async fn replace_runbook(&mut self, doc: &NewRunbook<'_>) -> Result<i64> {
        let now = now_micros();
        let lines = i64::from(doc.lines);
        let id: i64 = on_tx!(self, tx => {
            sqlx::query_scalar(
                "INSERT INTO runbook_documents (path, title, sha256, lines, indexed_at, indexed_by) \
                 VALUES ($1, $2, $3, $4, $5, $6) \
                 ON CONFLICT (path) DO UPDATE SET title = excluded.title, sha256 = excluded.sha256, \
                 lines = excluded.lines, indexed_at = excluded.indexed_at, indexed_by = excluded.indexed_by \
                 RETURNING id",
            )
            .bind(doc.path).bind(doc.title).bind(doc.sha256).bind(lines).bind(now).bind(doc.indexed_by)
            .fetch_one(&mut **tx).await?
        });
        on_tx!(self, tx => {
            sqlx::query("DELETE FROM runbook_chunks WHERE document_id = $1").bind(id).execute(&mut **tx).await?;
        });
        for batch in doc.chunks.chunks(CHUNKS_PER_INSERT) {
            let sql = AssertSqlSafe(insert_chunks_statement(batch.len()));
            on_tx!(self, tx => {
                let mut query = sqlx::query(sql);
                for chunk in batch {
                    query = query
                        .bind(id)
                        .bind(&chunk.heading)
                        .bind(i64::from(chunk.line_start))
                        .bind(i64::from(chunk.line_end))
                        .bind(&chunk.text);
                }
                query.execute(&mut **tx).await?;
            });
        }
        Ok(id)
    }
}

fn insert_chunks_statement(rows: usize) -> String {
    let values: Vec<String> = (0..rows)
        .map(|row| {
            let n = row * 5;
            format!("(${}, ${}, ${}, ${}, ${})", n + 1, n + 2, n + 3, n + 4, n + 5)
        })
        .collect();
    format!(
        "INSERT INTO runbook_chunks (document_id, heading, line_start, line_end, text) VALUES {}",
        values.join(", ")
    )
}

/// FTS5: each term a quoted phrase (`"no show"`, `"escal"*`), OR-ed; bm25 ranks
/// passages with more and rarer terms first. Words hold only letters and
/// digits, so nothing inside the quotes can be syntax.
fn fts5_match(terms: &[Term]) -> String {
    terms
        .iter()
        .map(|term| {
            let phrase = term.words.join(" ").replace('"', "");
            format!("\"{phrase}\"{}", if term.prefix { "*" } else { "" })
        })
        .collect::<Vec<_>>()
        .join(" OR ")
}

/// PostgreSQL: each term a quoted lexeme or phrase (`'no show'`, `'escal':*`),
/// OR-ed. Stop words and words without lexemes are dropped by `to_tsquery`.
fn tsquery(terms: &[Term]) -> String {
    terms
        .iter()
        .map(|term| {
            let phrase = term.words.join(" ").replace(['\'', '\\'], "");
            format!("'{phrase}'{}", if term.prefix { ":*" } else { "" })
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runbooks::Query;

    #[test]
    fn match_expressions_quote_every_term() {
        let query = Query::parse("refund no-show escal").unwrap();
        assert_eq!(fts5_match(&query.terms), "\"refund\" OR \"no show\" OR \"escal\"*");
        assert_eq!(tsquery(&query.terms), "'refund' | 'no show' | 'escal':*");
        let hostile = Query::parse("\"foo AND (bar OR\" NEAR* '; DROP TABLE x; --").unwrap();
        assert_eq!(
            fts5_match(&hostile.terms),
            "\"foo\" OR \"bar\" OR \"near\" OR \"drop\" OR \"table\" OR \"x\""
        );
    }

    #[test]
    fn chunk_inserts_number_their_placeholders() {
        assert_eq!(
            insert_chunks_statement(2),
            "INSERT INTO runbook_chunks (document_id, heading, line_start, line_end, text) VALUES ($1, $2, $3, $4, $5), ($6, $7, $8, $9, $10)"
        );
    }
}
