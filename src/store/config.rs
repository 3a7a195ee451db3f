//! `ops_config`: the team's settings, read as one map per command.

use std::collections::HashMap;

use super::{Store, on_pool};
use crate::error::Result;

impl Store {
    /// Every `ops_config` value by key.
    pub async fn config_values(&self) -> Result<HashMap<String, String>> {
        let rows: Vec<(String, String)> = on_pool!(self, pool => {
            sqlx::query_as("SELECT key, value FROM ops_config").fetch_all(pool).await?
        });
        Ok(rows.into_iter().collect())
    }
}
