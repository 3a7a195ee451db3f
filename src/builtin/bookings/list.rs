//! `bookings.list`: list bookings, filtered by status and time window.

use serde_json::Value;

use crate::builtin::Reader;
use crate::builtin::query::{Select, int, text};
use crate::builtin::{Answer, Builtin};
use crate::error::Result;
use crate::payload::SqlStatement;

pub static ACTION: Builtin =
    Builtin::read("bookings.list", query, Answer::List { one: "booking", many: "bookings" });

fn query(params: &Value, _reader: &Reader) -> Result<Vec<SqlStatement>> {
    let mut s = Select::new(
        "SELECT id, user_id, provider_id, service, status, scheduled_at, amount_cents, currency, payment_status FROM bookings",
        "created_at DESC",
    );
    s.filter("status = ?", text(params, "status"))
        .filter("user_id = ?", int(params, "user_id"))
        .filter("provider_id = ?", int(params, "provider_id"))
        .window("created_at", params)?
        .limit(params, 50);
    Ok(vec![s.statement()])
}
