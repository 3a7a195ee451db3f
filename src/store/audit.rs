//! Appending to and reading the hash-chained audit log.
//!
//! Appends serialize on a lock so that concurrent writers (several processes on
//! one PostgreSQL) still produce one linear chain: PostgreSQL takes a
//! transaction-scoped advisory lock, SQLite already holds the database write
//! lock from `BEGIN IMMEDIATE`.

use chrono::{DateTime, Utc};
use futures_util::TryStreamExt;
use sqlx::AssertSqlSafe;

use super::{Pool, Store, Tx, on_pool, on_tx};
use crate::audit::{
    AuditEntry, ChainCheck, ChainVerifier, GENESIS_HASH, HashedFields, NewAuditEntry, hashed_time_from_stored,
};
use crate::error::{Error, Result};
use crate::time::now_micros;

/// Arbitrary, fixed key of the advisory lock that orders audit appends.
const AUDIT_LOCK_KEY: i64 = 0x6f70_7367_6174_6501; // "opsgate\x01"

/// Rows per INSERT statement: 12 parameters each stays far below both backends' limits.
const ROWS_PER_INSERT: usize = 200;
const COLUMNS_PER_ROW: usize = 12;

/// `INSERT … VALUES ($1, …, $12), ($13, …)` for `rows` rows. SQLite gets anonymous
/// `?` placeholders: sqlx resolves `$N` names one by one, and SQLite's name lookup
/// scans a list, which made large batches quadratic.
fn insert_statement(rows: usize, numbered: bool) -> String {
    let mut sql = String::from(
        "INSERT INTO opsgate_audit_log (id, time, actor_kind, actor_id, subject, event, action_id, payload, result, status, prev_hash, hash) VALUES ",
    );
    for row in 0..rows {
        if row > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for column in 0..COLUMNS_PER_ROW {
            if column > 0 {
                sql.push_str(", ");
            }
            if numbered {
                sql.push('$');
                sql.push_str(&(row * COLUMNS_PER_ROW + column + 1).to_string());
            } else {
                sql.push('?');
            }
        }
        sql.push(')');
    }
    sql
}

const COLUMNS: &str =
    "id, time, actor_kind, actor_id, subject, event, action_id, payload, result, status, prev_hash, hash";

/// Filters of `opsgate audit query`. Every filter narrows; none set means everything.
#[derive(Debug, Default, Clone)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub subject: Option<String>,
    pub event: Option<String>,
    pub action_id: Option<i64>,
    pub status: Option<String>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    /// The newest `limit` matching entries; `None` for all.
    pub limit: Option<i64>,
}

/// What `audit verify` found.
#[derive(Debug, Clone, serde::Serialize)]
pub struct VerifyReport {
    pub entries: u64,
    pub ok: bool,
    pub head: String,
    pub first_broken: Option<i64>,
    pub problem: Option<String>,
}

impl Tx {
    /// Appends entries at the end of the chain, inside this transaction: they
    /// become visible only if the whole transaction commits (fail closed).
    pub async fn append_audit(&mut self, entries: &[NewAuditEntry]) -> Result<Vec<AuditEntry>> {
        self.append_audit_inner(entries).await.map_err(|e| match e {
            Error::Database(message) => Error::AuditWrite(message),
            other => other,
        })
    }

