//! The executor: runs a payload's statements inside a transaction it is given,
//! checks each one affected the rows it promised, and can simulate (dry-run)
//! by rolling back. It never decides whether something may run.

mod dry_run;
pub mod http;

use chrono::{DateTime, Utc};

pub use dry_run::{DryRunReport, RowChange, Simulated, Simulation, dry_run};

use crate::error::{Error, Result, one_line};
use crate::payload::Payload;
use crate::target::DbTx;

/// Runs the statements of a SQL payload in order; returns rows affected per statement.
/// Any statement that does not affect the rows it expects fails the whole payload.
/// `action` is the id of the action they run for (none for a dry-run).
pub async fn run_statements(
    tx: &mut DbTx<'_>,
    payload: &Payload,
    now: DateTime<Utc>,
    action: Option<i64>,
) -> Result<Vec<u64>> {
    let Payload::Sql { statements, target, .. } = payload else {
        return Err(Error::Usage(
            "only write actions are executed; reads are answered by `opsgate ask`".into(),
        ));
    };
    let mut affected = Vec::with_capacity(statements.len());
    for (index, statement) in statements.iter().enumerate() {
        let what = target.as_ref().map(|t| t.label.as_str()).unwrap_or("the target");
        let rows = tx.execute(statement, now, action).await.map_err(|error| refused(error, index, what))?;
        if let Some(expected) = statement.expect_rows
            && rows != expected
        {
            return Err(Error::Conflict(format!(
                "statement {} changed {rows} rows instead of {expected}: {what} is no longer in a state this action applies to; \
                 nothing was changed, run `opsgate plan` again",
                index + 1
            )));
        }
        affected.push(rows);
    }
    Ok(affected)
}

/// A statement the database refused because of the data (a unique key taken,
/// a referenced row gone, a check that no longer holds) is a conflict with the
/// world's state, not a broken database: the action does not apply as it stands.
fn refused(error: sqlx::Error, index: usize, what: &str) -> Error {
    use sqlx::error::ErrorKind;
    match &error {
        sqlx::Error::Database(db)
            if matches!(
                db.kind(),
                ErrorKind::UniqueViolation | ErrorKind::ForeignKeyViolation | ErrorKind::CheckViolation
            ) =>
        {
            Error::Conflict(format!(
                "statement {} on {what} was refused by the database: {}; nothing was changed",
                index + 1,
                one_line(db.message())
            ))
        }
        _ => Error::from(error),
    }
}
