//! The guard: the one place that decides. Per step: allowed or denied (naming
//! why), and what the step needs before it may run. Effective rights = the
//! person's permissions ∩ the agent's tier ∩ the session's constraints (∩
//! policy rules, which only tighten). It decides; it never executes.
//! Planners are offered [`Guard::offered`] and never check anything themselves.

mod budget;
mod rules;

use std::sync::Mutex;

use serde_json::Value;

use crate::catalog::{ActionSpec, Requires};
use crate::error::{Error, Result};
use crate::identity::StaffMember;
use crate::payload::TargetRef;
use crate::plan::{ActionStatus, Decision};
use crate::policy::CapHold;
use crate::session::Session;
use crate::settings::Settings;

pub use budget::{Budget, Charge};

/// One step as the guard sees it.
#[derive(Debug, Clone, Copy)]
pub struct Step<'a> {
    pub action: &'static ActionSpec,
    /// The step's parameters, with the defaults its payload filled in.
    pub params: &'a Value,
    /// The row the step changes, when it changes one.
    pub target: Option<&'a TargetRef>,
    /// The stored action, when a stored step is decided again before it runs.
    pub action_id: Option<i64>,
}

impl<'a> Step<'a> {
    pub fn new(action: &'static ActionSpec, params: &'a Value) -> Step<'a> {
        Step { action, params, target: None, action_id: None }
    }

    pub fn target(mut self, target: Option<&'a TargetRef>) -> Step<'a> {
        self.target = target;
        self
    }

    pub fn stored(mut self, action_id: i64) -> Step<'a> {
        self.action_id = Some(action_id);
        self
    }
}

/// Needed to use opsgate's AI features at all.
pub const AI_USE: &str = "ai.use";

/// When the guard is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// A step is being planned (or a read is about to be answered).
    Plan,
    /// A stored step is about to run.
    Execute,
}

/// The guard's verdict on one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub decision: Decision,
    /// The permission whose absence denied the step.
    pub missing_permission: Option<String>,
    /// Why the step was denied, in one sentence (every denial has one).
    pub denial: Option<String>,
    pub requires: Requires,
    pub second_factor: bool,
    /// Approvals the step needs (0 unless `requires` is approval).
    pub approvals: u32,
    /// The policy rules that selected the step and whose condition held.
    pub rules: Vec<String>,
    /// Caps the transaction that runs the step checks again.
    pub holds: Vec<CapHold>,
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

    pub fn is_allowed(&self) -> bool {
        self.decision == Decision::Allowed
    }

    fn allowed(action: &ActionSpec) -> Verdict {
        Verdict {
            decision: Decision::Allowed,
            missing_permission: None,
            denial: None,
            requires: action.requires,
            second_factor: action.second_factor,
            approvals: u32::from(action.requires == Requires::Approval),
            rules: Vec::new(),
            holds: Vec::new(),
        }
    }

    fn denied(action: &ActionSpec, missing_permission: Option<String>, why: String) -> Verdict {
        Verdict {
            decision: Decision::Denied,
            missing_permission,
            denial: Some(why),
            requires: action.requires,
            second_factor: action.second_factor,
            approvals: u32::from(action.requires == Requires::Approval),
            rules: Vec::new(),
            holds: Vec::new(),
        }
    }
}

/// What a planner may offer and propose in one session (see [`Guard::offer`]).
#[derive(Debug, Clone, Default)]
pub struct Offer {
    pub tools: Vec<&'static ActionSpec>,
    refused: std::collections::HashMap<String, String>,
}

impl Offer {
    /// Why the session may not propose this action at all, if it may not.
    pub fn refuses(&self, action: &str) -> Option<&str> {
        self.refused.get(action).map(String::as_str)
    }

    /// Only these actions, as offered to a model's read-only loop.
    pub fn narrowed(&self, keep: impl Fn(&ActionSpec) -> bool) -> Offer {
        Offer {
            tools: self.tools.iter().copied().filter(|a| keep(a)).collect(),
            refused: self.refused.clone(),
        }
    }
}

