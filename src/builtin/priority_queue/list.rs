//! `priority_queue.list`: the priority queue, highest score first.

use serde_json::Value;

use crate::answer::{Finding, queue};
use crate::builtin::Reader;
use crate::builtin::query::{Select, text};
use crate::builtin::{Answer, Builtin, Rows};
use crate::error::Result;
use crate::payload::{SqlStatement, SqlValue};

pub static ACTION: Builtin = Builtin::read("priority_queue.list", query, Answer::Finding(answer));

fn query(params: &Value, _reader: &Reader) -> Result<Vec<SqlStatement>> {
    let mut s = Select::new(
        "SELECT id, item_type, item_id, summary, intent_confidence, sentiment_urgency, time_decay, user_history_factor, \
             score, status, assigned_to, created_at FROM priority_queue",
        "score DESC, id",
    );
    s.filter("status = ?", text(params, "status").or(Some(SqlValue::Text("pending".into()))))
        .limit(params, 20);
    Ok(vec![s.statement()])
}

fn answer(rows: &Rows<'_>) -> Result<Finding> {
    Ok(queue::list(rows.first(), rows.params))
}
