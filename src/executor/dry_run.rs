//! Dry-run: the payload's statements run for real inside a transaction that is
//! always rolled back; the target row is read before and after.

use serde::Serialize;

use super::run_statements;
use crate::error::Result;
use crate::payload::{Payload, watched_columns};
use crate::store::Store;
use crate::time::now_micros;

/// One watched column of the target row that the payload would change.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RowChange {
    pub column: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// What a payload would do.
#[derive(Debug, Clone, Serialize)]
pub struct DryRunReport {
    pub summary: String,
    /// Rows affected per statement.
    pub rows_affected: Vec<u64>,
    /// The target row's label, when the payload has one.
    pub target: Option<String>,
    pub changes: Vec<RowChange>,
    /// Why the payload would fail, when it would.
    pub would_fail: Option<String>,
}

pub async fn dry_run(store: &Store, payload: &Payload) -> Result<DryRunReport> {
    let mut tx = store.begin().await?;
    let target = payload.target();
    let columns = match target {
        Some(t) => watched_columns(&t.table)?,
        None => &[],
    };
    let before = match target {
        Some(t) => tx.snapshot_row(&t.table, &t.key_column, &t.key, columns).await?,
        None => None,
    };
    let outcome = run_statements(&mut tx, payload, now_micros()).await;
    let after = match (target, &outcome) {
        (Some(t), Ok(_)) => tx.snapshot_row(&t.table, &t.key_column, &t.key, columns).await?,
        _ => None,
    };
    // Dropping the transaction without committing rolls everything back.
    drop(tx);
    let changes = match (before, after) {
        (Some(before), Some(after)) => columns
            .iter()
            .zip(before.into_iter().zip(after))
            .filter(|(_, (b, a))| b != a)
            .map(|(column, (before, after))| RowChange { column: column.to_string(), before, after })
            .collect(),
        _ => Vec::new(),
    };
    let (rows_affected, would_fail) = match outcome {
        Ok(rows) => (rows, None),
        Err(error) => (Vec::new(), Some(error.to_string())),
    };
    Ok(DryRunReport {
        summary: payload.summary().to_owned(),
        rows_affected,
        target: target.map(|t| t.label.clone()),
        changes,
        would_fail,
    })
}
