//! `users.search`: find customers by name, e-mail, phone or status.

use serde_json::Value;

use crate::builtin::query::{Select, text};
use crate::builtin::{Answer, Builtin};
use crate::error::Result;
use crate::payload::{SqlStatement, SqlValue};

pub static ACTION: Builtin =
    Builtin::read("users.search", query, Answer::List { one: "user", many: "users" });

fn query(params: &Value) -> Result<Vec<SqlStatement>> {
    let mut s = Select::new("SELECT id, name, email, phone, status, wallet_balance_cents FROM users", "id");
    let pattern = params
        .get("query")
        .and_then(Value::as_str)
        .map(|q| SqlValue::Text(format!("%{}%", q.to_lowercase())));
    s.filter("(lower(name) LIKE ? OR lower(email) LIKE ? OR phone LIKE ?)", pattern)
        .filter("status = ?", text(params, "status"))
        .limit(params, 50);
    Ok(vec![s.statement()])
}
