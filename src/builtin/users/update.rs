//! `users.update`: change a customer's name, e-mail, phone or status.

use serde_json::Value;

use crate::builtin::change::{int, ops_log, refuse_state, target, text};
use crate::builtin::{Builtin, Change, WriteInput};
use crate::error::{Error, Result};
use crate::payload::{SqlStatement, SqlValue};

pub static ACTION: Builtin = Builtin::write("users.update", build);

fn build(input: WriteInput<'_>) -> futures_util::future::BoxFuture<'_, Result<Change>> {
    Box::pin(async move {
        let WriteInput { office, action: name, params, requester, .. } = input;
        let id = int(params, "user_id")?;
        let label = format!("user {id}");
        refuse_state(office, "users", id, &label, "status", &["deleted"], "changed").await?;
        let mut sets = Vec::new();
        let mut values: Vec<SqlValue> = Vec::new();
        let mut changed = serde_json::Map::new();
        for column in ["name", "email", "phone", "status"] {
            if let Some(value) = text(params, column) {
                values.push(value.clone().into());
                sets.push(format!("{column} = ${}", values.len()));
                changed.insert(column.into(), Value::String(value));
            }
        }
        if sets.is_empty() {
            return Err(Error::Usage(format!("nothing to change for {label}")));
        }
        values.push(SqlValue::Now);
        sets.push(format!("updated_at = ${}", values.len()));
        values.push(id.into());
        let sql = format!(
            "UPDATE users SET {} WHERE id = ${} AND status <> 'deleted'",
            sets.join(", "),
            values.len()
        );
        let fields: Vec<String> = changed.keys().cloned().collect();
        Ok(Change::new(
            vec![
                SqlStatement::new(sql, values).one_row(),
                ops_log(requester, name, "user", Some(id), Value::Object(changed)),
            ],
            Some(target("users", "id", id, label.clone(), &["name", "email", "phone", "status"])),
            format!("change {} of {label}", fields.join(", ")),
        ))
    })
}