/// The guard of one session.
pub struct Guard<'s> {
    session: &'s Session,
    /// The team's settings (its time zone), read once per guard.
    settings: tokio::sync::OnceCell<Settings>,
    /// Actions allowed by this guard and not stored yet: rates count them.
    decided: Mutex<Vec<&'static str>>,
}

impl<'s> Guard<'s> {
    pub fn new(session: &'s Session) -> Guard<'s> {
        Guard { session, settings: tokio::sync::OnceCell::new(), decided: Mutex::new(Vec::new()) }
    }

    /// Refuses the whole request when the person may not use the AI at all.
    pub fn require_ai_use(&self) -> Result<&'s StaffMember> {
        let person = self.session.person()?;
        require_ai_use(person)?;
        Ok(person)
    }

    /// Whether `action` may be offered to a planner in this session: the
    /// static part of [`Guard::decide`] (person, tier, constraints).
    pub fn offered(&self, action: &ActionSpec) -> bool {
        self.static_verdict(action).is_allowed()
    }

    /// Every action [`Guard::offered`] allows, in catalog order.
    pub fn offered_actions(&self) -> Vec<&'static ActionSpec> {
        self.session.catalog().actions().iter().filter(|action| self.offered(action)).collect()
    }

    /// What planners get: the actions to offer a model as tools, and the ones
    /// this session may not even propose (its agent's tier, its constraints).
    /// An action only the person lacks may still be proposed: the guard then
    /// denies it visibly, naming the permission.
    pub fn offer(&self) -> Offer {
        let mut offer = Offer::default();
        for action in self.session.catalog().actions() {
            let verdict = self.static_verdict(action);
            match (verdict.is_allowed(), verdict.missing_permission, verdict.denial) {
                (true, _, _) => offer.tools.push(action),
                (false, None, Some(why)) => {
                    offer.refused.insert(action.name.clone(), why);
                }
                _ => {}
            }
        }
        offer
    }

    /// Decides one step: [`Guard::permits`], then the policy rules. A step over
    /// a rule's rate is [`Error::RateLimited`]; a database failure is an error
    /// and nothing is allowed.
    pub async fn decide(&self, step: &Step<'_>, stage: Stage) -> Result<Verdict> {
        let verdict = self.permits(step.action, stage);
        if !verdict.is_allowed() {
            return Ok(verdict);
        }
        let verdict = self.apply_rules(step, stage, verdict).await?;
        if verdict.is_allowed() {
            self.decided.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(&step.action.name);
        }
        Ok(verdict)
    }

    /// Decides one action without its parameters or the policy rules: the
    /// person, the agent's tier and the session's constraints.
    pub fn permits(&self, action: &ActionSpec, stage: Stage) -> Verdict {
        let verdict = self.static_verdict(action);
        if !verdict.is_allowed() {
            return verdict;
        }
        let mode = self.session.constraints().mode;
        if stage == Stage::Execute && action.risk.writes() && mode < crate::session::Mode::Execute {
            return Verdict::denied(
                action,
                None,
                format!("this {} session does not execute writes", mode.as_str()),
            );
        }
        verdict
    }

    fn static_verdict(&self, action: &ActionSpec) -> Verdict {
        let Ok(person) = self.session.person() else {
            return Verdict::denied(action, None, "no person acts in this session".into());
        };
        if !person.can(&action.permission) {
            return Verdict::denied(
                action,
                Some(action.permission.clone()),
                format!("{} ({}) lacks `{}`", person.email, person.role, action.permission),
            );
        }
        if let Some(agent) = self.session.agent()
            && !agent.tier.allows(action.risk)
        {
            return Verdict::denied(
                action,
                None,
                format!(
                    "agent `{}` has the {} tier, which does not allow {} actions",
                    agent.name,
                    agent.tier.as_str(),
                    action.risk.as_str()
                ),
            );
        }
        if let Some(why) = self.session.constraints().excludes(action) {
            return Verdict::denied(action, None, why);
        }
        Verdict::allowed(action)
    }

    /// Counts guarded steps against the session's and the agent's budgets
    /// (in the database, so they hold across processes); over a budget →
    /// [`Error::RateLimited`] and nothing is counted.
    pub async fn charge(&self, charge: Charge) -> Result<()> {
        Budget::new(self.session).charge(charge).await
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

#[cfg(test)]
mod tests;
