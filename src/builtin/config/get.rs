//! `config.get`: show operations configuration values.

use serde_json::Value;

use crate::builtin::Reader;
use crate::builtin::query::{Select, text};
use crate::builtin::{Answer, Builtin};
use crate::error::Result;
use crate::payload::SqlStatement;

pub static ACTION: Builtin =
    Builtin::read("config.get", query, Answer::List { one: "setting", many: "settings" });

fn query(params: &Value, _reader: &Reader) -> Result<Vec<SqlStatement>> {
    let mut s = Select::new("SELECT key, value, description, updated_at FROM ops_config", "key");
    s.filter("key = ?", text(params, "key"));
    Ok(vec![s.statement()])
}
