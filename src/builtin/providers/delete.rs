//! `providers.delete`: delete a provider (soft delete).

use serde_json::json;

use crate::builtin::change::{int, ops_log, refuse_state, target, text};
use crate::builtin::{Builtin, Change, WriteInput};
use crate::error::Result;
use crate::payload::{SqlStatement, SqlValue};

pub static ACTION: Builtin = Builtin::write("providers.delete", build);

fn build(input: WriteInput<'_>) -> futures_util::future::BoxFuture<'_, Result<Change>> {
    Box::pin(async move {
        let WriteInput { office, action: name, params, requester, .. } = input;
        let id = int(params, "provider_id")?;
        let label = format!("provider {id}");
        refuse_state(office, "providers", id, &label, "status", &["deleted"], "deleted again").await?;
        Ok(Change::new(
            vec![
                SqlStatement::new(
                    "UPDATE providers SET status = 'deleted', updated_at = $1 WHERE id = $2 AND status <> 'deleted'",
                    vec![SqlValue::Now, id.into()],
                )
                .one_row(),
                ops_log(requester, name, "provider", Some(id), json!({"reason": text(params, "reason")})),
            ],
            Some(target("providers", "id", id, label.clone(), &["status"])),
            format!("delete {label}"),
        ))
    })
}
