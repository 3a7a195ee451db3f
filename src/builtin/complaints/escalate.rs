//! `complaints.escalate`: escalate a complaint.

use serde_json::json;

use crate::builtin::change::{int, ops_log, require_state, target, text};
use crate::builtin::{Builtin, Change, WriteInput};
use crate::error::Result;
use crate::payload::{SqlStatement, SqlValue};

pub static ACTION: Builtin = Builtin::write("complaints.escalate", build);

fn build(input: WriteInput<'_>) -> futures_util::future::BoxFuture<'_, Result<Change>> {
    Box::pin(async move {
        let WriteInput { office, action: name, params, requester, .. } = input;
        let id = int(params, "complaint_id")?;
        let label = format!("complaint {id}");
        require_state(office, "complaints", id, &label, "status", &["open", "in_progress"], "escalating")
            .await?;
        let reason = text(params, "reason");
        Ok(Change::new(
            vec![
                SqlStatement::new(
                    "UPDATE complaints SET status = 'escalated', escalated_at = $1, updated_at = $1 \
                     WHERE id = $2 AND status IN ('open', 'in_progress')",
                    vec![SqlValue::Now, id.into()],
                )
                .one_row(),
                ops_log(requester, name, "complaint", Some(id), json!({"reason": reason})),
            ],
            Some(target("complaints", "id", id, label.clone(), &["status"])),
            format!("escalate {label}"),
        ))
    })
}
