//! The audit log's Merkle leaves (each entry's chain hash, in id order) and
//! the checkpoints recorded of its tree.

use chrono::{DateTime, Utc};
use futures_util::TryStreamExt;

use super::{Store, on_pool};
use crate::audit::merkle::{Frontier, Hash};
use crate::error::{Error, Result};
use crate::time::now_micros;

/// One recorded checkpoint.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CheckpointRow {
    pub tree_size: i64,
    pub root: String,
    pub chain_head: String,
    pub frontier: String,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

impl CheckpointRow {
    /// Its frontier, when what is stored makes one.
    pub fn frontier(&self) -> Option<Frontier> {
        let bytes = crate::canonical::unhex(&self.frontier)?;
        let hashes: Vec<Hash> = bytes.chunks(32).map(|c| <Hash>::try_from(c).ok()).collect::<Option<_>>()?;
        Frontier::from_parts(u64::try_from(self.tree_size).ok()?, hashes)
    }
}

impl Store {
    /// Calls `visit` with the chain hash of every entry after `after` up to
    /// `upto` (inclusive), in id order, streaming, until it returns false.
    pub async fn scan_audit_hashes(
        &self,
        after: i64,
        upto: i64,
        mut visit: impl FnMut(i64, Hash) -> bool,
    ) -> Result<()> {
        let sql = "SELECT id, hash FROM opsgate_audit_log WHERE id > $1 AND id <= $2 ORDER BY id";
        let corrupt =
            |id: i64| Error::AuditBroken(format!("entry {id}'s stored hash is not a SHA-256 in hex"));
        on_pool!(self, pool => {
            let mut rows = sqlx::query_as::<_, (i64, String)>(sql).bind(after).bind(upto).fetch(pool);
            while let Some((id, hash)) = rows.try_next().await? {
                let hash = crate::canonical::unhex(&hash).and_then(|b| <Hash>::try_from(b.as_slice()).ok()).ok_or_else(|| corrupt(id))?;
                if !visit(id, hash) {
                    break;
                }
            }
        });
        Ok(())
    }

    /// The highest entry id (0 for an empty log).
    pub async fn audit_size(&self) -> Result<i64> {
        let max: Option<i64> = on_pool!(self, pool => sqlx::query_scalar("SELECT MAX(id) FROM opsgate_audit_log").fetch_one(pool).await?);
        Ok(max.unwrap_or(0))
    }

    /// The stored hash of entry `id`.
    pub async fn audit_hash(&self, id: i64) -> Result<Option<String>> {
        Ok(on_pool!(self, pool => {
            sqlx::query_scalar("SELECT hash FROM opsgate_audit_log WHERE id = $1").bind(id).fetch_optional(pool).await?
        }))
    }

    /// Records a checkpoint (once per tree size).
    pub async fn record_checkpoint(
        &self,
        size: i64,
        root: &str,
        chain_head: &str,
        frontier: &Frontier,
        note: &str,
    ) -> Result<()> {
        let frontier: String = frontier.hashes().iter().map(|h| crate::canonical::hex(h)).collect();
        on_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO opsgate_audit_checkpoints (tree_size, root, chain_head, frontier, note, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tree_size) DO NOTHING",
            )
            .bind(size).bind(root).bind(chain_head).bind(&frontier).bind(note).bind(now_micros())
            .execute(pool).await?;
        });
        Ok(())
    }

    /// The largest checkpoint recorded.
    pub async fn latest_checkpoint(&self) -> Result<Option<CheckpointRow>> {
        Ok(on_pool!(self, pool => {
            sqlx::query_as::<_, CheckpointRow>(
                "SELECT tree_size, root, chain_head, frontier, note, created_at FROM opsgate_audit_checkpoints ORDER BY tree_size DESC LIMIT 1",
            )
            .fetch_optional(pool).await?
        }))
    }

    /// The checkpoint recorded at exactly `size`, if one was.
    pub async fn checkpoint_at(&self, size: i64) -> Result<Option<CheckpointRow>> {
        Ok(on_pool!(self, pool => {
            sqlx::query_as::<_, CheckpointRow>(
                "SELECT tree_size, root, chain_head, frontier, note, created_at FROM opsgate_audit_checkpoints WHERE tree_size = $1",
            )
            .bind(size).fetch_optional(pool).await?
        }))
    }
}
