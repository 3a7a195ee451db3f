//! One evaluation run: judge every enabled rule, raise alerts for conditions
//! without one, resolve alerts whose condition is gone, tell subscribers, record
//! the run and audit it — all in one transaction, so that a run either happened
//! completely or not at all, and overlapping runs (cron) take turns.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde_json::json;

use super::conditions::{Snapshot, findings};
use super::routing::route;
use super::{EvaluationReport, RaisedAlert, ResolvedAlert, RuleOutcome, RuleStatus};
use crate::audit::{Actor, Event, NewAuditEntry, Outcome};
use crate::error::Result;
use crate::sla::SlaPolicy;
use crate::store::{NewAlert, NewEvaluation, Store};
use crate::time::{now_micros, truncate_micros};

/// Evaluates every enabled alert rule as of `now` and commits the outcome with
/// one `alerts.evaluated` audit entry (fail closed: no entry, no alerts).
///
/// Idempotent: a condition that already has an unresolved alert gets no second
/// one (the dedup key is `{rule}:{entity_type}:{entity_id}`), so a second run at
/// the same `now` raises and resolves nothing — it only records that it ran.
/// Alerts of an evaluated rule whose condition no longer holds (the complaint was
/// resolved, or moved on from at risk to breached) are resolved; alerts of
/// disabled rules are left alone.
pub async fn evaluate(store: &Store, actor: Actor, now: DateTime<Utc>) -> Result<EvaluationReport> {
    let started_at = now_micros();
    let now = truncate_micros(now);
    let policy = SlaPolicy::from_config(&store.config_values().await?);

    let mut tx = store.begin().await?;
    // Everything below reads after any overlapping run has committed.
    tx.lock_alert_evaluation().await?;
    let rules = tx.alert_rules().await?;
    let open_complaints = tx.open_complaints().await?;
    let staff = tx.alert_staff().await?;
    let subscriptions = tx.alert_subscriptions().await?;
    let unresolved = tx.unresolved_alerts().await?;

    let snapshot = Snapshot { now, policy, open_complaints: &open_complaints, staff: &staff };
    let emails: HashMap<i64, &str> = staff.iter().map(|s| (s.id, s.email.as_str())).collect();
    let email_of = |id: i64| emails.get(&id).map_or_else(|| format!("staff #{id}"), |e| (*e).to_owned());
    let open_keys: HashSet<&str> = unresolved.iter().filter_map(|a| a.dedup_key.as_deref()).collect();

    let mut outcomes = Vec::with_capacity(rules.len());
    let mut created = Vec::new();
    let mut resolved = Vec::new();
    for rule in &rules {
        if !rule.enabled {
            outcomes.push(RuleOutcome::new(rule, RuleStatus::Disabled, None));
            continue;
        }
        let found = match findings(rule, &snapshot) {
            Ok(found) => found,
            Err(reason) => {
                outcomes.push(RuleOutcome::new(rule, RuleStatus::Skipped, Some(reason)));
                continue;
            }
        };
        let mut outcome = RuleOutcome::new(rule, RuleStatus::Evaluated, None);
        outcome.holding = found.len() as u64;

        let holding: HashSet<&str> = found.iter().map(|f| f.dedup_key.as_str()).collect();
        for alert in unresolved.iter().filter(|a| a.rule_id == Some(rule.id)) {
            let Some(key) = alert.dedup_key.as_deref() else { continue };
            if !holding.contains(key) && tx.resolve_alert(alert.id, now).await? {
                outcome.resolved += 1;
                resolved.push(ResolvedAlert {
                    id: alert.id,
                    rule: rule.name.clone(),
                    dedup_key: key.to_owned(),
                });
            }
        }

        let routing = route(rule.id, &subscriptions, &staff);
        for finding in found {
            if open_keys.contains(finding.dedup_key.as_str()) {
                outcome.already_open += 1;
                continue;
            }
            let alert = NewAlert {
                rule_id: rule.id,
                severity: rule.severity.clone(),
                title: finding.title,
                message: finding.message,
                entity_type: finding.entity_type,
                entity_id: finding.entity_id,
                dedup_key: finding.dedup_key,
                assigned_to: routing.assigned_to,
                created_at: now,
            };
            // The unique index has the last word, should anything have slipped past the lock.
            let Some(alert_id) = tx.insert_alert(&alert).await? else {
                outcome.already_open += 1;
                continue;
            };
            let mut notified = Vec::new();
            for recipient in &routing.recipients {
                let (staff_id, subscription, channel) =
                    (recipient.staff_id, Some(recipient.subscription_id), recipient.channel.as_str());
                if tx.insert_alert_delivery(alert_id, staff_id, subscription, channel, now).await? {
                    outcome.deliveries += 1;
                    notified.push(email_of(staff_id));
                }
            }
            outcome.created += 1;
            created.push(RaisedAlert {
                id: alert_id,
                rule: rule.name.clone(),
                severity: alert.severity,
                title: alert.title,
                entity_type: alert.entity_type.to_owned(),
                entity_id: alert.entity_id,
                dedup_key: alert.dedup_key,
                assigned_to: alert.assigned_to.map(email_of),
                notified,
            });
        }
        outcomes.push(outcome);
    }

    let evaluated: Vec<&RuleOutcome> =
        outcomes.iter().filter(|o| o.status == RuleStatus::Evaluated).collect();
    let mut report = EvaluationReport {
        evaluation_id: 0,
        evaluated_at: now,
        evaluated_by: actor.id.clone(),
        rules_evaluated: evaluated.len() as u64,
        alerts_created: created.len() as u64,
        alerts_resolved: resolved.len() as u64,
        deliveries: evaluated.iter().map(|o| o.deliveries).sum(),
        rules: Vec::new(),
        created,
        resolved,
    };
    report.evaluation_id = tx
        .record_alert_evaluation(&NewEvaluation {
            evaluated_at: now,
            started_at,
            finished_at: now_micros(),
            rules_evaluated: report.rules_evaluated,
            alerts_created: report.alerts_created,
            alerts_resolved: report.alerts_resolved,
            deliveries: report.deliveries,
            evaluated_by: actor.id.clone(),
        })
        .await?;
    let per_rule = |count: fn(&RuleOutcome) -> u64| -> serde_json::Map<String, serde_json::Value> {
        evaluated.iter().map(|o| (o.rule.clone(), json!(count(o)))).collect()
    };
    let audit = NewAuditEntry::new(actor, Event::AlertsEvaluated, if report.changed() { Outcome::Succeeded } else { Outcome::Unchanged })
        .payload(json!({"evaluated_at": now}))
        .result(json!({
            "evaluation_id": report.evaluation_id,
            "rules_evaluated": report.rules_evaluated,
            "alerts_created": report.alerts_created,
            "alerts_resolved": report.alerts_resolved,
            "deliveries": report.deliveries,
            "created_by_rule": per_rule(|o| o.created),
            "resolved_by_rule": per_rule(|o| o.resolved),
            "skipped": outcomes.iter().filter(|o| o.status == RuleStatus::Skipped).map(|o| &o.rule).collect::<Vec<_>>(),
        }));
    tx.append_audit(&[audit]).await?;
    tx.commit().await?;
    report.rules = outcomes;
    Ok(report)
}
