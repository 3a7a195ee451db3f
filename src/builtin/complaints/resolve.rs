//! `complaints.resolve`: resolve a complaint with a resolution note.

use serde_json::json;

use crate::builtin::change::{int, ops_log, refuse_state, target, text};
use crate::builtin::{Builtin, Change, WriteInput};
use crate::error::Result;
use crate::payload::{SqlStatement, SqlValue};

pub static ACTION: Builtin = Builtin::write("complaints.resolve", build);

fn build(input: WriteInput<'_>) -> futures_util::future::BoxFuture<'_, Result<Change>> {
    Box::pin(async move {
        let WriteInput { office, action: name, params, requester, .. } = input;
        let id = int(params, "complaint_id")?;
        let label = format!("complaint {id}");
        refuse_state(office, "complaints", id, &label, "status", &["resolved", "closed"], "resolved again")
            .await?;
        let resolution = text(params, "resolution");
        Ok(Change::new(
            vec![
                SqlStatement::new(
                    "UPDATE complaints SET status = 'resolved', resolution = $1, resolved_at = $2, \
                     first_response_at = COALESCE(first_response_at, $2), updated_at = $2 \
                     WHERE id = $3 AND status NOT IN ('resolved', 'closed')",
                    vec![resolution.clone().into(), SqlValue::Now, id.into()],
                )
                .one_row(),
                ops_log(requester, name, "complaint", Some(id), json!({"resolution": resolution})),
            ],
            Some(target("complaints", "id", id, label.clone(), &["status"])),
            format!("resolve {label}"),
        ))
    })
}
