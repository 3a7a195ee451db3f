//! The executor: runs a payload's statements inside a transaction it is given,
//! checks each one affected the rows it promised, and can simulate (dry-run)
//! by rolling back. It never decides whether something may run.

mod dry_run;

use chrono::{DateTime, Utc};
use sqlx::AssertSqlSafe;

pub use dry_run::{DryRunReport, RowChange, dry_run};

use crate::error::{Error, Result};
use crate::payload::{Payload, SqlStatement};
use crate::store::{Tx, bind_values, on_tx};

/// Runs the statements of a SQL payload in order; returns rows affected per statement.
/// Any statement that does not affect the rows it expects fails the whole payload.
pub async fn run_statements(tx: &mut Tx, payload: &Payload, now: DateTime<Utc>) -> Result<Vec<u64>> {
    let Payload::Sql { statements, target, .. } = payload else {
        return Err(Error::Usage(
            "only write actions are executed; reads are answered by `opsgate ask`".into(),
        ));
    };
    let mut affected = Vec::with_capacity(statements.len());
    for (index, statement) in statements.iter().enumerate() {
        let rows = execute_one(tx, statement, now).await?;
        if let Some(expected) = statement.expect_rows
            && rows != expected
        {
            let what = target.as_ref().map(|t| t.label.as_str()).unwrap_or("the target");
            return Err(Error::Usage(format!(
                "statement {} changed {rows} rows instead of {expected}: {what} is no longer in a state this action applies to; \
                 nothing was changed, run `opsgate plan` again",
                index + 1
            )));
        }
        affected.push(rows);
    }
    Ok(affected)
}

async fn execute_one(tx: &mut Tx, statement: &SqlStatement, now: DateTime<Utc>) -> Result<u64> {
    Ok(on_tx!(tx, conn => {
        let query = bind_values!(sqlx::query(AssertSqlSafe(statement.sql.clone())), &statement.params, now);
        query.execute(&mut **conn).await?.rows_affected()
    }))
}
