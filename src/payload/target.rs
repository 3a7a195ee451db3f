//! The row a write changes, and its version: a hash of the columns that matter,
//! read as text so that both backends agree.

use serde::{Deserialize, Serialize};

use crate::canonical::sha256_hex;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::target::DbTx;

/// Which row: `table` where `key_column` = `key`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetRef {
    pub table: String,
    pub key_column: String,
    pub key: String,
    /// How people name it: "booking 142".
    pub label: String,
    /// The columns this action depends on: if any changes after review, the plan is stale.
    pub watch: Vec<String>,
}

/// The version of the target row right now; an error naming it when it does not exist.
pub async fn version(store: &Store, target: &TargetRef) -> Result<String> {
    let columns: Vec<&str> = target.watch.iter().map(String::as_str).collect();
    let values =
        store.target().db().snapshot_row(&target.table, &target.key_column, &target.key, &columns).await?;
    version_of(target, &columns, values)
}

/// [`version`] inside a transaction, so that the check and the write see the same row.
pub async fn version_in(tx: &mut DbTx<'_>, target: &TargetRef) -> Result<String> {
    let columns: Vec<&str> = target.watch.iter().map(String::as_str).collect();
    let values = tx.snapshot_row(&target.table, &target.key_column, &target.key, &columns).await?;
    version_of(target, &columns, values)
}

fn version_of(target: &TargetRef, columns: &[&str], values: Option<Vec<Option<String>>>) -> Result<String> {
    let values = values.ok_or_else(|| Error::NotFound(format!("{} does not exist", target.label)))?;
    let mut text = String::new();
    for (column, value) in columns.iter().zip(values) {
        text.push_str(column);
        text.push('=');
        match value {
            Some(value) => text.push_str(&value),
            None => text.push_str("\u{0}null"),
        }
        text.push('\n');
    }
    Ok(sha256_hex(text.as_bytes()))
}
