//! `config.set`: change an operations configuration value.

use serde_json::json;

use crate::builtin::change::{ops_log, required_text, target};
use crate::builtin::{Builtin, Change, WriteInput};
use crate::error::{Error, Result};
use crate::payload::{SqlStatement, SqlValue};

pub static ACTION: Builtin = Builtin::write("config.set", build);

fn build(input: WriteInput<'_>) -> futures_util::future::BoxFuture<'_, Result<Change>> {
    Box::pin(async move {
        let WriteInput { office, action: name, params, requester, .. } = input;
        let key = required_text(params, "key")?;
        let value = required_text(params, "value")?;
        let label = format!("config {key}");
        let current = office
            .row("ops_config", "key", &key, &["value"])
            .await?
            .ok_or_else(|| Error::NotFound(format!("{label} does not exist")))?;
        let old = current[0].clone().unwrap_or_default();
        Ok(Change::new(
            vec![
                SqlStatement::new(
                    "UPDATE ops_config SET value = $1, updated_at = $2, updated_by = $3 WHERE key = $4",
                    vec![value.clone().into(), SqlValue::Now, requester.id.into(), key.clone().into()],
                )
                .one_row(),
                ops_log(requester, name, "config", None, json!({"key": key, "from": old, "to": value})),
            ],
            Some(target("ops_config", "key", &key, label.clone(), &["value"])),
            format!("set {key} from {old} to {value}"),
        ))
    })
}