    async fn append_audit_inner(&mut self, entries: &[NewAuditEntry]) -> Result<Vec<AuditEntry>> {
        if let Tx::Postgres(tx) = self {
            sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(AUDIT_LOCK_KEY).execute(&mut **tx).await?;
        }
        let head: Option<(i64, String)> = on_tx!(self, tx => {
            sqlx::query_as("SELECT id, hash FROM opsgate_audit_log ORDER BY id DESC LIMIT 1")
                .fetch_optional(&mut **tx)
                .await?
        });
        let (mut last_id, mut prev_hash) = head.unwrap_or((0, GENESIS_HASH.to_owned()));
        let mut written = Vec::with_capacity(entries.len());
        for new in entries {
            let entry = AuditEntry::chained(last_id + 1, now_micros(), new, prev_hash);
            last_id = entry.id;
            prev_hash = entry.hash.clone();
            written.push(entry);
        }
        for chunk in written.chunks(ROWS_PER_INSERT) {
            let sql = AssertSqlSafe(insert_statement(chunk.len(), matches!(self, Tx::Postgres(_))));
            on_tx!(self, tx => {
                let mut query = sqlx::query(sql);
                for entry in chunk {
                    query = query
                        .bind(entry.id)
                        .bind(entry.time)
                        .bind(&entry.actor_kind)
                        .bind(&entry.actor_id)
                        .bind(&entry.subject)
                        .bind(&entry.event)
                        .bind(entry.action_id)
                        .bind(&entry.payload)
                        .bind(&entry.result)
                        .bind(&entry.status)
                        .bind(&entry.prev_hash)
                        .bind(&entry.hash);
                }
                query.execute(&mut **tx).await?;
            });
        }
        Ok(written)
    }
}

impl Store {
    /// Appends entries in their own transaction and commits.
    pub async fn append_audit(&self, entries: &[NewAuditEntry]) -> Result<Vec<AuditEntry>> {
        let mut tx = self.begin().await?;
        let written = tx.append_audit(entries).await?;
        tx.commit().await.map_err(|e| Error::AuditWrite(e.to_string()))?;
        Ok(written)
    }

