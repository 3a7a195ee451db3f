//! `complaints.assign`: assign a complaint to a staff member.

use serde_json::json;

use crate::builtin::change::{int, ops_log, refuse_state, required_text, staff_id, target};
use crate::builtin::{Builtin, Change, WriteInput};
use crate::error::Result;
use crate::payload::{SqlStatement, SqlValue};

pub static ACTION: Builtin = Builtin::write("complaints.assign", build);

fn build(input: WriteInput<'_>) -> futures_util::future::BoxFuture<'_, Result<Change>> {
    Box::pin(async move {
        let WriteInput { store, office, action: name, params, requester } = input;
        let id = int(params, "complaint_id")?;
        let label = format!("complaint {id}");
        refuse_state(office, "complaints", id, &label, "status", &["resolved", "closed"], "assigned").await?;
        let email = required_text(params, "staff_email")?;
        let assignee = staff_id(store, &email).await?;
        Ok(Change::new(
            vec![
                SqlStatement::new(
                    "UPDATE complaints SET assigned_to = $1, status = CASE WHEN status = 'open' THEN 'in_progress' ELSE status END, updated_at = $2 \
                     WHERE id = $3 AND status NOT IN ('resolved', 'closed')",
                    vec![assignee.into(), SqlValue::Now, id.into()],
                )
                .one_row(),
                ops_log(requester, name, "complaint", Some(id), json!({"assigned_to": email})),
            ],
            Some(target("complaints", "id", id, label.clone(), &["status", "assigned_to"])),
            format!("assign {label} to {email}"),
        ))
    })
}
