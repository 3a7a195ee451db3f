//! `complaints.list`: list complaints by priority, status and time window.

use serde_json::Value;

use crate::builtin::Reader;
use crate::builtin::query::{Select, text};
use crate::builtin::{Answer, Builtin};
use crate::error::Result;
use crate::payload::SqlStatement;

pub static ACTION: Builtin =
    Builtin::read("complaints.list", query, Answer::List { one: "complaint", many: "complaints" });

fn query(params: &Value, _reader: &Reader) -> Result<Vec<SqlStatement>> {
    let mut s = Select::new(
        "SELECT id, user_id, booking_id, category, subject, priority, status, assigned_to, created_at FROM complaints",
        "created_at DESC",
    );
    s.filter("status = ?", text(params, "status"))
        .filter("priority = ?", text(params, "priority"))
        .window("created_at", params)?
        .limit(params, 50);
    Ok(vec![s.statement()])
}
