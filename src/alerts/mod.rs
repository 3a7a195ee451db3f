//! Alert rules evaluated against the ops data: which conditions hold
//! ([`conditions`]), who hears about them ([`routing`]), what the alerts say
//! ([`text`]), and one idempotent evaluation run that raises, resolves, delivers
//! and records ([`evaluate()`]). `opsgate alerts evaluate` runs it from cron.

pub mod conditions;
mod evaluate;
pub mod routing;
pub mod text;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::Result;
use crate::store::Store;

pub use evaluate::evaluate;

/// What one evaluation run did.
#[derive(Debug, Clone, Serialize)]
pub struct EvaluationReport {
    /// The `alert_evaluations` row of this run.
    pub evaluation_id: i64,
    /// The instant conditions were judged at.
    pub evaluated_at: DateTime<Utc>,
    /// The audit actor id of whoever ran it (`os:<user>` for cron).
    pub evaluated_by: String,
    pub rules_evaluated: u64,
    pub alerts_created: u64,
    pub alerts_resolved: u64,
    /// People told about the new alerts (one per alert and person).
    pub deliveries: u64,
    /// Every rule, evaluated or not, in id order.
    pub rules: Vec<RuleOutcome>,
    /// The alerts this run raised.
    pub created: Vec<RaisedAlert>,
    /// The alerts this run resolved because their condition no longer holds.
    pub resolved: Vec<ResolvedAlert>,
}

impl EvaluationReport {
    /// Whether the run raised or resolved anything.
    pub fn changed(&self) -> bool {
        self.alerts_created + self.alerts_resolved > 0
    }
}

/// Whether a rule was evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleStatus {
    Evaluated,
    /// `enabled` is off: the rule and its alerts are left as they are.
    Disabled,
    /// Enabled but cannot be evaluated as configured (see `reason`).
    Skipped,
}

/// One rule's part of a run.
#[derive(Debug, Clone, Serialize)]
pub struct RuleOutcome {
    pub rule: String,
    pub condition: String,
    pub status: RuleStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Conditions that hold now (each has exactly one unresolved alert after the run).
    pub holding: u64,
    pub created: u64,
    /// Conditions that already had an unresolved alert.
    pub already_open: u64,
    pub resolved: u64,
    pub deliveries: u64,
}

impl RuleOutcome {
    fn new(rule: &crate::store::AlertRuleRow, status: RuleStatus, reason: Option<String>) -> RuleOutcome {
        RuleOutcome {
            rule: rule.name.clone(),
            condition: rule.condition.clone(),
            status,
            reason,
            holding: 0,
            created: 0,
            already_open: 0,
            resolved: 0,
            deliveries: 0,
        }
    }
}

/// An alert raised by a run.
#[derive(Debug, Clone, Serialize)]
pub struct RaisedAlert {
    pub id: i64,
    pub rule: String,
    pub severity: String,
    pub title: String,
    pub entity_type: String,
    pub entity_id: i64,
    pub dedup_key: String,
    /// The assignee's e-mail, when a person subscribed directly.
    pub assigned_to: Option<String>,
    /// E-mails of everyone told, assignee included.
    pub notified: Vec<String>,
}

/// An alert resolved by a run.
#[derive(Debug, Clone, Serialize)]
pub struct ResolvedAlert {
    pub id: i64,
    pub rule: String,
    pub dedup_key: String,
}

/// When conditions were last evaluated (by the most recently recorded run), if ever.
pub async fn last_evaluation(store: &Store) -> Result<Option<DateTime<Utc>>> {
    store.last_alert_evaluation().await
}
