//! `complaints.get`: show one complaint with its state and who holds it.

use serde_json::Value;

use crate::builtin::Reader;
use crate::builtin::query::{Select, int};
use crate::builtin::{Answer, Builtin};
use crate::error::Result;
use crate::payload::SqlStatement;

pub static ACTION: Builtin =
    Builtin::read("complaints.get", query, Answer::Record { one: "complaint", param: "complaint_id" });

fn query(params: &Value, _reader: &Reader) -> Result<Vec<SqlStatement>> {
    let mut s = Select::new(
        "SELECT id, user_id, booking_id, category, subject, priority, status, assigned_to, resolution, \
         created_at, updated_at, first_response_at, escalated_at, resolved_at FROM complaints",
        "",
    );
    s.filter("id = ?", int(params, "complaint_id"));
    Ok(vec![s.statement()])
}
