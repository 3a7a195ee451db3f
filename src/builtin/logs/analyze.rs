//! `logs.analyze`: denied, failed and error audit events over a window.

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::answer::{Finding, logs};
use crate::builtin::Reader;
use crate::builtin::query::{LOGS_ANALYZED, Select};
use crate::builtin::{Answer, Builtin, Lookback, Rows};
use crate::error::Result;
use crate::payload::SqlStatement;

pub static ACTION: Builtin = Builtin::windowed(
    "logs.analyze",
    query,
    Answer::Finding(answer),
    Lookback { hours: 24, label: "last 24 hours" },
);

fn query(params: &Value, _reader: &Reader) -> Result<Vec<SqlStatement>> {
    let mut s = Select::new(
        "SELECT time, event, status, actor_id FROM opsgate_audit_log WHERE status IN ('denied', 'failed', 'error')",
        "id",
    );
    s.window("time", params)?;
    s.limit = Some(LOGS_ANALYZED);
    Ok(vec![s.statement()])
}

fn answer(rows: &Rows<'_>) -> Result<Finding> {
    let now = rows.now;
    let (from, to) = rows.window.map(|w| (w.from_utc, w.to_utc)).unwrap_or((DateTime::<Utc>::MIN_UTC, now));
    Ok(logs::analyze(rows.first(), rows.label, from, to))
}
