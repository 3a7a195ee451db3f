//! Packs as added: the file's text and SHA-256, who added it and when.

use chrono::{DateTime, Utc};

use super::{Store, Tx, on_pool, on_tx};
use crate::error::Result;
use crate::time::now_micros;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PackRow {
    pub name: String,
    pub text: String,
    pub sha256: String,
    pub added_by: String,
    pub added_at: DateTime<Utc>,
}

const SELECT: &str = "SELECT p.name, p.text, p.sha256, COALESCE(s.email, '') AS added_by, p.added_at \
                      FROM opsgate_packs p LEFT JOIN staff s ON s.id = p.added_by";

impl Store {
    /// Every added pack, by name.
    pub async fn packs(&self) -> Result<Vec<PackRow>> {
        let sql = format!("{SELECT} ORDER BY p.name");
        Ok(on_pool!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await?
        }))
    }

    /// The added packs' SHA-256s, in name order.
    pub async fn pack_shas(&self) -> Result<Vec<String>> {
        Ok(on_pool!(self, pool => {
            sqlx::query_scalar("SELECT sha256 FROM opsgate_packs ORDER BY name").fetch_all(pool).await?
        }))
    }
}

impl Tx {
    pub async fn pack(&mut self, name: &str) -> Result<Option<PackRow>> {
        let sql = format!("{SELECT} WHERE p.name = $1");
        Ok(on_tx!(self, tx => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(name).fetch_optional(&mut **tx).await?
        }))
    }

    /// Stores a pack, replacing one of the same name.
    pub async fn put_pack(&mut self, name: &str, text: &str, sha256: &str, added_by: i64) -> Result<()> {
        on_tx!(self, tx => {
            sqlx::query("DELETE FROM opsgate_packs WHERE name = $1").bind(name).execute(&mut **tx).await?;
            sqlx::query("INSERT INTO opsgate_packs (name, text, sha256, added_by, added_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(name).bind(text).bind(sha256).bind(added_by).bind(now_micros())
                .execute(&mut **tx).await?;
        });
        Ok(())
    }

    pub async fn delete_pack(&mut self, name: &str) -> Result<bool> {
        Ok(on_tx!(self, tx => {
            sqlx::query("DELETE FROM opsgate_packs WHERE name = $1").bind(name).execute(&mut **tx).await?.rows_affected()
        }) == 1)
    }

    /// Creates a permission unless it exists; true when it was created.
    pub async fn ensure_permission(&mut self, name: &str, description: &str) -> Result<bool> {
        let module = name.split('.').next().unwrap_or(name);
        let existing: Option<i64> = on_tx!(self, tx => {
            sqlx::query_scalar("SELECT id FROM permissions WHERE name = $1").bind(name).fetch_optional(&mut **tx).await?
        });
        if existing.is_some() {
            return Ok(false);
        }
        on_tx!(self, tx => {
            sqlx::query("INSERT INTO permissions (name, module, description, created_at) VALUES ($1, $2, $3, $4)")
                .bind(name).bind(module).bind(description).bind(now_micros())
                .execute(&mut **tx).await?;
        });
        Ok(true)
    }
}
