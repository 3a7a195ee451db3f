//! Dry-run: payloads run for real inside one transaction that is always rolled
//! back. Each payload's target row is read in full before and after, so that
//! every column it changes shows, whichever statement changed it.

use serde::Serialize;

use super::run_statements;
use crate::error::{Error, Result};
use crate::payload::{Payload, TargetRef};
use crate::store::Store;
use crate::target::DbTx;
use crate::time::now_micros;

/// One column of the target row that the payload would change.
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

/// One payload simulated: the report, and the error it would fail with.
#[derive(Debug)]
pub struct Simulated {
    pub report: DryRunReport,
    pub failure: Option<Error>,
}

/// Several payloads simulated in order inside one transaction, so that each
/// sees what the earlier ones did (a refund sees the booking a cancel before
/// it cancelled). Nothing is kept: [`Simulation::rollback`] ends it, and
/// dropping it unfinished (an error part-way) rolls back as well.
pub struct Simulation {
    tx: DbTx<'static>,
    simulated: usize,
}

impl Simulation {
    pub async fn begin(store: &Store) -> Result<Simulation> {
        Ok(Simulation { tx: store.target().db().begin().await?, simulated: 0 })
    }

    /// Runs one payload's statements. A payload that fails is undone back to
    /// where it started, as executing it would be, so that the payloads after
    /// it are simulated against the same state they would meet for real (and,
    /// on PostgreSQL, in a transaction the failure has not aborted).
    pub async fn run(&mut self, payload: &Payload) -> Result<Simulated> {
        if let Payload::Http { .. } = payload {
            return Ok(super::http::simulate(payload).await);
        }
        let savepoint = format!("dry_run_{}", self.simulated);
        self.simulated += 1;
        self.tx.savepoint(&savepoint).await?;
        let target = payload.target();
        let (columns, before) = match target {
            Some(target) => {
                let columns = self.tx.table_columns(&target.table).await?;
                let before = self.row(target, &columns).await?;
                (columns, before)
            }
            None => (Vec::new(), None),
        };
        let outcome = run_statements(&mut self.tx, payload, now_micros(), None).await;
        let (rows_affected, changes, failure) = match outcome {
            Ok(rows) => {
                let after = match target {
                    Some(target) => self.row(target, &columns).await?,
                    None => None,
                };
                self.tx.release_savepoint(&savepoint).await?;
                (rows, changed_columns(&columns, before, after), None)
            }
            Err(error) => {
                self.tx.rollback_to_savepoint(&savepoint).await?;
                (Vec::new(), Vec::new(), Some(error))
            }
        };
        Ok(Simulated {
            report: DryRunReport {
                summary: payload.summary().to_owned(),
                rows_affected,
                target: target.map(|t| t.label.clone()),
                changes,
                would_fail: failure.as_ref().map(Error::to_string),
            },
            failure,
        })
    }

    /// Ends the simulation, undoing everything it ran.
    pub async fn rollback(self) -> Result<()> {
        self.tx.rollback().await
    }

    async fn row(&mut self, target: &TargetRef, columns: &[String]) -> Result<Option<Vec<Option<String>>>> {
        if columns.is_empty() {
            return Err(Error::Internal(format!("table `{}` has no columns to show", target.table)));
        }
        let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
        self.tx.snapshot_row(&target.table, &target.key_column, &target.key, &columns).await
    }
}

/// Simulates one payload on its own.
pub async fn dry_run(store: &Store, payload: &Payload) -> Result<DryRunReport> {
    let mut simulation = Simulation::begin(store).await?;
    let simulated = simulation.run(payload).await?;
    simulation.rollback().await?;
    Ok(simulated.report)
}

/// The columns whose value differs between two readings of a row; a row that
/// is missing on one side (created or deleted) reads as all NULL there.
fn changed_columns(
    columns: &[String],
    before: Option<Vec<Option<String>>>,
    after: Option<Vec<Option<String>>>,
) -> Vec<RowChange> {
    if before.is_none() && after.is_none() {
        return Vec::new();
    }
    let missing = || vec![None; columns.len()];
    let (before, after) = (before.unwrap_or_else(missing), after.unwrap_or_else(missing));
    columns
        .iter()
        .zip(before.into_iter().zip(after))
        .filter(|(_, (before, after))| before != after)
        .map(|(column, (before, after))| RowChange { column: column.clone(), before, after })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(values: &[Option<&str>]) -> Option<Vec<Option<String>>> {
        Some(values.iter().map(|v| v.map(str::to_owned)).collect())
    }

    #[test]
    fn every_column_that_differs_is_a_change_in_schema_order() {
        let columns: Vec<String> = ["id", "status", "cancelled_at", "amount_cents"].map(String::from).into();
        let before = text(&[Some("7"), Some("confirmed"), None, Some("100")]);
        let after = text(&[Some("7"), Some("cancelled"), Some("2026-12-06"), Some("100")]);
        let changes = changed_columns(&columns, before, after);
        let shown: Vec<(&str, Option<&str>, Option<&str>)> =
            changes.iter().map(|c| (c.column.as_str(), c.before.as_deref(), c.after.as_deref())).collect();
        assert_eq!(
            shown,
            [("status", Some("confirmed"), Some("cancelled")), ("cancelled_at", None, Some("2026-12-06"))]
        );
    }

    #[test]
    fn a_created_row_shows_its_values_and_an_unchanged_row_nothing() {
        let columns: Vec<String> = ["id", "note"].map(String::from).into();
        let created = changed_columns(&columns, None, text(&[Some("1"), None]));
        assert_eq!(created, [RowChange { column: "id".into(), before: None, after: Some("1".into()) }]);
        let same = text(&[Some("1"), Some("x")]);
        assert!(changed_columns(&columns, same.clone(), same).is_empty());
        assert!(changed_columns(&columns, None, None).is_empty());
    }
}
