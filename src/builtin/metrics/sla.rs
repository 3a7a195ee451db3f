//! `metrics.sla`: sLA counts and compliance rate.

use serde_json::Value;

use crate::answer::{Finding, sla};
use crate::builtin::Reader;
use crate::builtin::query::Select;
use crate::builtin::{Answer, Builtin, Lookback, Rows};
use crate::error::Result;
use crate::payload::SqlStatement;

pub static ACTION: Builtin = Builtin::windowed(
    "metrics.sla",
    query,
    Answer::Finding(answer),
    Lookback { hours: 720, label: "last 30 days" },
);

fn query(params: &Value, _reader: &Reader) -> Result<Vec<SqlStatement>> {
    let mut created = Select::new(
        "SELECT id, category, status, created_at, first_response_at, resolved_at FROM complaints",
        "id",
    );
    created.window("created_at", params)?;
    let open = SqlStatement::new(
        "SELECT id, category, status, created_at FROM complaints WHERE status IN ('open', 'in_progress', 'escalated') ORDER BY id",
        Vec::new(),
    );
    Ok(vec![created.statement(), open])
}

fn answer(rows: &Rows<'_>) -> Result<Finding> {
    Ok(sla::compliance(rows.sets, rows.label, &rows.settings.sla, rows.now))
}
