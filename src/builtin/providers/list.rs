//! `providers.list`: list providers, e.g. those waiting for approval.

use serde_json::Value;

use crate::builtin::Reader;
use crate::builtin::query::{Select, text};
use crate::builtin::{Answer, Builtin};
use crate::error::Result;
use crate::payload::SqlStatement;

pub static ACTION: Builtin =
    Builtin::read("providers.list", query, Answer::List { one: "provider", many: "providers" });

fn query(params: &Value, _reader: &Reader) -> Result<Vec<SqlStatement>> {
    let mut s = Select::new(
        "SELECT id, name, email, category, city, status, rating, created_at FROM providers",
        "created_at",
    );
    s.filter("status = ?", text(params, "status"))
        .filter("category = ?", text(params, "category"))
        .limit(params, 50);
    Ok(vec![s.statement()])
}
