//! `staff.list`: list staff members and their roles.

use serde_json::Value;

use crate::builtin::Reader;
use crate::builtin::query::{Select, text};
use crate::builtin::{Answer, Builtin};
use crate::error::Result;
use crate::payload::SqlStatement;

pub static ACTION: Builtin =
    Builtin::read("staff.list", query, Answer::List { one: "staff member", many: "staff members" });

fn query(params: &Value, _reader: &Reader) -> Result<Vec<SqlStatement>> {
    let mut s = Select::new(
        "SELECT s.email, s.name, r.name AS role, r.level, s.status FROM staff s JOIN roles r ON r.id = s.role_id",
        "r.level, s.email",
    );
    s.filter("r.name = ?", text(params, "role"));
    Ok(vec![s.statement()])
}
