//! `staff.set_role`: change a staff member's role.

use serde_json::json;

use super::member::changeable_member;
use crate::builtin::change::{ops_log, required_text, target};
use crate::builtin::{Builtin, Change, WriteInput};
use crate::error::{Error, Result};
use crate::payload::{SqlStatement, SqlValue};

pub static ACTION: Builtin = Builtin::write("staff.set_role", build);

fn build(input: WriteInput<'_>) -> futures_util::future::BoxFuture<'_, Result<Change>> {
    Box::pin(async move {
        let WriteInput { store, office, action, params, requester } = input;
        let (member, label) = changeable_member(store, params, requester).await?;
        let role = required_text(params, "role")?;
        if role == member.role {
            return Err(Error::Conflict(format!("{label} already has the role {role}")));
        }
        let grant = crate::rbac::grantable_role(store, requester, &role).await?;
        let role_id = office
            .row("roles", "name", &grant.name, &["id"])
            .await?
            .and_then(|v| v[0].as_deref().and_then(|s| s.parse::<i64>().ok()))
            .ok_or_else(|| Error::NotFound(format!("unknown role `{role}`")))?;
        Ok(Change::new(
            vec![
                SqlStatement::new(
                    "UPDATE staff SET role_id = $1, updated_at = $2 WHERE id = $3",
                    vec![role_id.into(), SqlValue::Now, member.id.into()],
                )
                .one_row(),
                ops_log(
                    requester,
                    action,
                    "staff",
                    Some(member.id),
                    json!({"from": member.role, "to": role}),
                ),
            ],
            Some(target("staff", "id", member.id, label.clone(), &["role_id", "status"])),
            format!("change the role of {} from {} to {role}", member.email, member.role),
        ))
    })
}
