//! `alerts.list`: open and recent alerts.

use serde_json::Value;

use crate::builtin::Reader;
use crate::builtin::query::{Select, text};
use crate::builtin::{Answer, Builtin};
use crate::error::Result;
use crate::payload::SqlStatement;

pub static ACTION: Builtin =
    Builtin::read("alerts.list", query, Answer::List { one: "alert", many: "alerts" });

fn query(params: &Value, _reader: &Reader) -> Result<Vec<SqlStatement>> {
    let mut s = Select::new(
        "SELECT id, severity, title, status, entity_type, entity_id, created_at FROM alerts",
        "created_at DESC",
    );
    s.filter("status = ?", text(params, "status")).limit(params, 50);
    Ok(vec![s.statement()])
}
