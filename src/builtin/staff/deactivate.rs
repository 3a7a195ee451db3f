//! `staff.deactivate`: deactivate a staff member's access.

use serde_json::json;

use super::member::changeable_member;
use crate::builtin::change::{ops_log, target};
use crate::builtin::{Builtin, Change, WriteInput};
use crate::error::Result;
use crate::payload::{SqlStatement, SqlValue};

pub static ACTION: Builtin = Builtin::write("staff.deactivate", build);

fn build(input: WriteInput<'_>) -> futures_util::future::BoxFuture<'_, Result<Change>> {
    Box::pin(async move {
        let WriteInput { store, action, params, requester, .. } = input;
        let (member, label) = changeable_member(store, params, requester).await?;
        Ok(Change::new(
            vec![
                SqlStatement::new(
                    "UPDATE staff SET status = 'inactive', updated_at = $1 WHERE id = $2 AND status = 'active'",
                    vec![SqlValue::Now, member.id.into()],
                )
                .one_row(),
                ops_log(requester, action, "staff", Some(member.id), json!({})),
            ],
            Some(target("staff", "id", member.id, label, &["status"])),
            format!("deactivate {}", member.email),
        ))
    })
}
