//! `metrics.complaints`: complaints by priority and status with average resolution time.

use serde_json::Value;

use crate::answer::{Finding, metrics};
use crate::builtin::Reader;
use crate::builtin::query::{Select, windowed};
use crate::builtin::{Answer, Builtin, Lookback, Rows};
use crate::error::Result;
use crate::payload::SqlStatement;

pub static ACTION: Builtin = Builtin::windowed(
    "metrics.complaints",
    query,
    Answer::Finding(answer),
    Lookback { hours: 720, label: "last 30 days" },
);

fn query(params: &Value, _reader: &Reader) -> Result<Vec<SqlStatement>> {
    let mut statements = windowed(
        "SELECT priority, status, COUNT(*) AS complaints FROM complaints",
        "created_at",
        params,
        "GROUP BY priority, status ORDER BY priority, status",
    )?;
    statements.truncate(1);
    let mut resolved = Select::new(
        "SELECT priority, created_at, resolved_at FROM complaints WHERE resolved_at IS NOT NULL",
        "id",
    );
    resolved.window("created_at", params)?;
    statements.push(resolved.statement());
    Ok(statements)
}

fn answer(rows: &Rows<'_>) -> Result<Finding> {
    Ok(metrics::complaints(rows.sets, rows.label))
}
