//! `metrics.bookings`: bookings by status over a window, with growth.

use serde_json::Value;

use crate::answer::{Finding, metrics};
use crate::builtin::Reader;
use crate::builtin::query::windowed;
use crate::builtin::{Answer, Builtin, Lookback, Rows};
use crate::error::Result;
use crate::payload::SqlStatement;

pub static ACTION: Builtin = Builtin::windowed(
    "metrics.bookings",
    query,
    Answer::Finding(answer),
    Lookback { hours: 720, label: "last 30 days" },
);

fn query(params: &Value, _reader: &Reader) -> Result<Vec<SqlStatement>> {
    let statements = windowed(
        "SELECT status, COUNT(*) AS bookings FROM bookings",
        "created_at",
        params,
        "GROUP BY status ORDER BY status",
    )?;
    Ok(statements)
}

fn answer(rows: &Rows<'_>) -> Result<Finding> {
    Ok(metrics::bookings(rows.sets, rows.label))
}
