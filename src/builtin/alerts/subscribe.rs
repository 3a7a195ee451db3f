//! `alerts.subscribe`: subscribe a staff member to an alert rule.

use serde_json::json;

use crate::builtin::change::{ops_log, required_text, staff_id};
use crate::builtin::{Builtin, Change, WriteInput};
use crate::error::{Error, Result};
use crate::payload::{SqlStatement, SqlValue};

pub static ACTION: Builtin = Builtin::write("alerts.subscribe", build);

fn build(input: WriteInput<'_>) -> futures_util::future::BoxFuture<'_, Result<Change>> {
    Box::pin(async move {
        let WriteInput { store, office, action: name, params, requester } = input;
        let rule = required_text(params, "rule")?;
        let email = required_text(params, "staff_email")?;
        let rule_id = office
            .row("alert_rules", "name", &rule, &["id"])
            .await?
            .and_then(|v| v[0].as_deref().and_then(|s| s.parse::<i64>().ok()))
            .ok_or_else(|| Error::NotFound(format!("alert rule {rule} does not exist")))?;
        let subscriber = staff_id(store, &email).await?;
        Ok(Change::new(
            vec![
                SqlStatement::new(
                    "INSERT INTO alert_subscriptions (rule_id, staff_id, channel, created_at) VALUES ($1, $2, 'cli', $3)",
                    vec![rule_id.into(), subscriber.into(), SqlValue::Now],
                )
                .one_row(),
                ops_log(requester, name, "alert_rule", Some(rule_id), json!({"staff_email": email})),
            ],
            None,
            format!("subscribe {email} to {rule} alerts"),
        ))
    })
}
