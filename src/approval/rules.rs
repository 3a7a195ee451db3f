//! Who may approve (or reject) someone else's action.

use crate::error::{Error, Result};
use crate::identity::StaffMember;
use crate::store::ActionRow;

/// Succeeds when `approver` may decide on `action`, requested by `requester`;
/// otherwise a denial naming the rule that failed.
pub fn eligibility(approver: &StaffMember, requester: &StaffMember, action: &ActionRow) -> Result<()> {
    let id = action.id;
    if approver.id == requester.id {
        return Err(Error::Denied(format!(
            "a{id}: self-approval is not allowed; another person must approve what {} requested",
            requester.email
        )));
    }
    if !approver.is_active() {
        return Err(Error::Denied(format!("a{id}: {} is not active", approver.email)));
    }
    if !approver.can(&action.permission) {
        return Err(Error::Denied(format!(
            "a{id}: the approver must hold `{}`, which {} ({}) lacks",
            action.permission, approver.email, approver.role
        )));
    }
    if approver.level > requester.level {
        return Err(Error::Denied(format!(
            "a{id}: the approver must be at the requester's level or more senior: {} is {} (level {}), {} is {} (level {})",
            approver.email, approver.role, approver.level, requester.email, requester.role, requester.level
        )));
    }
    Ok(())
}
