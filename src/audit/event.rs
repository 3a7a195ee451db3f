//! Every audit event opsgate writes, and the outcome each entry records,
//! named once. The log stores their text; code only ever uses the enums, so a
//! typo is a compile error and `audit query --event` can list what exists.

use serde::{Deserialize, Serialize};

macro_rules! named {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant,)+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &[$name] = &[$($name::$variant,)+];

            /// The text stored in the audit log.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            pub fn parse(text: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|value| value.as_str() == text)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

named! {
    /// What an audit entry records.
    Event {
        ActionClaimLost => "action.claim_lost",
        ActionExecuted => "action.executed",
        ActionExecuting => "action.executing",
        ActionFailed => "action.failed",
        ActionQueued => "action.queued",
        ActionRecovered => "action.recovered",
        ActionSettled => "action.settled",
        ActionStale => "action.stale",
        ActionUnknown => "action.unknown",
        ActionWithdrawn => "action.withdrawn",
        AgentCredentialIssued => "agent.credential_issued",
        AgentCredentialRevoked => "agent.credential_revoked",
        AgentDisabled => "agent.disabled",
        AgentRegistered => "agent.registered",
        AlertsEvaluated => "alerts.evaluated",
        ApprovalDenied => "approval.denied",
        ApprovalGranted => "approval.granted",
        ApprovalInsufficient => "approval.insufficient",
        ApprovalInvalid => "approval.invalid",
        ApprovalRefused => "approval.refused",
        ApprovalRejected => "approval.rejected",
        AskAnswered => "ask.answered",
        AuthRejected => "auth.rejected",
        AskDenied => "ask.denied",
        AskOverBudget => "ask.over_budget",
        AskRefused => "ask.refused",
        AskUnplannable => "ask.unplannable",
        DemoCreate => "demo.create",
        DocsAdd => "docs.add",
        ExecuteBlocked => "execute.blocked",
        ExecuteDeclined => "execute.declined",
        ExecuteDenied => "execute.denied",
        ExecuteRateLimited => "execute.rate_limited",
        ExecuteRefused => "execute.refused",
        LlmRequest => "llm.request",
        McpCall => "mcp.call",
        PlanConflict => "plan.conflict",
        PlanCreated => "plan.created",
        PlanDenied => "plan.denied",
        PlanDryRun => "plan.dry_run",
        PlanFailed => "plan.failed",
        PlanOverBudget => "plan.over_budget",
        PlanRateLimited => "plan.rate_limited",
        PlanUnplannable => "plan.unplannable",
        PackAdded => "pack.added",
        PackRemoved => "pack.removed",
        PlaybookFinished => "playbook.finished",
        PlaybookLockRecovered => "playbook.lock_recovered",
        PlaybookLocked => "playbook.locked",
        PlaybookStarted => "playbook.started",
        PlaybookStep => "playbook.step",
        PolicyApplied => "policy.applied",
        PolicyDenied => "policy.denied",
        PolicyInvalid => "policy.invalid",
        SeedRbac => "seed.rbac",
        StaffAdd => "staff.add",
        StaffEnrolmentCountersigned => "staff.enrolment_countersigned",
        StaffEnrolmentRejected => "staff.enrolment_rejected",
        StaffInvited => "staff.invited",
        StaffKeyRevoked => "staff.key_revoked",
        StaffKeygen => "staff.keygen",
        StaffSetRole => "staff.set_role",
        StaffTotpEnrolled => "staff.totp_enrolled",
        StaffTotpPending => "staff.totp_pending",
        StepDenied => "step.denied",
        StepPlanned => "step.planned",
        TokenRejected => "token.rejected",
        TotpRejected => "totp.rejected",
    }
}

named! {
    /// How the thing an entry records turned out.
    Outcome {
        Succeeded => "succeeded",
        Failed => "failed",
        Denied => "denied",
        Refused => "refused",
        Blocked => "blocked",
        Rejected => "rejected",
        Queued => "queued",
        Running => "running",
        Unchanged => "unchanged",
        Suggested => "suggested",
        PendingConfirmation => "pending_confirmation",
        PendingApproval => "pending_approval",
        Approved => "approved",
        Executing => "executing",
        Expired => "expired",
        Cancelled => "cancelled",
        Declined => "declined",
        Skipped => "skipped",
        Waiting => "waiting",
        RateLimited => "rate_limited",
        Unknown => "unknown",
    }
}

impl From<crate::plan::ActionStatus> for Outcome {
    fn from(status: crate::plan::ActionStatus) -> Outcome {
        use crate::plan::ActionStatus;
        match status {
            ActionStatus::Suggested => Outcome::Suggested,
            ActionStatus::PendingConfirmation => Outcome::PendingConfirmation,
            ActionStatus::PendingApproval => Outcome::PendingApproval,
            ActionStatus::Approved => Outcome::Approved,
            ActionStatus::Executing => Outcome::Executing,
            ActionStatus::Unknown => Outcome::Unknown,
            ActionStatus::Succeeded => Outcome::Succeeded,
            ActionStatus::Failed => Outcome::Failed,
            ActionStatus::Denied => Outcome::Denied,
            ActionStatus::Expired => Outcome::Expired,
            ActionStatus::Cancelled => Outcome::Cancelled,
            ActionStatus::Rejected => Outcome::Rejected,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_parse_back() {
        for event in Event::ALL {
            assert_eq!(Event::parse(event.as_str()), Some(*event));
            assert_eq!(serde_json::to_value(event).unwrap(), event.as_str());
        }
        let texts: std::collections::HashSet<_> = Event::ALL.iter().map(|e| e.as_str()).collect();
        assert_eq!(texts.len(), Event::ALL.len());
        for outcome in Outcome::ALL {
            assert_eq!(Outcome::parse(outcome.as_str()), Some(*outcome));
        }
    }
}
