//! `users.delete`: delete a customer account (soft delete; their bookings stay).

use serde_json::json;

use crate::builtin::change::{int, ops_log, refuse_state, target, text};
use crate::builtin::{Builtin, Change, WriteInput};
use crate::error::Result;
use crate::payload::{SqlStatement, SqlValue};

pub static ACTION: Builtin = Builtin::write("users.delete", build);

fn build(input: WriteInput<'_>) -> futures_util::future::BoxFuture<'_, Result<Change>> {
    Box::pin(async move {
        let WriteInput { office, action: name, params, requester, .. } = input;
        let id = int(params, "user_id")?;
        let label = format!("user {id}");
        refuse_state(office, "users", id, &label, "status", &["deleted"], "deleted again").await?;
        let reason = text(params, "reason");
        Ok(Change::new(
            vec![
                SqlStatement::new(
                    "UPDATE users SET status = 'deleted', updated_at = $1 WHERE id = $2 AND status <> 'deleted'",
                    vec![SqlValue::Now, id.into()],
                )
                .one_row(),
                ops_log(requester, name, "user", Some(id), json!({"reason": reason})),
            ],
            Some(target("users", "id", id, label.clone(), &["status"])),
            format!("delete {label} (their bookings stay)"),
        ))
    })
}
