//! Alerts as the evaluator would have raised them, and who is subscribed to which rule.

use chrono::{DateTime, Duration, Utc};

use super::complaints::Complaint;
use super::directory::Directory;
use super::rng::Rng;
use super::sla::{self, SlaState};
use super::{DAY, HOUR, MINUTE, seconds_between, shift};
use crate::alerts::text;
use crate::error::Result;
use crate::store::{Tx, on_tx};

const BREACHED_ALERTS: usize = 8;
const AT_RISK_ALERTS: usize = 4;
const CRITICAL_ALERTS: usize = 4;
const RESOLVED_BREACH_ALERTS: usize = 4;

#[derive(Debug, Clone, PartialEq)]
struct Planned {
    rule_id: i64,
    severity: &'static str,
    title: String,
    message: String,
    entity_type: &'static str,
    entity_id: i64,
    dedup_key: String,
    status: &'static str,
    assigned_to: Option<i64>,
    created_at: DateTime<Utc>,
    resolved_at: Option<DateTime<Utc>>,
}

fn complaint_alert(
    rule: (i64, &'static str, &'static str),
    complaint: &Complaint,
    title: String,
    message: String,
    created_at: DateTime<Utc>,
) -> Planned {
    let (rule_id, rule_name, severity) = rule;
    Planned {
        rule_id,
        severity,
        title,
        message,
        entity_type: "complaint",
        entity_id: complaint.id,
        dedup_key: text::dedup_key(rule_name, "complaint", complaint.id),
        status: "open",
        assigned_to: None,
        created_at,
        resolved_at: None,
    }
}

fn plan(rng: &mut Rng, now: DateTime<Utc>, directory: &Directory, complaints: &[Complaint]) -> Vec<Planned> {
    let rules = directory.rules;
    let staff = directory.staff;
    let mut planned = Vec::new();
    // The evaluator runs every few minutes, so an alert follows its trigger closely.
    let evaluated =
        |rng: &mut Rng, trigger: DateTime<Utc>| shift(trigger, rng.range(MINUTE, 5 * MINUTE)).min(now);

    let open_in = |state: SlaState| {
        complaints.iter().filter(move |c| {
            c.resolved_at.is_none() && sla::state(c.category, seconds_between(c.created_at, now)) == state
        })
    };
    let breached = open_in(SlaState::Breached);
    for c in breached.take(BREACHED_ALERTS) {
        let expected = sla::expected_response(c.category);
        let mut alert = complaint_alert(
            (rules.sla_breached, "sla_breached", "critical"),
            c,
            text::sla_breached_title(c.id),
            text::sla_breached_message(
                c.category,
                c.id,
                c.priority,
                now - c.created_at,
                Duration::seconds(expected),
            ),
            evaluated(rng, shift(c.created_at, expected)),
        );
        if rng.chance(0.4) {
            alert.status = "acknowledged";
            alert.assigned_to = Some(c.assigned_to.unwrap_or(staff.senior_agent));
        }
        planned.push(alert);
    }

    let at_risk = open_in(SlaState::AtRisk);
    for c in at_risk.take(AT_RISK_ALERTS) {
        let expected = sla::expected_response(c.category);
        planned.push(complaint_alert(
            (rules.sla_at_risk, "sla_at_risk", "warning"),
            c,
            text::sla_at_risk_title(c.id),
            text::sla_at_risk_message(
                c.category,
                c.id,
                Duration::seconds(expected - seconds_between(c.created_at, now)),
            ),
            evaluated(rng, shift(c.created_at, expected - HOUR)),
        ));
    }

    let critical = complaints.iter().filter(|c| c.resolved_at.is_none() && c.priority == "critical");
    for c in critical.take(CRITICAL_ALERTS) {
        let mut alert = complaint_alert(
            (rules.critical_complaint_opened, "critical_complaint_opened", "critical"),
            c,
            text::critical_complaint_title(c.id),
            text::critical_complaint_message(c.category, c.id, &c.subject),
            evaluated(rng, c.created_at),
        );
        if c.assigned_to.is_some() {
            alert.status = "acknowledged";
            alert.assigned_to = c.assigned_to;
        }
        planned.push(alert);
    }

    // History: breaches that were answered late and have since been resolved.
    let late = complaints.iter().filter(|c| match (c.first_response_at, c.resolved_at) {
        (Some(first), Some(_)) => seconds_between(c.created_at, first) > sla::expected_response(c.category),
        _ => false,
    });
    for c in late.take(RESOLVED_BREACH_ALERTS) {
        let expected = sla::expected_response(c.category);
        let mut alert = complaint_alert(
            (rules.sla_breached, "sla_breached", "critical"),
            c,
            text::sla_breached_title(c.id),
            format!("{} complaint #{} passed its {}h response time", c.category, c.id, expected / HOUR),
            evaluated(rng, shift(c.created_at, expected)),
        );
        alert.status = "resolved";
        alert.assigned_to = c.assigned_to;
        alert.resolved_at = c.first_response_at.map(|t| t.max(alert.created_at));
        planned.push(alert);
    }

    // A past workload spike, long resolved: the threshold is 15 open items per agent.
    let spike = shift(now, -5 * DAY - rng.range(0, 6 * HOUR));
    planned.push(Planned {
        rule_id: rules.high_workload,
        severity: "warning",
        title: text::high_workload_title("agent@example.com"),
        message: "agent@example.com had 19 open items (threshold 15)".into(),
        entity_type: "staff",
        entity_id: staff.agent,
        dedup_key: text::dedup_key("high_workload", "staff", staff.agent),
        status: "resolved",
        assigned_to: Some(staff.manager),
        created_at: spike,
        resolved_at: Some(shift(spike, rng.range(3 * HOUR, 20 * HOUR))),
    });

    planned.sort_by_key(|a| a.created_at);
    planned
}

