//! `bookings.get`: show one booking with its payment state.

use serde_json::Value;

use crate::builtin::Reader;
use crate::builtin::query::{Select, int};
use crate::builtin::{Answer, Builtin};
use crate::error::Result;
use crate::payload::SqlStatement;

pub static ACTION: Builtin =
    Builtin::read("bookings.get", query, Answer::Record { one: "booking", param: "booking_id" });

fn query(params: &Value, _reader: &Reader) -> Result<Vec<SqlStatement>> {
    let mut s = Select::new("SELECT * FROM bookings", "");
    s.filter("id = ?", int(params, "booking_id"));
    Ok(vec![s.statement()])
}
