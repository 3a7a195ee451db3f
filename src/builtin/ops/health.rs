//! `ops.health`: database reachability, pending approvals and alert evaluation.

use serde_json::Value;

use crate::answer::{Finding, health};
use crate::builtin::Reader;
use crate::builtin::{Answer, Builtin, Rows};
use crate::error::Result;
use crate::payload::{SqlStatement, SqlValue};

pub static ACTION: Builtin = Builtin::read("ops.health", query, Answer::Finding(answer));

fn query(_params: &Value, _reader: &Reader) -> Result<Vec<SqlStatement>> {
    let statements = vec![
        SqlStatement::new(
            "SELECT COUNT(*) AS pending_approvals, MIN(created_at) AS oldest_pending FROM opsgate_actions WHERE status = 'pending_approval'",
            Vec::new(),
        ),
        SqlStatement::new(
            "SELECT status, COUNT(*) AS actions FROM opsgate_actions WHERE status IN ('approved', 'executing') \
                 OR (status = 'failed' AND updated_at >= $1) GROUP BY status ORDER BY status",
            vec![SqlValue::Time(chrono::Utc::now() - chrono::Duration::hours(24))],
        ),
        SqlStatement::new(
            "SELECT evaluated_at FROM opsgate_alert_evaluations ORDER BY id DESC LIMIT 1",
            Vec::new(),
        ),
    ];
    Ok(statements)
}

fn answer(rows: &Rows<'_>) -> Result<Finding> {
    Ok(health::health(rows))
}
