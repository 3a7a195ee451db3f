//! `complaints.sla_report`: open complaints by SLA state (on track, at risk, breached).

use serde_json::Value;

use crate::answer::{Finding, sla};
use crate::builtin::Reader;
use crate::builtin::query::Select;
use crate::builtin::{Answer, Builtin, Rows};
use crate::error::Result;
use crate::payload::SqlStatement;

pub static ACTION: Builtin = Builtin::read("complaints.sla_report", query, Answer::Finding(answer));

fn query(_params: &Value, _reader: &Reader) -> Result<Vec<SqlStatement>> {
    let mut select = Select::new(
        "SELECT id, category, priority, status, subject, assigned_to, created_at, first_response_at FROM complaints \
         WHERE status IN ('open', 'in_progress', 'escalated')",
        "created_at, id",
    );
    Ok(vec![select.statement()])
}

fn answer(rows: &Rows<'_>) -> Result<Finding> {
    Ok(sla::report(rows.first(), rows.params, &rows.settings.sla, rows.now))
}
