//! Indexed runbooks: documents, their passages, and full-text search over them
//! (FTS5 with bm25 on SQLite; a tsvector with a GIN index and cover-density
//! ranking, `ts_rank_cd` normalized by length, on PostgreSQL). Only a passage's
//! own lines are searched, so a match always lies inside its citation.
//! Match expressions are built here from plain words, never from a person's
//! text, so no query can be a syntax error.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::{AssertSqlSafe, Row};

use super::{Pool, Store, Tx, on_pool, on_tx};
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

/// Ranking costs about a microsecond or two per matching passage, and a word
/// found almost everywhere matches nearly all of them. So at most about this
/// many candidates are ranked: those holding the rarest terms (see [`candidates`]).
const CANDIDATE_BUDGET: i64 = 2000;

impl Store {
    /// Every indexed document with its number of passages, by path.
    pub async fn runbook_documents(&self) -> Result<Vec<RunbookRow>> {
        Ok(on_pool!(self, pool => {
            sqlx::query_as::<_, RunbookRow>(
                "SELECT d.path, d.title, d.sha256, d.lines, d.indexed_at, d.indexed_by, \
                 (SELECT COUNT(*) FROM opsgate_runbook_chunks c WHERE c.document_id = d.id) AS chunks \
                 FROM opsgate_runbook_documents d ORDER BY d.path",
            )
            .fetch_all(pool).await?
        }))
    }

    /// Every passage of the document indexed under `path`, in line order
    /// (score 0); empty when nothing is indexed there.
    pub async fn runbook_passages(&self, path: &str) -> Result<Vec<PassageRow>> {
        Ok(on_pool!(self, pool => {
            sqlx::query_as::<_, PassageRow>(
                "SELECT d.path, c.heading, c.line_start, c.line_end, c.text, CAST(0 AS DOUBLE PRECISION) AS score \
                 FROM opsgate_runbook_chunks c JOIN opsgate_runbook_documents d ON d.id = c.document_id \
                 WHERE d.path = $1 ORDER BY c.line_start",
            )
            .bind(path)
            .fetch_all(pool).await?
        }))
    }

    /// The best `limit` passages matching any of `terms`, best first: bm25 on
    /// SQLite, cover density on PostgreSQL. Exact when the matching passages
    /// fit [`CANDIDATE_BUDGET`]; otherwise only passages holding the rarest
    /// terms are ranked (common words weigh little in either ranking).
    pub async fn search_runbooks(&self, terms: &[Term], limit: i64) -> Result<Vec<PassageRow>> {
        if terms.is_empty() || limit <= 0 {
            return Ok(Vec::new());
        }
        let postgres = matches!(self.pool(), Pool::Postgres(_));
        let (expressions, or) = if postgres {
            (terms.iter().map(tsquery_term).collect::<Vec<_>>(), " | ")
        } else {
            (terms.iter().map(fts5_term).collect::<Vec<_>>(), " OR ")
        };
        let counts = self.capped_match_counts(&expressions, CANDIDATE_BUDGET + 1).await?;
        let Some(plan) = candidates(&counts, limit, CANDIDATE_BUDGET) else {
            return Ok(Vec::new());
        };
        let any_of =
            |indexes: &[usize]| indexes.iter().map(|&i| expressions[i].as_str()).collect::<Vec<_>>().join(or);
        let matching = any_of(&plan.matching);
        let restrict = plan.restrict.as_deref().map(any_of);
        let sql = AssertSqlSafe(search_statement(postgres, restrict.is_some()));
        Ok(on_pool!(self, pool => {
            let mut query = sqlx::query_as::<_, PassageRow>(sql).bind(matching);
            if let Some(restrict) = restrict {
                query = query.bind(restrict).bind(CANDIDATE_BUDGET);
            }
            query.bind(limit).fetch_all(pool).await?
        }))
    }

