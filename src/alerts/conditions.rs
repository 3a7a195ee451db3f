//! Which conditions hold right now: each built-in rule condition judged against
//! one snapshot of the open complaints. Pure; the evaluator does the writing.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};

use super::text;
use crate::sla::{SlaPolicy, SlaState};
use crate::store::{AlertRuleRow, AlertStaffRow, OpenComplaintRow};

/// The conditions opsgate knows how to check (`alert_rules.condition`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    /// An open complaint is older than its expected response time.
    SlaBreached,
    /// An open complaint is within the buffer of its expected response time.
    SlaAtRisk,
    /// An open complaint has critical priority.
    CriticalComplaintOpened,
    /// A staff member has more open complaints assigned than the rule's threshold.
    HighWorkload,
}

impl Condition {
    pub fn parse(name: &str) -> Option<Condition> {
        match name {
            "sla_breached" => Some(Condition::SlaBreached),
            "sla_at_risk" => Some(Condition::SlaAtRisk),
            "critical_complaint_opened" => Some(Condition::CriticalComplaintOpened),
            "high_workload" => Some(Condition::HighWorkload),
            _ => None,
        }
    }
}

/// A condition that holds for one entity: the alert it deserves.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub entity_type: &'static str,
    pub entity_id: i64,
    pub dedup_key: String,
    pub title: String,
    pub message: String,
}

/// What the conditions are judged on, read once per run.
pub struct Snapshot<'a> {
    pub now: DateTime<Utc>,
    pub policy: SlaPolicy,
    pub open_complaints: &'a [OpenComplaintRow],
    pub staff: &'a [AlertStaffRow],
}

/// Everything `rule` finds in the snapshot, in entity order; `Err` says why the
/// rule cannot be evaluated as configured (unknown condition, missing threshold).
pub fn findings(rule: &AlertRuleRow, snapshot: &Snapshot) -> Result<Vec<Finding>, String> {
    let condition = Condition::parse(&rule.condition)
        .ok_or_else(|| format!("unknown condition `{}`; nothing was checked", rule.condition))?;
    let complaint = |c: &OpenComplaintRow, title: String, message: String| Finding {
        entity_type: "complaint",
        entity_id: c.id,
        dedup_key: text::dedup_key(&rule.name, "complaint", c.id),
        title,
        message,
    };
    let policy = &snapshot.policy;
    let now = snapshot.now;
    let in_state = |state: SlaState| {
        snapshot
            .open_complaints
            .iter()
            .filter(move |c| policy.state_at(&c.category, c.created_at, now) == state)
    };
    Ok(match condition {
        Condition::SlaBreached => in_state(SlaState::Breached)
            .map(|c| {
                let message = text::sla_breached_message(
                    &c.category,
                    c.id,
                    &c.priority,
                    now - c.created_at,
                    policy.expected_response(&c.category),
                );
                complaint(c, text::sla_breached_title(c.id), message)
            })
            .collect(),
        Condition::SlaAtRisk => in_state(SlaState::AtRisk)
            .map(|c| {
                let remaining = policy.deadline(&c.category, c.created_at) - now;
                let message = text::sla_at_risk_message(&c.category, c.id, remaining);
                complaint(c, text::sla_at_risk_title(c.id), message)
            })
            .collect(),
        Condition::CriticalComplaintOpened => snapshot
            .open_complaints
            .iter()
            .filter(|c| c.priority == "critical")
            .map(|c| {
                let message = text::critical_complaint_message(&c.category, c.id, &c.subject);
                complaint(c, text::critical_complaint_title(c.id), message)
            })
            .collect(),
        Condition::HighWorkload => {
            let threshold = rule
                .threshold
                .filter(|t| t.is_finite())
                .ok_or_else(|| "has no threshold; set one to open complaints per person".to_owned())?;
            high_workload(rule, threshold, snapshot)
        }
    })
}

