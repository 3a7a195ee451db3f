//! The permission check for administrative commands outside the AI pipeline.

use crate::error::{Error, Result};
use crate::identity::StaffMember;

/// Succeeds when `person` holds `permission`; otherwise a denial naming it.
pub fn require(person: &StaffMember, permission: &str) -> Result<()> {
    if person.can(permission) {
        Ok(())
    } else {
        Err(Error::Denied(format!("{} ({}) lacks the permission `{permission}`", person.email, person.role)))
    }
}