    /// Matching entries, oldest first (the newest `limit` of them when a limit is set).
    pub async fn query_audit(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
        let mut conditions: Vec<String> = Vec::new();
        let mut n = 0;
        let mut placeholder = || {
            n += 1;
            format!("${n}")
        };
        if filter.actor.is_some() {
            conditions.push(format!("actor_id = {}", placeholder()));
        }
        if filter.subject.is_some() {
            conditions.push(format!("subject = {}", placeholder()));
        }
        let event_is_prefix = filter.event.as_deref().is_some_and(|e| e.ends_with('*'));
        if filter.event.is_some() {
            let op = if event_is_prefix { "LIKE" } else { "=" };
            conditions.push(format!("event {op} {}", placeholder()));
        }
        if filter.action_id.is_some() {
            conditions.push(format!("action_id = {}", placeholder()));
        }
        if filter.status.is_some() {
            conditions.push(format!("status = {}", placeholder()));
        }
        if filter.since.is_some() {
            conditions.push(format!("time >= {}", placeholder()));
        }
        if filter.until.is_some() {
            conditions.push(format!("time < {}", placeholder()));
        }
        let where_clause = if conditions.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", conditions.join(" AND "))
        };
        let sql = match filter.limit {
            Some(limit) => format!(
                "SELECT * FROM (SELECT {COLUMNS} FROM opsgate_audit_log{where_clause} ORDER BY id DESC LIMIT {limit}) AS newest ORDER BY id"
            ),
            None => format!("SELECT {COLUMNS} FROM opsgate_audit_log{where_clause} ORDER BY id"),
        };
        let event = filter
            .event
            .as_ref()
            .map(|e| if event_is_prefix { format!("{}%", e.trim_end_matches('*')) } else { e.clone() });
        let entries = on_pool!(self, pool => {
            let mut query = sqlx::query_as::<_, AuditEntry>(AssertSqlSafe(sql));
            if let Some(actor) = &filter.actor {
                query = query.bind(actor);
            }
            if let Some(subject) = &filter.subject {
                query = query.bind(subject);
            }
            if let Some(event) = &event {
                query = query.bind(event);
            }
            if let Some(action_id) = filter.action_id {
                query = query.bind(action_id);
            }
            if let Some(status) = &filter.status {
                query = query.bind(status);
            }
            if let Some(since) = filter.since {
                query = query.bind(since);
            }
            if let Some(until) = filter.until {
                query = query.bind(until);
            }
            query.fetch_all(pool).await?
        });
        Ok(entries)
    }

    /// One entry by id.
    pub async fn audit_entry(&self, id: i64) -> Result<Option<AuditEntry>> {
        let sql = "SELECT id, time, actor_kind, actor_id, subject, event, action_id, payload, result, status, prev_hash, hash \
                   FROM opsgate_audit_log WHERE id = $1";
        Ok(on_pool!(self, pool => sqlx::query_as::<_, AuditEntry>(sql).bind(id).fetch_optional(pool).await?))
    }

    /// Calls `visit` with every entry in id order, streaming, until it returns false.
    pub async fn scan_audit(&self, mut visit: impl FnMut(&AuditEntry) -> bool) -> Result<()> {
        let sql = "SELECT id, time, actor_kind, actor_id, subject, event, action_id, payload, result, status, prev_hash, hash \
                   FROM opsgate_audit_log ORDER BY id";
        on_pool!(self, pool => {
            let mut rows = sqlx::query_as::<_, AuditEntry>(sql).fetch(pool);
            while let Some(entry) = rows.try_next().await? {
                if !visit(&entry) {
                    break;
                }
            }
        });
        Ok(())
    }

    /// Recomputes the whole chain and stops at the first break. Entries are read
    /// in chunks, each one string of length-prefixed fields assembled by the
    /// database, and the next chunk is fetched while the current one is hashed.
    pub async fn verify_audit(&self) -> Result<VerifyReport> {
        self.verify_audit_after(0, ChainVerifier::default()).await
    }

    /// [`Store::verify_audit`] of the entries after `after` only, continuing
    /// the chain `verifier` holds (a trusted checkpoint's head).
    pub async fn verify_audit_after(&self, after: i64, verifier: ChainVerifier) -> Result<VerifyReport> {
        let max_id: Option<i64> = on_pool!(self, pool => sqlx::query_scalar("SELECT MAX(id) FROM opsgate_audit_log").fetch_one(pool).await?);
        let max_id = max_id.unwrap_or(0);
        let mut verifier = verifier;
        let sql = verify_chunk_sql(matches!(self.pool(), Pool::Postgres(_)));
        let fetch = |after: i64| {
            let sql = sql.clone();
            async move {
                let chunk: Option<String> = on_pool!(self, pool => {
                    sqlx::query_scalar(AssertSqlSafe(sql)).bind(after).bind(after + VERIFY_CHUNK).fetch_one(pool).await?
                });
                Ok::<_, Error>(chunk.unwrap_or_default())
            }
        };
        let mut problem = ChainCheck::Ok;
        let mut after = after;
        // MaybeDone keeps a fetch's result when it finishes during the poll below,
        // so it is never polled again after completing.
        let start = |after: i64| Box::pin(futures_util::future::maybe_done(fetch(after)));
        let mut next = (max_id > after).then(|| start(after));
        while let Some(mut pending) = next.take() {
            (&mut pending).await;
            let chunk = pending.as_mut().take_output().unwrap_or_else(|| Ok(String::new()))?;
            after += VERIFY_CHUNK;
            if after < max_id {
                next = Some(start(after));
            }
            // Fetching the next chunk runs on the database's side while this one is hashed.
            let checked = match &mut next {
                Some(upcoming) => {
                    let (checked, _) = tokio::join!(
                        async { check_chunk(&chunk, &mut verifier) },
                        futures_util::future::poll_immediate(upcoming.as_mut())
                    );
                    checked
                }
                None => check_chunk(&chunk, &mut verifier),
            };
            problem = checked?;
            if problem != ChainCheck::Ok {
                break;
            }
        }
        // Rows past the last full chunk (appended while verifying) are checked next time.
        let first_broken = match problem {
            ChainCheck::Ok => None,
            ChainCheck::ContentAltered { id } | ChainCheck::LinkBroken { id } => Some(id),
            ChainCheck::Gap { expected, .. } => Some(expected),
        };
        Ok(VerifyReport {
            entries: verifier.checked(),
            ok: first_broken.is_none(),
            head: verifier.head().to_owned(),
            first_broken,
            problem: problem.describe(),
        })
    }
}