    /// For each match expression, how many passages match it, counting no further than `cap`.
    async fn capped_match_counts(&self, expressions: &[String], cap: i64) -> Result<Vec<i64>> {
        let cap_placeholder = expressions.len() + 1;
        let counts: Vec<String> = (1..=expressions.len())
            .map(|n| match self.pool() {
                Pool::Sqlite(_) => format!(
                    "(SELECT COUNT(*) FROM (SELECT 1 FROM opsgate_runbook_chunks_fts \
                     WHERE opsgate_runbook_chunks_fts MATCH ${n} LIMIT ${cap_placeholder}))"
                ),
                Pool::Postgres(_) => format!(
                    "(SELECT COUNT(*) FROM (SELECT 1 FROM opsgate_runbook_chunks \
                     WHERE search @@ to_tsquery('english', ${n}) LIMIT ${cap_placeholder}) t{n})"
                ),
            })
            .collect();
        let sql = AssertSqlSafe(format!("SELECT {}", counts.join(", ")));
        let row = on_pool!(self, pool => {
            let mut query = sqlx::query(sql);
            for expression in expressions {
                query = query.bind(expression);
            }
            let row = query.bind(cap).fetch_one(pool).await?;
            (0..expressions.len()).map(|i| row.try_get::<i64, _>(i)).collect::<Result<Vec<_>, _>>()?
        });
        Ok(row)
    }
}

/// Which terms a search ranks by, and which bound its candidates.
#[derive(Debug, PartialEq, Eq)]
struct Candidates {
    /// Terms that match anything (their indexes): all of them count in the ranking.
    matching: Vec<usize>,
    /// When set, only passages matching one of these (at most the budget of
    /// them) are ranked: the rarest terms, until there are `limit` candidates
    /// and while they fit the budget.
    restrict: Option<Vec<usize>>,
}

/// Plans a search from each term's (capped) match count; `None` when nothing matches.
fn candidates(counts: &[i64], limit: i64, budget: i64) -> Option<Candidates> {
    let matching: Vec<usize> = (0..counts.len()).filter(|&i| counts[i] > 0).collect();
    if matching.is_empty() {
        return None;
    }
    let mut by_rarity = matching.clone();
    by_rarity.sort_by_key(|&i| (counts[i], i));
    let (mut chosen, mut total) = (Vec::new(), 0);
    for i in by_rarity {
        if total < limit || total + counts[i] <= budget {
            chosen.push(i);
            total += counts[i];
        } else {
            break;
        }
    }
    chosen.sort_unstable();
    let restrict = (chosen.len() < matching.len() || total > budget).then_some(chosen);
    Some(Candidates { matching, restrict })
}

/// The ranked search. `$1` matches, `$2`/`$3` restrict the candidates (when
/// `restricted`), the last placeholder is the limit.
fn search_statement(postgres: bool, restricted: bool) -> String {
    let limit = if restricted { "$4" } else { "$2" };
    if postgres {
        // Restricted, the candidates are the passages matching the rarest terms:
        // each of them matches the whole query too, so only they are read and ranked.
        let candidates = if restricted {
            "(SELECT * FROM opsgate_runbook_chunks WHERE search @@ to_tsquery('english', $2) LIMIT $3) c"
        } else {
            "opsgate_runbook_chunks c"
        };
        let matching = if restricted { "" } else { "WHERE c.search @@ q.query " };
        format!(
            "SELECT d.path, c.heading, c.line_start, c.line_end, c.text, \
             ts_rank_cd(c.search, q.query, 1)::float8 AS score \
             FROM {candidates} \
             CROSS JOIN (SELECT to_tsquery('english', $1) AS query) q \
             JOIN opsgate_runbook_documents d ON d.id = c.document_id \
             {matching}ORDER BY score DESC, d.path, c.line_start LIMIT {limit}"
        )
    } else {
        // `+rowid`: without the unary plus SQLite would look every candidate up
        // by rowid and re-run the MATCH for each, a hundred times slower.
        let restriction = if restricted {
            " AND +rowid IN (SELECT rowid FROM opsgate_runbook_chunks_fts WHERE opsgate_runbook_chunks_fts MATCH $2 LIMIT $3)"
        } else {
            ""
        };
        format!(
            "SELECT d.path, c.heading, c.line_start, c.line_end, c.text, -m.score AS score \
             FROM (SELECT rowid, bm25(opsgate_runbook_chunks_fts) AS score FROM opsgate_runbook_chunks_fts \
                   WHERE opsgate_runbook_chunks_fts MATCH $1{restriction} ORDER BY score LIMIT {limit}) m \
             JOIN opsgate_runbook_chunks c ON c.id = m.rowid \
             JOIN opsgate_runbook_documents d ON d.id = c.document_id \
             ORDER BY m.score, d.path, c.line_start"
        )
    }
}

