//! Nobody hands out more than they hold: a role given, changed or taken away
//! must not be more senior than the giver's own, and a role given must not
//! carry a permission the giver lacks.

use crate::error::{Error, Result};
use crate::identity::StaffMember;
use crate::store::{RoleGrant, Store, unknown_role};

/// The role `granter` may give someone, or a denial saying why not.
pub async fn grantable_role(store: &Store, granter: &StaffMember, role: &str) -> Result<RoleGrant> {
    let Some(grant) = store.role_grant(role).await? else {
        return Err(unknown_role(role, &store.role_names().await?));
    };
    check_grant(granter, &grant)?;
    Ok(grant)
}

/// A denial when `grant` is more senior than `granter`, or carries a permission they lack.
pub fn check_grant(granter: &StaffMember, grant: &RoleGrant) -> Result<()> {
    if grant.level < granter.level {
        return Err(Error::Denied(format!(
            "{} ({}, level {}) may not give the role {} (level {}): it is more senior than their own",
            granter.email, granter.role, granter.level, grant.name, grant.level
        )));
    }
    let lacking: Vec<&str> =
        grant.permissions.iter().filter(|p| !granter.can(p)).map(String::as_str).collect();
    if !lacking.is_empty() {
        return Err(Error::Denied(format!(
            "{} ({}) may not give the role {}: it carries {} they lack",
            granter.email,
            granter.role,
            grant.name,
            lacking.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ")
        )));
    }
    Ok(())
}

/// A denial when `changer` would change or remove the role of someone more senior.
pub fn check_senior(
    changer: &StaffMember,
    target_email: &str,
    target_role: &str,
    target_level: i64,
) -> Result<()> {
    if target_level < changer.level {
        return Err(Error::Denied(format!(
            "{} ({}, level {}) may not change {} ({}, level {}): their role is more senior",
            changer.email, changer.role, changer.level, target_email, target_role, target_level
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn member(role: &str, level: i64, permissions: &[&str]) -> StaffMember {
        StaffMember {
            id: 1,
            email: format!("{role}@example.com"),
            name: role.into(),
            role: role.into(),
            level,
            status: "active".into(),
            permissions: permissions.iter().map(|p| p.to_string()).collect(),
        }
    }

    fn grant(name: &str, level: i64, permissions: &[&str]) -> RoleGrant {
        RoleGrant {
            name: name.into(),
            level,
            permissions: permissions.iter().map(|p| p.to_string()).collect::<BTreeSet<_>>(),
        }
    }

    #[test]
    fn a_junior_or_broader_role_is_not_the_granters_to_give() {
        let admin = member("admin", 2, &["ops.staff.edit", "bookings.refund"]);
        assert!(check_grant(&admin, &grant("agent", 5, &["bookings.refund"])).is_ok());
        assert!(check_grant(&admin, &grant("admin", 2, &["ops.staff.edit"])).is_ok());
        let senior = check_grant(&admin, &grant("super_admin", 1, &[])).unwrap_err().to_string();
        assert!(senior.contains("more senior"), "{senior}");
        let broader = check_grant(&admin, &grant("odd", 6, &["system.admin"])).unwrap_err().to_string();
        assert!(broader.contains("`system.admin`"), "{broader}");
        assert!(check_senior(&admin, "boss@example.com", "super_admin", 1).is_err());
        assert!(check_senior(&admin, "peer@example.com", "admin", 2).is_ok());
    }
}
