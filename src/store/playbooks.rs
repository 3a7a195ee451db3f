//! Playbook runs. An unfinished row is the playbook's lock: a unique partial
//! index on the playbook's name lets only one run of it be unfinished at a time.

use chrono::{DateTime, Utc};

use super::{Store, Tx, on_pool, on_tx};
use crate::error::Result;

/// A playbook run as stored, with the e-mail of the person it runs as.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PlaybookRunRow {
    pub id: i64,
    pub playbook: String,
    pub file: String,
    pub mode: String,
    pub acting: String,
    /// `who@host:pid` of the process running it.
    pub holder: String,
    /// running | succeeded | waiting | denied | failed | abandoned
    pub status: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub summary: Option<String>,
}

/// A run about to start.
pub struct NewPlaybookRun<'a> {
    pub playbook: &'a str,
    pub file: &'a str,
    pub file_sha256: &'a str,
    pub mode: &'a str,
    pub staff_id: i64,
    pub holder: &'a str,
    pub started_at: DateTime<Utc>,
}

const RUN_COLUMNS: &str = "SELECT r.id, r.playbook, r.file, r.mode, s.email AS acting, r.holder, r.status, \
    r.started_at, r.finished_at, r.summary FROM opsgate_playbook_runs r JOIN staff s ON s.id = r.staff_id";

impl Tx {
    /// The unfinished run of `playbook`, if any. On PostgreSQL the row stays
    /// locked until this transaction ends (SQLite's `BEGIN IMMEDIATE` already
    /// serializes writers), so two runs cannot both judge the same row.
    pub async fn unfinished_playbook_run(&mut self, playbook: &str) -> Result<Option<PlaybookRunRow>> {
        Ok(match self {
            Tx::Sqlite(tx) => {
                sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "{RUN_COLUMNS} WHERE r.playbook = $1 AND r.finished_at IS NULL"
                )))
                .bind(playbook)
                .fetch_optional(&mut **tx)
                .await?
            }
            Tx::Postgres(tx) => {
                sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "{RUN_COLUMNS} WHERE r.playbook = $1 AND r.finished_at IS NULL FOR UPDATE OF r"
                )))
                .bind(playbook)
                .fetch_optional(&mut **tx)
                .await?
            }
        })
    }

    /// Marks an unfinished run whose process is gone as abandoned, releasing the lock.
    pub async fn abandon_playbook_run(&mut self, id: i64, at: DateTime<Utc>) -> Result<bool> {
        let changed = on_tx!(self, tx => {
            sqlx::query(
                "UPDATE opsgate_playbook_runs SET status = 'abandoned', finished_at = $1 WHERE id = $2 AND finished_at IS NULL",
            )
            .bind(at).bind(id)
            .execute(&mut **tx).await?.rows_affected()
        });
        Ok(changed == 1)
    }

    /// Starts a run: its id, or `None` when another run of the playbook is unfinished.
    pub async fn start_playbook_run(&mut self, run: &NewPlaybookRun<'_>) -> Result<Option<i64>> {
        Ok(on_tx!(self, tx => {
            sqlx::query_scalar(
                "INSERT INTO opsgate_playbook_runs (playbook, file, file_sha256, mode, staff_id, holder, status, started_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, 'running', $7) ON CONFLICT DO NOTHING RETURNING id",
            )
            .bind(run.playbook).bind(run.file).bind(run.file_sha256).bind(run.mode).bind(run.staff_id)
            .bind(run.holder).bind(run.started_at)
            .fetch_optional(&mut **tx).await?
        }))
    }

    /// Records how a run ended and releases its lock; false when it was no longer running
    /// (another process judged it dead and took over).
    pub async fn finish_playbook_run(
        &mut self,
        id: i64,
        status: &str,
        summary: &str,
        at: DateTime<Utc>,
    ) -> Result<bool> {
        let changed = on_tx!(self, tx => {
            sqlx::query(
                "UPDATE opsgate_playbook_runs SET status = $1, summary = $2, finished_at = $3 \
                 WHERE id = $4 AND finished_at IS NULL",
            )
            .bind(status).bind(summary).bind(at).bind(id)
            .execute(&mut **tx).await?.rows_affected()
        });
        Ok(changed == 1)
    }
}

impl Store {
    /// One run by id.
    pub async fn playbook_run(&self, id: i64) -> Result<Option<PlaybookRunRow>> {
        Ok(on_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{RUN_COLUMNS} WHERE r.id = $1")))
                .bind(id)
                .fetch_optional(pool).await?
        }))
    }
}