pub(super) async fn insert(
    tx: &mut Tx,
    now: DateTime<Utc>,
    directory: &Directory,
    complaints: &[Complaint],
) -> Result<u64> {
    let mut rng = Rng::new(0x5EED_0006);
    let planned = plan(&mut rng, now, directory, complaints);
    for a in &planned {
        on_tx!(tx, conn => {
            sqlx::query(
                "INSERT INTO alerts (rule_id, severity, title, message, entity_type, entity_id, dedup_key, status, \
                 assigned_to, created_at, resolved_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            )
            .bind(a.rule_id).bind(a.severity).bind(&a.title).bind(&a.message)
            .bind(a.entity_type).bind(a.entity_id).bind(&a.dedup_key).bind(a.status)
            .bind(a.assigned_to).bind(a.created_at).bind(a.resolved_at)
            .execute(&mut **conn).await?;
        });
    }

    let rules = directory.rules;
    let roles = directory.roles;
    // (rule, staff, role): managers and admins hear about the serious ones; one
    // senior agent follows at-risk items personally.
    let subscriptions = [
        (rules.sla_breached, None, Some(roles.manager)),
        (rules.critical_complaint_opened, None, Some(roles.manager)),
        (rules.high_workload, None, Some(roles.manager)),
        (rules.sla_breached, None, Some(roles.admin)),
        (rules.critical_complaint_opened, None, Some(roles.admin)),
        (rules.sla_at_risk, Some(directory.staff.senior_agent), None),
    ];
    let subscribed_at = shift(now, -30 * DAY);
    for (rule_id, staff_id, role_id) in subscriptions {
        on_tx!(tx, conn => {
            sqlx::query(
                "INSERT INTO alert_subscriptions (rule_id, staff_id, role_id, channel, created_at) \
                 VALUES ($1, $2, $3, 'cli', $4)",
            )
            .bind(rule_id).bind(staff_id).bind(role_id).bind(subscribed_at)
            .execute(&mut **conn).await?;
        });
    }
    Ok(planned.len() as u64)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::demo::data::fixtures::{complaints, directory, now};

    #[test]
    fn open_alerts_never_share_a_dedup_key() {
        let planned = plan(&mut Rng::new(0x5EED_0006), now(), &directory(), &complaints());
        let mut keys = HashSet::new();
        for a in planned.iter().filter(|a| a.status != "resolved") {
            assert!(keys.insert(a.dedup_key.clone()), "{a:?}");
        }
        for status in ["open", "acknowledged", "resolved"] {
            assert!(planned.iter().any(|a| a.status == status), "{status}");
        }
    }

    #[test]
    fn alerts_follow_their_complaints_state() {
        let complaints = complaints();
        let planned = plan(&mut Rng::new(0x5EED_0006), now(), &directory(), &complaints);
        for a in &planned {
            assert!(a.created_at <= now(), "{a:?}");
            assert_eq!(a.resolved_at.is_some(), a.status == "resolved", "{a:?}");
            if a.status == "resolved" || a.entity_type != "complaint" {
                continue;
            }
            let c = complaints.iter().find(|c| c.id == a.entity_id).unwrap();
            let state = sla::state(c.category, seconds_between(c.created_at, now()));
            let expected = match a.dedup_key.split(':').next() {
                Some("sla_breached") => Some(SlaState::Breached),
                Some("sla_at_risk") => Some(SlaState::AtRisk),
                _ => None,
            };
            if let Some(expected) = expected {
                assert_eq!(state, expected, "{a:?}");
            }
            assert!(a.dedup_key.ends_with(&format!(":complaint:{}", c.id)), "{a:?}");
        }
    }
}
