//! `alerts.rule_update`: change an alert rule's threshold, severity or enabled flag.

use serde_json::Value;

use crate::builtin::change::{ops_log, required_text, target, text};
use crate::builtin::{Builtin, Change, WriteInput};
use crate::error::{Error, Result};
use crate::payload::{SqlStatement, SqlValue};

pub static ACTION: Builtin = Builtin::write("alerts.rule_update", build);

fn build(input: WriteInput<'_>) -> futures_util::future::BoxFuture<'_, Result<Change>> {
    Box::pin(async move {
        let WriteInput { office, action: name, params, requester, .. } = input;
        let rule = required_text(params, "rule")?;
        let label = format!("alert rule {rule}");
        office
            .row("alert_rules", "name", &rule, &["id"])
            .await?
            .ok_or_else(|| Error::NotFound(format!("{label} does not exist")))?;
        let mut sets = Vec::new();
        let mut values: Vec<SqlValue> = Vec::new();
        if let Some(enabled) = params.get("enabled").and_then(Value::as_bool) {
            values.push(SqlValue::Bool(enabled));
            sets.push(format!("enabled = ${}", values.len()));
        }
        if let Some(threshold) = params.get("threshold").and_then(Value::as_f64) {
            values.push(SqlValue::Float(threshold));
            sets.push(format!("threshold = ${}", values.len()));
        }
        if let Some(severity) = text(params, "severity") {
            values.push(severity.into());
            sets.push(format!("severity = ${}", values.len()));
        }
        if sets.is_empty() {
            return Err(Error::Usage(format!("nothing to change for {label}")));
        }
        values.push(SqlValue::Now);
        sets.push(format!("updated_at = ${}", values.len()));
        values.push(rule.clone().into());
        let sql = format!("UPDATE alert_rules SET {} WHERE name = ${}", sets.join(", "), values.len());
        Ok(Change::new(
            vec![
                SqlStatement::new(sql, values).one_row(),
                ops_log(requester, name, "alert_rule", None, params.clone()),
            ],
            Some(target("alert_rules", "name", &rule, label.clone(), &["enabled", "threshold", "severity"])),
            format!("change {label}"),
        ))
    })
}
