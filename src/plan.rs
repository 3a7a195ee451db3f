//! Plans and their steps: what the planner proposed, what the guard decided,
//! and the exact payload, stored so that it can be shown, executed or approved
//! later exactly as it was reviewed.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::catalog::{Requires, Risk};
use crate::error::Error;

/// What a planner proposes for one step, before the guard has looked at it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProposedStep {
    pub action: String,
    pub params: Value,
    /// How sure the planner is that this is what was meant, 0..1.
    pub confidence: f64,
    pub rationale: String,
    pub sources: Vec<String>,
}

/// A planner's whole answer to a prompt.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    pub planner: String,
    pub steps: Vec<ProposedStep>,
}

impl Proposal {
    /// One step naming exactly an action and its params (a playbook's
    /// `action:` step, a command such as `staff set-role`): it still passes
    /// the catalog's schema check, the guard and the payload builder.
    pub fn explicit(
        planner: &str,
        action: &str,
        params: serde_json::Value,
        rationale: String,
        sources: Vec<String>,
    ) -> Proposal {
        Proposal {
            planner: planner.to_owned(),
            steps: vec![ProposedStep {
                action: action.to_owned(),
                params,
                confidence: 1.0,
                rationale,
                sources,
            }],
        }
    }
}

/// The lifecycle of an action (DESIGN.md, "Action lifecycle").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Suggested,
    PendingConfirmation,
    PendingApproval,
    Approved,
    Executing,
    /// A pack request was sent and no answer says whether it was applied:
    /// flagged for a person, never re-sent (`execute --recover` settles it).
    Unknown,
    Succeeded,
    Failed,
    Denied,
    Expired,
    Cancelled,
    Rejected,
}

impl ActionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Suggested => "suggested",
            ActionStatus::PendingConfirmation => "pending_confirmation",
            ActionStatus::PendingApproval => "pending_approval",
            ActionStatus::Approved => "approved",
            ActionStatus::Executing => "executing",
            ActionStatus::Unknown => "unknown",
            ActionStatus::Succeeded => "succeeded",
            ActionStatus::Failed => "failed",
            ActionStatus::Denied => "denied",
            ActionStatus::Expired => "expired",
            ActionStatus::Cancelled => "cancelled",
            ActionStatus::Rejected => "rejected",
        }
    }

    pub fn parse(text: &str) -> Option<ActionStatus> {
        serde_json::from_value(Value::String(text.to_owned())).ok()
    }
}

impl fmt::Display for ActionStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `p<N>`: a plan's id as people and programs see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PlanId(pub i64);

/// `a<N>`: an action's (a stored step's) id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ActionId(pub i64);

impl fmt::Display for PlanId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "p{}", self.0)
    }
}

impl fmt::Display for ActionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a{}", self.0)
    }
}

impl Serialize for PlanId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Serialize for ActionId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// An id given on the command line: `p7`, `a42`, or a bare number (an action).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoredId {
    Plan(PlanId),
    Action(ActionId),
}

impl FromStr for StoredId {
    type Err = Error;

    fn from_str(text: &str) -> Result<StoredId, Error> {
        let text = text.trim();
        let number = |digits: &str| digits.parse::<i64>().ok().filter(|n| *n > 0);
        let parsed = match text.as_bytes().first() {
            Some(b'p' | b'P') => number(&text[1..]).map(|n| StoredId::Plan(PlanId(n))),
            Some(b'a' | b'A') => number(&text[1..]).map(|n| StoredId::Action(ActionId(n))),
            _ => number(text).map(|n| StoredId::Action(ActionId(n))),
        };
        parsed.ok_or_else(|| Error::Usage(format!("`{text}` is not a plan id (p7) or an action id (a42)")))
    }
}

impl StoredId {
    /// Whether some text looks like an id rather than a prompt.
    pub fn looks_like_id(text: &str) -> bool {
        text.parse::<StoredId>().is_ok()
    }
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// One stored step of a plan, as shown and as executed.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub action_id: ActionId,
    pub action: String,
    pub params: Value,
    pub risk: Risk,
    pub permission: String,
    pub decision: Decision,
    /// The permission whose absence denied the step.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_permission: Option<String>,
    /// Why the guard denied the step (a permission, the agent's tier, the session, a policy rule).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub denial: Option<String>,
    pub requires: Requires,
    /// Approvals needed (the catalog's one, or more by a policy rule); 0 unless `requires` is approval.
    #[serde(skip_serializing_if = "is_zero")]
    pub approvals: u32,
    pub second_factor: bool,
    /// The policy rules that matched this step when it was planned.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<String>,
    pub payload: Value,
    pub payload_hash: String,
    pub confidence: f64,
    pub rationale: String,
    pub sources: Vec<String>,
    pub status: ActionStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirmation_token: Option<String>,
    /// When the token above stops working.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_expires_at: Option<DateTime<Utc>>,
}

/// allowed | denied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    Allowed,
    Denied,
}

impl Decision {
    pub fn parse(text: &str) -> Option<Decision> {
        [Decision::Allowed, Decision::Denied].into_iter().find(|decision| decision.as_str() == text)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Allowed => "allowed",
            Decision::Denied => "denied",
        }
    }
}

/// A stored plan.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub plan_id: PlanId,
    pub prompt: String,
    pub mode: String,
    pub planner: String,
    pub requested_by: String,
    pub created_at: DateTime<Utc>,
    pub steps: Vec<Step>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_in_every_form() {
        assert_eq!("p7".parse::<StoredId>().unwrap(), StoredId::Plan(PlanId(7)));
        assert_eq!("a42".parse::<StoredId>().unwrap(), StoredId::Action(ActionId(42)));
        assert_eq!("42".parse::<StoredId>().unwrap(), StoredId::Action(ActionId(42)));
        assert!("refund booking 42".parse::<StoredId>().is_err());
        assert!("p0".parse::<StoredId>().is_err());
        assert!("p".parse::<StoredId>().is_err());
        assert!("a99999999999999999999".parse::<StoredId>().is_err());
        assert_eq!(PlanId(3).to_string(), "p3");
        assert_eq!(serde_json::to_value(ActionId(9)).unwrap(), "a9");
    }

    #[test]
    fn statuses_round_trip() {
        for status in
            [ActionStatus::PendingConfirmation, ActionStatus::PendingApproval, ActionStatus::Succeeded]
        {
            assert_eq!(ActionStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(ActionStatus::parse("nonsense"), None);
    }
}
