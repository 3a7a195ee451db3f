//! The staff member a `staff.*` write changes.

use crate::builtin::change::required_text;
use crate::error::{Error, Result};
use crate::identity::StaffMember;
use crate::store::Store;

/// The active staff member named by `staff_email` whom `requester` may change
/// (not themselves, not anyone more senior), and how messages call them.
pub async fn changeable_member(
    store: &Store,
    params: &serde_json::Value,
    requester: &StaffMember,
) -> Result<(StaffMember, String)> {
    let (member, label) = active_member(store, params).await?;
    if member.id == requester.id {
        return Err(Error::Denied(format!("nobody may change their own access ({})", member.email)));
    }
    crate::rbac::check_senior(requester, &member.email, &member.role, member.level)?;
    Ok((member, label))
}

/// The active staff member named by `staff_email`, and how messages call them.
pub async fn active_member(store: &Store, params: &serde_json::Value) -> Result<(StaffMember, String)> {
    let email = required_text(params, "staff_email")?;
    let member = store
        .staff_by_email(&email)
        .await?
        .ok_or_else(|| Error::NotFound(format!("no staff member {email}")))?;
    let label = format!("staff member {email}");
    if !member.is_active() {
        return Err(Error::Conflict(format!(
            "{label} is {}; only active staff can be changed",
            member.status
        )));
    }
    Ok((member, label))
}