fn high_workload(rule: &AlertRuleRow, threshold: f64, snapshot: &Snapshot) -> Vec<Finding> {
    let mut open: BTreeMap<i64, u64> = BTreeMap::new();
    for staff_id in snapshot.open_complaints.iter().filter_map(|c| c.assigned_to) {
        *open.entry(staff_id).or_default() += 1;
    }
    let emails: HashMap<i64, &str> = snapshot.staff.iter().map(|s| (s.id, s.email.as_str())).collect();
    open.into_iter()
        .filter(|&(_, count)| count as f64 > threshold)
        .map(|(staff_id, count)| {
            let fallback = format!("staff #{staff_id}");
            let email = emails.get(&staff_id).copied().unwrap_or(&fallback);
            Finding {
                entity_type: "staff",
                entity_id: staff_id,
                dedup_key: text::dedup_key(&rule.name, "staff", staff_id),
                title: text::high_workload_title(email),
                message: text::high_workload_message(email, count, threshold),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
    }

    fn rule(name: &str, threshold: Option<f64>) -> AlertRuleRow {
        AlertRuleRow {
            id: 1,
            name: name.into(),
            condition: name.into(),
            threshold,
            severity: "warning".into(),
            enabled: true,
        }
    }

    fn complaint(
        id: i64,
        category: &str,
        priority: &str,
        age_minutes: i64,
        assigned_to: Option<i64>,
    ) -> OpenComplaintRow {
        OpenComplaintRow {
            id,
            category: category.into(),
            priority: priority.into(),
            subject: format!("subject {id}"),
            assigned_to,
            created_at: now() - Duration::minutes(age_minutes),
        }
    }

    fn staff() -> Vec<AlertStaffRow> {
        vec![AlertStaffRow { id: 5, email: "agent@example.com".into(), role_id: 1, status: "active".into() }]
    }

    fn keys(rule_row: &AlertRuleRow, complaints: &[OpenComplaintRow]) -> Vec<String> {
        let staff = staff();
        let snapshot =
            Snapshot { now: now(), policy: SlaPolicy::default(), open_complaints: complaints, staff: &staff };
        findings(rule_row, &snapshot).unwrap().into_iter().map(|f| f.dedup_key).collect()
    }

    #[test]
    fn sla_rules_follow_the_policy_with_breached_checked_first() {
        let complaints = [
            complaint(1, "service", "low", 30, None),   // on track
            complaint(2, "service", "low", 90, None),   // at risk (E − B = 60 min)
            complaint(3, "service", "high", 150, None), // breached (E = 120 min)
            complaint(4, "refund", "low", 150, None),   // on track (E = 4 h)
            complaint(5, "refund", "low", 200, None),   // at risk
            complaint(6, "refund", "low", 300, None),   // breached
        ];
        assert_eq!(
            keys(&rule("sla_breached", None), &complaints),
            ["sla_breached:complaint:3", "sla_breached:complaint:6"]
        );
        assert_eq!(
            keys(&rule("sla_at_risk", None), &complaints),
            ["sla_at_risk:complaint:2", "sla_at_risk:complaint:5"]
        );
    }

    #[test]
    fn messages_say_how_long_and_how_much_is_left() {
        let complaints =
            [complaint(2, "service", "low", 90, None), complaint(3, "service", "high", 150, None)];
        let staff = staff();
        let snapshot = Snapshot {
            now: now(),
            policy: SlaPolicy::default(),
            open_complaints: &complaints,
            staff: &staff,
        };
        let at_risk = findings(&rule("sla_at_risk", None), &snapshot).unwrap();
        assert_eq!(at_risk[0].message, "service complaint #2 is due for a first response within 30m");
        let breached = findings(&rule("sla_breached", None), &snapshot).unwrap();
        assert_eq!(breached[0].title, "SLA breached: complaint #3");
        assert_eq!(
            breached[0].message,
            "service complaint #3 (high) has waited 2h 30m for a first response; expected within 2h"
        );
    }

    #[test]
    fn critical_complaints_get_one_finding_each() {
        let complaints =
            [complaint(1, "payment", "critical", 5, None), complaint(2, "payment", "high", 5, None)];
        assert_eq!(
            keys(&rule("critical_complaint_opened", None), &complaints),
            ["critical_complaint_opened:complaint:1"]
        );
    }

    #[test]
    fn workload_counts_open_complaints_per_person_over_the_threshold() {
        let mut complaints: Vec<_> = (1..=3).map(|id| complaint(id, "other", "low", 5, Some(5))).collect();
        complaints.push(complaint(9, "other", "low", 5, Some(6)));
        assert_eq!(keys(&rule("high_workload", Some(2.0)), &complaints), ["high_workload:staff:5"]);
        assert!(
            keys(&rule("high_workload", Some(3.0)), &complaints).is_empty(),
            "over, not at, the threshold"
        );
        let staff = staff();
        let snapshot = Snapshot {
            now: now(),
            policy: SlaPolicy::default(),
            open_complaints: &complaints,
            staff: &staff,
        };
        let found = findings(&rule("high_workload", Some(2.0)), &snapshot).unwrap();
        assert_eq!(found[0].message, "agent@example.com has 3 open complaints (threshold 2)");
        assert!(findings(&rule("high_workload", None), &snapshot).is_err());
    }

    #[test]
    fn unknown_conditions_are_reported_not_guessed() {
        let staff = staff();
        let snapshot =
            Snapshot { now: now(), policy: SlaPolicy::default(), open_complaints: &[], staff: &staff };
        let mut custom = rule("custom", None);
        custom.condition = "disk_full".into();
        assert!(findings(&custom, &snapshot).unwrap_err().contains("disk_full"));
    }
}
