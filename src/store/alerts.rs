//! Alert rules, the rows they are judged on, and the alerts, deliveries and
//! evaluation runs they produce. Everything the evaluator writes goes through
//! one transaction ([`Tx`]); only the last run's time is read on its own.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Store, Tx, on_pool, on_tx};
use crate::error::Result;
use crate::sla::OPEN_STATUSES;

/// Arbitrary, fixed key of the advisory lock that serializes evaluation runs on PostgreSQL.
const EVALUATION_LOCK_KEY: i64 = 0x6f70_7367_6174_6502; // "opsgate\x02"

/// An alert rule as configured in `alert_rules`.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct AlertRuleRow {
    pub id: i64,
    pub name: String,
    /// Which built-in condition the rule checks (`sla_breached`, `high_workload`, …).
    pub condition: String,
    pub threshold: Option<f64>,
    pub severity: String,
    pub enabled: bool,
}

/// A complaint still waiting on the team (status in [`OPEN_STATUSES`]).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OpenComplaintRow {
    pub id: i64,
    pub category: String,
    pub priority: String,
    pub subject: String,
    pub assigned_to: Option<i64>,
    pub created_at: DateTime<Utc>,
}

/// A staff member as alert routing sees them.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AlertStaffRow {
    pub id: i64,
    pub email: String,
    pub role_id: i64,
    pub status: String,
}

/// A subscription of a staff member (`staff_id`) or a whole role (`role_id`) to a rule.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AlertSubscriptionRow {
    pub id: i64,
    pub rule_id: i64,
    pub staff_id: Option<i64>,
    pub role_id: Option<i64>,
    pub channel: String,
}

/// An alert that is open or acknowledged.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UnresolvedAlertRow {
    pub id: i64,
    pub rule_id: Option<i64>,
    pub dedup_key: Option<String>,
}

/// An alert about to be raised.
#[derive(Debug, Clone)]
pub struct NewAlert {
    pub rule_id: i64,
    pub severity: String,
    pub title: String,
    pub message: String,
    pub entity_type: &'static str,
    pub entity_id: i64,
    pub dedup_key: String,
    pub assigned_to: Option<i64>,
    pub created_at: DateTime<Utc>,
}

/// One finished evaluation run.
#[derive(Debug, Clone)]
pub struct NewEvaluation {
    pub evaluated_at: DateTime<Utc>,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub rules_evaluated: u64,
    pub alerts_created: u64,
    pub alerts_resolved: u64,
    pub deliveries: u64,
    pub evaluated_by: String,
}

