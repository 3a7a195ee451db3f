//! The guard: per step, allowed or denied (naming the missing permission), and
//! what the step needs before it may run. It decides; it never executes.

use crate::catalog::{ActionSpec, Requires};
use crate::error::{Error, Result};
use crate::identity::StaffMember;
use crate::plan::{ActionStatus, Decision};

/// Needed to use opsgate's AI features at all.
pub const AI_USE: &str = "ai.use";

/// The guard's verdict on one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub decision: Decision,
    pub missing_permission: Option<String>,
    pub requires: Requires,
    pub second_factor: bool,
}

impl Verdict {
    /// The status a step starts in.
    pub fn initial_status(&self) -> ActionStatus {
        match (self.decision, self.requires) {
            (Decision::Denied, _) => ActionStatus::Denied,
            (Decision::Allowed, Requires::None) => ActionStatus::Suggested,
            (Decision::Allowed, Requires::Confirm) => ActionStatus::PendingConfirmation,
            (Decision::Allowed, Requires::Approval) => ActionStatus::PendingApproval,
        }
    }
}

/// Refuses the whole request when the person may not use the AI at all.
pub fn require_ai_use(person: &StaffMember) -> Result<()> {
    if person.can(AI_USE) {
        Ok(())
    } else {
        Err(Error::Denied(format!(
            "{} ({}) lacks the permission `{AI_USE}` needed to use opsgate's AI features",
            person.email, person.role
        )))
    }
}

/// Decides one step for one person.
pub fn decide(person: &StaffMember, action: &ActionSpec) -> Verdict {
    let allowed = person.can(&action.permission);
    Verdict {
        decision: if allowed { Decision::Allowed } else { Decision::Denied },
        missing_permission: (!allowed).then(|| action.permission.clone()),
        requires: action.requires,
        second_factor: action.second_factor,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::rbac::ResolvedSeed;

    fn person(role: &str) -> StaffMember {
        let seed = ResolvedSeed::builtin();
        let role = seed.roles.iter().find(|r| r.name == role).unwrap();
        StaffMember {
            id: 1,
            email: format!("{}@example.com", role.name),
            name: role.name.clone(),
            role: role.name.clone(),
            level: role.level,
            status: "active".into(),
            permissions: role.permissions.clone(),
        }
    }

    #[test]
    fn a_viewer_may_not_refund_and_is_told_why() {
        let refund = Catalog::builtin().get("bookings.refund").unwrap();
        let verdict = decide(&person("viewer"), refund);
        assert_eq!(verdict.decision, Decision::Denied);
        assert_eq!(verdict.missing_permission.as_deref(), Some("bookings.refund"));
        assert_eq!(verdict.initial_status(), ActionStatus::Denied);
    }

    #[test]
    fn a_senior_agent_may_refund_with_approval_and_a_second_factor() {
        let refund = Catalog::builtin().get("bookings.refund").unwrap();
        let verdict = decide(&person("senior_agent"), refund);
        assert_eq!(verdict.decision, Decision::Allowed);
        assert_eq!(verdict.requires, Requires::Approval);
        assert!(verdict.second_factor);
        assert_eq!(verdict.initial_status(), ActionStatus::PendingApproval);
    }

    #[test]
    fn inactive_people_hold_nothing() {
        let mut admin = person("admin");
        admin.status = "inactive".into();
        assert!(require_ai_use(&admin).is_err());
        let cancel = Catalog::builtin().get("bookings.cancel").unwrap();
        assert_eq!(decide(&admin, cancel).decision, Decision::Denied);
    }
}
