//! The replay cache of team mode, shared by every server on this database.

use chrono::{DateTime, Utc};

use super::{Store, on_pool};
use crate::error::Result;

impl Store {
    /// Records that key `key_id` used `nonce`; `false` when it already had.
    pub async fn remember_nonce(&self, key_id: i64, nonce: &str, seen_at: DateTime<Utc>) -> Result<bool> {
        let inserted = on_pool!(self, pool => {
            sqlx::query("INSERT INTO opsgate_request_nonces (key_id, nonce, seen_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .bind(key_id).bind(nonce).bind(seen_at)
                .execute(pool).await?.rows_affected()
        });
        Ok(inserted == 1)
    }

    /// Forgets nonces seen before `before`; returns how many.
    pub async fn forget_nonces(&self, before: DateTime<Utc>) -> Result<u64> {
        Ok(on_pool!(self, pool => {
            sqlx::query("DELETE FROM opsgate_request_nonces WHERE seen_at < $1")
                .bind(before).execute(pool).await?.rows_affected()
        }))
    }
}