impl Tx {
    /// Makes overlapping evaluation runs take turns, so that the second one sees
    /// what the first committed. SQLite's `BEGIN IMMEDIATE` already did that.
    pub async fn lock_alert_evaluation(&mut self) -> Result<()> {
        if let Tx::Postgres(tx) = self {
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(EVALUATION_LOCK_KEY)
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }

    /// Every alert rule, enabled or not, in id order.
    pub async fn alert_rules(&mut self) -> Result<Vec<AlertRuleRow>> {
        Ok(on_tx!(self, tx => {
            sqlx::query_as("SELECT id, name, condition, threshold, severity, enabled FROM alert_rules ORDER BY id")
                .fetch_all(&mut **tx).await?
        }))
    }

    /// Every open complaint, oldest first.
    pub async fn open_complaints(&mut self) -> Result<Vec<OpenComplaintRow>> {
        let [a, b, c] = OPEN_STATUSES;
        Ok(on_tx!(self, tx => {
            sqlx::query_as(
                "SELECT id, category, priority, subject, assigned_to, created_at FROM complaints \
                 WHERE status IN ($1, $2, $3) ORDER BY id",
            )
            .bind(a).bind(b).bind(c)
            .fetch_all(&mut **tx).await?
        }))
    }

    /// Every staff member, active or not, in id order.
    pub async fn alert_staff(&mut self) -> Result<Vec<AlertStaffRow>> {
        Ok(on_tx!(self, tx => {
            sqlx::query_as("SELECT id, email, role_id, status FROM staff ORDER BY id").fetch_all(&mut **tx).await?
        }))
    }

    /// Every alert subscription, oldest first.
    pub async fn alert_subscriptions(&mut self) -> Result<Vec<AlertSubscriptionRow>> {
        Ok(on_tx!(self, tx => {
            sqlx::query_as("SELECT id, rule_id, staff_id, role_id, channel FROM alert_subscriptions ORDER BY id")
                .fetch_all(&mut **tx).await?
        }))
    }

    /// Every alert that is not resolved yet.
    pub async fn unresolved_alerts(&mut self) -> Result<Vec<UnresolvedAlertRow>> {
        Ok(on_tx!(self, tx => {
            sqlx::query_as("SELECT id, rule_id, dedup_key FROM alerts WHERE status <> 'resolved' ORDER BY id")
                .fetch_all(&mut **tx).await?
        }))
    }

    /// Raises an alert; `None` when an unresolved alert with the same dedup key
    /// already exists (the partial unique index `alerts_open_dedup` decides).
    pub async fn insert_alert(&mut self, alert: &NewAlert) -> Result<Option<i64>> {
        Ok(on_tx!(self, tx => {
            sqlx::query_scalar(
                "INSERT INTO alerts (rule_id, severity, title, message, entity_type, entity_id, dedup_key, status, \
                 assigned_to, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9) \
                 ON CONFLICT (dedup_key) WHERE status <> 'resolved' DO NOTHING RETURNING id",
            )
            .bind(alert.rule_id).bind(&alert.severity).bind(&alert.title).bind(&alert.message)
            .bind(alert.entity_type).bind(alert.entity_id).bind(&alert.dedup_key)
            .bind(alert.assigned_to).bind(alert.created_at)
            .fetch_optional(&mut **tx).await?
        }))
    }

    /// Resolves an alert whose condition no longer holds; `false` if it already was.
    pub async fn resolve_alert(&mut self, alert_id: i64, at: DateTime<Utc>) -> Result<bool> {
        let changed = on_tx!(self, tx => {
            sqlx::query("UPDATE alerts SET status = 'resolved', resolved_at = $1 WHERE id = $2 AND status <> 'resolved'")
                .bind(at).bind(alert_id)
                .execute(&mut **tx).await?.rows_affected()
        });
        Ok(changed == 1)
    }

    /// Records that a staff member was told about an alert; `false` if they already were.
    pub async fn insert_alert_delivery(
        &mut self,
        alert_id: i64,
        staff_id: i64,
        subscription_id: Option<i64>,
        channel: &str,
        at: DateTime<Utc>,
    ) -> Result<bool> {
        let inserted = on_tx!(self, tx => {
            sqlx::query(
                "INSERT INTO opsgate_alert_deliveries (alert_id, staff_id, subscription_id, channel, created_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (alert_id, staff_id) DO NOTHING",
            )
            .bind(alert_id).bind(staff_id).bind(subscription_id).bind(channel).bind(at)
            .execute(&mut **tx).await?.rows_affected()
        });
        Ok(inserted == 1)
    }

    /// Stores one evaluation run and returns its id.
    pub async fn record_alert_evaluation(&mut self, run: &NewEvaluation) -> Result<i64> {
        let count = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        Ok(on_tx!(self, tx => {
            sqlx::query_scalar(
                "INSERT INTO opsgate_alert_evaluations (evaluated_at, started_at, finished_at, rules_evaluated, alerts_created, \
                 alerts_resolved, deliveries, evaluated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            )
            .bind(run.evaluated_at).bind(run.started_at).bind(run.finished_at)
            .bind(count(run.rules_evaluated)).bind(count(run.alerts_created))
            .bind(count(run.alerts_resolved)).bind(count(run.deliveries)).bind(&run.evaluated_by)
            .fetch_one(&mut **tx).await?
        }))
    }
}

impl Store {
    /// The instant the most recently recorded evaluation judged its conditions at.
    pub async fn last_alert_evaluation(&self) -> Result<Option<DateTime<Utc>>> {
        Ok(on_pool!(self, pool => {
            sqlx::query_scalar("SELECT evaluated_at FROM opsgate_alert_evaluations ORDER BY id DESC LIMIT 1")
                .fetch_optional(pool).await?
        }))
    }
}
