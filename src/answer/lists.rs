//! Read actions that are lists or single records: the rows are the answer.

use serde_json::Value;

use super::finding::Finding;
use crate::builtin::Rows;
use crate::error::{Error, Result};

/// One record by the id in `param`: "booking 7, status confirmed".
pub fn record(rows: &Rows<'_>, one: &str, param: &str) -> Result<Finding> {
    let set = rows.first();
    let id = rows.params.get(param).and_then(Value::as_i64).unwrap_or_default();
    if set.rows.is_empty() {
        return Err(Error::NotFound(format!("{one} {id} does not exist")));
    }
    let status = set.text(0, "status").map(|s| format!(", status {s}")).unwrap_or_default();
    Ok(Finding::new(rows.action, format!("{one} {id}{status}"), set).fact("found", 1))
}

/// A list's sentence: "12 cancelled bookings in last week; showing the first 50".
pub fn list(rows: &Rows<'_>, one: &str, many: &str, window: Option<&str>) -> Result<Finding> {
    let (params, set) = (rows.params, rows.first());
    let count = set.rows.len();
    let mut filters = Vec::new();
    for name in ["status", "priority", "category", "role", "key", "query"] {
        if let Some(value) = params.get(name).and_then(Value::as_str) {
            filters.push(if name == "query" {
                format!("matching `{value}`")
            } else {
                format!("{name} {value}")
            });
        }
    }
    let noun = if count == 1 { one } else { many };
    let mut summary = format!("{count} {noun}");
    if !filters.is_empty() {
        summary.push_str(&format!(" with {}", filters.join(", ")));
    }
    if let Some(window) = window {
        summary.push_str(&format!(" in {window}"));
    }
    let limit = params.get("limit").and_then(Value::as_i64);
    if limit.is_some_and(|limit| count as i64 >= limit) {
        summary.push_str(&format!("; showing the first {count}, raise the limit to see more"));
    }
    summary.push('.');
    Ok(Finding::new(rows.action, summary, set).fact("count", count))
}
