//! Deciding a provider's application, for `providers.approve` and `providers.reject`.

use serde_json::json;

use crate::builtin::change::{int, ops_log, row, target, text};
use crate::builtin::{Change, WriteInput};
use crate::error::{Error, Result};
use crate::payload::{SqlStatement, SqlValue};

pub async fn decide(input: WriteInput<'_>, approve: bool) -> Result<Change> {
    let WriteInput { office, action, params, requester, .. } = input;
    let id = int(params, "provider_id")?;
    let label = format!("provider {id}");
    let status = row(office, "providers", id, &label, &["status"]).await?[0].clone().unwrap_or_default();
    if status != "pending" {
        return Err(Error::Conflict(format!(
            "{label} is {status}; only pending applications can be decided"
        )));
    }
    let sql = if approve {
        "UPDATE providers SET status = 'approved', approved_at = $1, updated_at = $1 WHERE id = $2 AND status = 'pending'"
    } else {
        "UPDATE providers SET status = 'rejected', updated_at = $1 WHERE id = $2 AND status = 'pending'"
    };
    Ok(Change::new(
        vec![
            SqlStatement::new(sql, vec![SqlValue::Now, id.into()]).one_row(),
            ops_log(requester, action, "provider", Some(id), json!({"reason": text(params, "reason")})),
        ],
        Some(target("providers", "id", id, label.clone(), &["status"])),
        format!("{} {label}", if approve { "approve" } else { "reject" }),
    ))
}
