//! `users.search`: find customers by name, e-mail, phone or status.

use serde_json::Value;

use crate::builtin::Reader;
use crate::builtin::query::{Select, text};
use crate::builtin::{Answer, Builtin};
use crate::error::Result;
use crate::payload::{SqlStatement, SqlValue};

pub static ACTION: Builtin =
    Builtin::read("users.search", query, Answer::List { one: "user", many: "users" });

fn query(params: &Value, reader: &Reader) -> Result<Vec<SqlStatement>> {
    let mut s = Select::new("SELECT id, name, email, phone, status, wallet_balance_cents FROM users", "id");
    let query = params.get("query").and_then(Value::as_str).map(str::to_lowercase);
    match (query, reader.sees_contacts) {
        (Some(query), true) => {
            let pattern = Some(SqlValue::Text(format!("%{query}%")));
            s.filter("(lower(name) LIKE ? OR lower(email) LIKE ? OR phone LIKE ?)", pattern);
        }
        (Some(query), false) => {
            // Names in part; an e-mail or a phone number (spaces, dashes and brackets aside) only whole.
            let name = SqlValue::Text(format!("%{query}%"));
            let phone_like = query.chars().all(|c| c.is_ascii_digit() || "+ -()".contains(c))
                && query.chars().filter(char::is_ascii_digit).count() >= 5;
            if query.contains('@') {
                s.filter_each("(lower(name) LIKE ? OR lower(email) = ?)", vec![name, SqlValue::Text(query)]);
            } else if phone_like {
                let digits: String = query.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
                s.filter_each(
                    "(lower(name) LIKE ? \
                     OR replace(replace(replace(replace(phone, ' ', ''), '-', ''), '(', ''), ')', '') = ?)",
                    vec![name, SqlValue::Text(digits)],
                );
            } else {
                s.filter("lower(name) LIKE ?", Some(name));
            }
        }
        (None, _) => {}
    }
    s.filter("status = ?", text(params, "status")).limit(params, 50);
    Ok(vec![s.statement()])
}
