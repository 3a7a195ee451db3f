//! Staff members as the rest of opsgate sees them: a role, a level and a permission set.

use std::collections::BTreeSet;

use serde::Serialize;

/// An active or inactive staff member with their effective permissions.
#[derive(Debug, Clone, Serialize)]
pub struct StaffMember {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: String,
    /// 1 is the most senior.
    pub level: i64,
    pub status: String,
    pub permissions: BTreeSet<String>,
}

impl StaffMember {
    pub fn is_active(&self) -> bool {
        self.status == "active"
    }

    /// Whether this person holds a permission. Inactive people hold none.
    pub fn can(&self, permission: &str) -> bool {
        self.is_active() && self.permissions.contains(permission)
    }
}
