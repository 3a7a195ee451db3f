//! Read actions that are lists or single records: the rows are the answer.

use serde_json::Value;

use super::finding::Finding;
use crate::error::{Error, Result};
use crate::store::ResultSet;

/// What the rows of each list action are called.
fn noun(action: &str) -> (&'static str, &'static str) {
    match action {
        "bookings.list" | "bookings.get" => ("booking", "bookings"),
        "users.search" | "users.get" => ("user", "users"),
        "providers.list" => ("provider", "providers"),
        "complaints.list" => ("complaint", "complaints"),
        "alerts.list" => ("alert", "alerts"),
        "config.get" => ("setting", "settings"),
        "staff.list" => ("staff member", "staff members"),
        _ => ("row", "rows"),
    }
}

/// A list's sentence: "12 cancelled bookings in last week; showing the first 50".
pub fn list(action: &str, params: &Value, set: ResultSet, window: Option<&str>) -> Result<Finding> {
    let (one, many) = noun(action);
    if let Some(id_param) = ["booking_id", "user_id"].into_iter().find(|p| params.get(*p).is_some())
        && action.ends_with(".get")
    {
        let id = params[id_param].as_i64().unwrap_or_default();
        if set.rows.is_empty() {
            return Err(Error::NotFound(format!("{one} {id} does not exist")));
        }
        let status = set.text(0, "status").map(|s| format!(", status {s}")).unwrap_or_default();
        return Ok(Finding::new(action, format!("{one} {id}{status}"), set).fact("found", 1));
    }
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
    Ok(Finding::new(action, summary, set).fact("count", count))
}