/// Entries per round trip of `verify`.
const VERIFY_CHUNK: i64 = 10_000;

/// One string per chunk: for every entry, its 12 fields as `<bytes>:<text>`, or `~` for NULL.
fn verify_chunk_sql(postgres: bool) -> String {
    let field = |expr: &str| {
        if postgres {
            format!("COALESCE(octet_length(({expr})::text) || ':' || ({expr})::text, '~')")
        } else {
            format!("COALESCE(length(CAST(({expr}) AS BLOB)) || ':' || ({expr}), '~')")
        }
    };
    // PostgreSQL formats the time exactly as it is hashed; SQLite's stored text is mapped in Rust.
    let time = if postgres {
        "to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
    } else {
        "time"
    };
    let fields: Vec<String> = [
        "id",
        time,
        "actor_kind",
        "actor_id",
        "subject",
        "event",
        "action_id",
        "payload",
        "result",
        "status",
        "prev_hash",
        "hash",
    ]
    .iter()
    .map(|f| field(f))
    .collect();
    let aggregate = if postgres { "string_agg" } else { "group_concat" };
    format!(
        "SELECT {aggregate}({}, '' ORDER BY id) FROM opsgate_audit_log WHERE id > $1 AND id <= $2",
        fields.join(" || ")
    )
}

/// Reads `<len>:<text>` or `~` from the front of `rest`.
fn take_field<'a>(rest: &mut &'a str) -> Option<Option<&'a str>> {
    if let Some(after) = rest.strip_prefix('~') {
        *rest = after;
        return Some(None);
    }
    let colon = rest.find(':')?;
    let len: usize = rest[..colon].parse().ok()?;
    let value = rest.get(colon + 1..colon + 1 + len)?;
    *rest = &rest[colon + 1 + len..];
    Some(Some(value))
}

fn check_chunk(chunk: &str, verifier: &mut ChainVerifier) -> Result<ChainCheck> {
    let corrupt = || Error::Internal("the audit log returned an unreadable chunk".into());
    let mut rest = chunk;
    while !rest.is_empty() {
        let mut next = || take_field(&mut rest).ok_or_else(corrupt);
        let id = next()?.and_then(|v| v.parse::<i64>().ok()).ok_or_else(corrupt)?;
        let stored_time = next()?.ok_or_else(corrupt)?;
        let actor_kind = next()?.ok_or_else(corrupt)?;
        let actor_id = next()?.ok_or_else(corrupt)?;
        let subject = next()?;
        let event = next()?.ok_or_else(corrupt)?;
        let action_id = match next()? {
            Some(v) => Some(v.parse::<i64>().map_err(|_| corrupt())?),
            None => None,
        };
        let payload = next()?.ok_or_else(corrupt)?;
        let result = next()?.ok_or_else(corrupt)?;
        let status = next()?.ok_or_else(corrupt)?;
        let prev_hash = next()?.ok_or_else(corrupt)?;
        let hash = next()?.ok_or_else(corrupt)?;
        let time = if stored_time.ends_with('Z') && stored_time.len() == 27 {
            std::borrow::Cow::Borrowed(stored_time)
        } else {
            hashed_time_from_stored(stored_time).ok_or_else(corrupt)?
        };
        let fields = HashedFields {
            id,
            time,
            actor_kind,
            actor_id,
            subject,
            event,
            action_id,
            payload,
            result,
            status,
            prev_hash,
        };
        let check = verifier.check_fields(&fields, hash);
        if check != ChainCheck::Ok {
            return Ok(check);
        }
    }
    Ok(ChainCheck::Ok)
}
