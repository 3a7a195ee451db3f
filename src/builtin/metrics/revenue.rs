//! `metrics.revenue`: revenue, pending settlements and refunds over a window, with growth.

use serde_json::Value;

use crate::answer::{Finding, metrics};
use crate::builtin::Reader;
use crate::builtin::query::windowed;
use crate::builtin::{Answer, Builtin, Lookback, Rows};
use crate::error::Result;
use crate::payload::SqlStatement;

pub static ACTION: Builtin = Builtin::windowed(
    "metrics.revenue",
    query,
    Answer::Finding(answer),
    Lookback { hours: 720, label: "last 30 days" },
);

fn query(params: &Value, _reader: &Reader) -> Result<Vec<SqlStatement>> {
    let paid = "FROM bookings WHERE payment_status IN ('paid', 'settled', 'partially_refunded', 'refunded')";
    let period = format!(
        "SELECT currency, COUNT(*) AS bookings, CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) AS gross_cents, \
             CAST(COALESCE(SUM(refunded_cents), 0) AS BIGINT) AS refunded_cents {paid}"
    );
    let mut statements = windowed(&period, "created_at", params, "GROUP BY currency ORDER BY currency")?;
    statements.push(SqlStatement::new(
            "SELECT currency, COUNT(*) AS bookings, CAST(COALESCE(SUM(amount_cents - refunded_cents), 0) AS BIGINT) AS pending_cents \
             FROM bookings WHERE payment_status IN ('paid', 'partially_refunded') AND settled_at IS NULL \
             GROUP BY currency ORDER BY currency",
            Vec::new(),
        ));
    statements.push(SqlStatement::new(
            format!(
                "SELECT currency, CAST(COALESCE(SUM(amount_cents - refunded_cents), 0) AS BIGINT) AS net_cents {paid} \
                 GROUP BY currency ORDER BY currency"
            ),
            Vec::new(),
        ));
    Ok(statements)
}

fn answer(rows: &Rows<'_>) -> Result<Finding> {
    Ok(metrics::revenue(rows.sets, rows.label))
}
