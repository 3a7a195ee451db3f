//! `priority_queue.review`: mark a priority-queue item reviewed or dismissed.

use serde_json::json;

use crate::builtin::change::{int, ops_log, require_state, required_text, target, text};
use crate::builtin::{Builtin, Change, WriteInput};
use crate::error::Result;
use crate::payload::{SqlStatement, SqlValue};

pub static ACTION: Builtin = Builtin::write("priority_queue.review", build);

fn build(input: WriteInput<'_>) -> futures_util::future::BoxFuture<'_, Result<Change>> {
    Box::pin(async move {
        let WriteInput { office, action: name, params, requester, .. } = input;
        let id = int(params, "item_id")?;
        let label = format!("queue item {id}");
        require_state(office, "priority_queue", id, &label, "status", &["pending", "in_review"], "a review")
            .await?;
        let decision = required_text(params, "decision")?;
        let notes = text(params, "notes");
        Ok(Change::new(
            vec![
                SqlStatement::new(
                    "UPDATE priority_queue SET status = $1, reviewed_by = $2, reviewed_at = $3, notes = $4, updated_at = $3 \
                     WHERE id = $5 AND status IN ('pending', 'in_review')",
                    vec![decision.clone().into(), requester.id.into(), SqlValue::Now, notes.into(), id.into()],
                )
                .one_row(),
                ops_log(requester, name, "priority_queue", Some(id), json!({"decision": decision})),
            ],
            Some(target("priority_queue", "id", id, label.clone(), &["status"])),
            format!("mark {label} {decision}"),
        ))
    })
}
