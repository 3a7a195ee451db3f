//! `users.get`: show one customer with their wallet and recent bookings.

use serde_json::Value;

use crate::builtin::Reader;
use crate::builtin::query::{Select, int};
use crate::builtin::{Answer, Builtin};
use crate::error::Result;
use crate::payload::SqlStatement;

pub static ACTION: Builtin =
    Builtin::read("users.get", query, Answer::Record { one: "user", param: "user_id" });

fn query(params: &Value, _reader: &Reader) -> Result<Vec<SqlStatement>> {
    let mut s = Select::new("SELECT * FROM users", "");
    s.filter("id = ?", int(params, "user_id"));
    Ok(vec![s.statement()])
}