impl Tx {
    /// The content hash of the document indexed under `path`, if any.
    pub async fn runbook_sha256(&mut self, path: &str) -> Result<Option<String>> {
        Ok(on_tx!(self, tx => {
            sqlx::query_scalar("SELECT sha256 FROM opsgate_runbook_documents WHERE path = $1")
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
                "INSERT INTO opsgate_runbook_documents (path, title, sha256, lines, indexed_at, indexed_by) \
                 VALUES ($1, $2, $3, $4, $5, $6) \
                 ON CONFLICT (path) DO UPDATE SET title = excluded.title, sha256 = excluded.sha256, \
                 lines = excluded.lines, indexed_at = excluded.indexed_at, indexed_by = excluded.indexed_by \
                 RETURNING id",
            )
            .bind(doc.path).bind(doc.title).bind(doc.sha256).bind(lines).bind(now).bind(doc.indexed_by)
            .fetch_one(&mut **tx).await?
        });
        on_tx!(self, tx => {
            sqlx::query("DELETE FROM opsgate_runbook_chunks WHERE document_id = $1").bind(id).execute(&mut **tx).await?;
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
        "INSERT INTO opsgate_runbook_chunks (document_id, heading, line_start, line_end, text) VALUES {}",
        values.join(", ")
    )
}

/// FTS5: a term as a quoted phrase (`"no show"`, `"escal"*`); terms are OR-ed,
/// and bm25 ranks passages with more and rarer terms first. Words hold only
/// letters and digits, so nothing inside the quotes can be syntax.
fn fts5_term(term: &Term) -> String {
    let phrase = term.words.join(" ").replace('"', "");
    format!("\"{phrase}\"{}", if term.prefix { "*" } else { "" })
}

/// PostgreSQL: a term as a quoted lexeme or phrase (`'no show'`, `'escal':*`);
/// terms are OR-ed. Stop words and words without lexemes are dropped by `to_tsquery`.
fn tsquery_term(term: &Term) -> String {
    let phrase = term.words.join(" ").replace(['\'', '\\'], "");
    format!("'{phrase}'{}", if term.prefix { ":*" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runbooks::Query;

    #[test]
    fn match_expressions_quote_every_term() {
        let query = Query::parse("refund no-show escal").unwrap();
        let fts5: Vec<String> = query.terms.iter().map(fts5_term).collect();
        assert_eq!(fts5, ["\"refund\"", "\"no show\"", "\"escal\"*"]);
        let tsquery: Vec<String> = query.terms.iter().map(tsquery_term).collect();
        assert_eq!(tsquery, ["'refund'", "'no show'", "'escal':*"]);
        let hostile = Query::parse("\"foo AND (bar OR\" NEAR* '; DROP TABLE x; --").unwrap();
        let fts5: Vec<String> = hostile.terms.iter().map(fts5_term).collect();
        assert_eq!(fts5, ["\"foo\"", "\"bar\"", "\"near\"", "\"drop\"", "\"table\"", "\"x\""]);
    }

    #[test]
    fn candidates_are_the_rarest_terms_within_the_budget() {
        let plan = |counts: &[i64]| candidates(counts, 5, 100);
        assert_eq!(plan(&[0, 0]), None);
        // Everything fits: rank every match, no restriction.
        assert_eq!(plan(&[3, 0, 40]), Some(Candidates { matching: vec![0, 2], restrict: None }));
        // A common term is left out of the candidates, not out of the ranking.
        assert_eq!(
            plan(&[101, 2, 30]),
            Some(Candidates { matching: vec![0, 1, 2], restrict: Some(vec![1, 2]) })
        );
        // Too few candidates for the limit: take the next rarest even past the budget.
        assert_eq!(
            plan(&[101, 2, 101]),
            Some(Candidates { matching: vec![0, 1, 2], restrict: Some(vec![0, 1]) })
        );
        // One term everywhere: rank only the first budget of its passages.
        assert_eq!(plan(&[101]), Some(Candidates { matching: vec![0], restrict: Some(vec![0]) }));
    }

    #[test]
    fn chunk_inserts_number_their_placeholders() {
        assert_eq!(
            insert_chunks_statement(2),
            "INSERT INTO opsgate_runbook_chunks (document_id, heading, line_start, line_end, text) VALUES ($1, $2, $3, $4, $5), ($6, $7, $8, $9, $10)"
        );
    }
}
