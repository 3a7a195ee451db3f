//! SLA answers: open complaints by state, and the compliance rate of a window.
//!
//! Compliance counts complaints opened in the window whose SLA outcome is
//! known: *met* when the first response (or, lacking one, the resolution) came
//! within the expected response time E; *missed* when it came later, or when
//! nothing has happened and the complaint is already older than E. Complaints
//! still inside E without a response are *pending* and left out of the rate.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::finding::{Finding, duration_text, listing};
use crate::sla::{SlaPolicy, SlaState};
use crate::store::ResultSet;

fn state_counts(set: &ResultSet, policy: &SlaPolicy, now: DateTime<Utc>) -> [(SlaState, i64); 3] {
    let mut counts = [(SlaState::Breached, 0), (SlaState::AtRisk, 0), (SlaState::OnTrack, 0)];
    for r in 0..set.rows.len() {
        if let Some(opened) = set.time(r, "created_at") {
            let state = policy.state_at(set.text(r, "category").unwrap_or(""), opened, now);
            if let Some(slot) = counts.iter_mut().find(|(s, _)| *s == state) {
                slot.1 += 1;
            }
        }
    }
    counts
}

fn counts_text(counts: &[(SlaState, i64); 3]) -> String {
    let words = |state: SlaState| match state {
        SlaState::Breached => "breached",
        SlaState::AtRisk => "at risk",
        SlaState::OnTrack => "on track",
    };
    listing(&counts.iter().map(|(s, n)| format!("{n} {}", words(*s))).collect::<Vec<_>>())
}

/// `complaints.sla_report`: every open complaint with its state, deadline and
/// age, breached first, then at risk (soonest deadline first), then on track.
pub fn report(set: ResultSet, params: &Value, policy: &SlaPolicy, now: DateTime<Utc>) -> Finding {
    let wanted = params.get("state").and_then(Value::as_str);
    let counts = state_counts(&set, policy, now);
    let mut rows: Vec<(SlaState, DateTime<Utc>, Vec<Value>)> = Vec::new();
    for r in 0..set.rows.len() {
        let Some(opened) = set.time(r, "created_at") else { continue };
        let category = set.text(r, "category").unwrap_or("");
        let state = policy.state_at(category, opened, now);
        if wanted.is_some_and(|w| w != state.as_str()) {
            continue;
        }
        let deadline = policy.deadline(category, opened);
        let left = deadline - now;
        let due = if left.num_seconds() >= 0 {
            format!("in {}", duration_text(left.num_seconds()))
        } else {
            format!("{} ago", duration_text(-left.num_seconds()))
        };
        rows.push((
            state,
            deadline,
            vec![
                set.get(r, "id").clone(),
                json!(state.as_str()),
                json!(due),
                json!(duration_text((now - opened).num_seconds())),
                set.get(r, "priority").clone(),
                set.get(r, "category").clone(),
                set.get(r, "status").clone(),
                set.get(r, "subject").clone(),
                set.get(r, "assigned_to").clone(),
                json!(crate::store::format_time(deadline)),
            ],
        ));
    }
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let shown = rows.len();
    let table = ResultSet {
        columns: [
            "id",
            "sla_state",
            "deadline",
            "age",
            "priority",
            "category",
            "status",
            "subject",
            "assigned_to",
            "deadline_at",
        ]
        .map(String::from)
        .to_vec(),
        rows: rows.into_iter().map(|(_, _, row)| row).collect(),
    };
    let open: i64 = counts.iter().map(|(_, n)| n).sum();
    let rule = format!(
        "E = {} for complaints, {} for refunds, at risk within {} of E",
        duration_text(policy.complaint_response.num_seconds()),
        duration_text(policy.refund_response.num_seconds()),
        duration_text(policy.buffer.num_seconds())
    );
    let summary = match wanted {
        Some(state) => format!("{shown} of {open} open complaints are {} ({rule}).", state.replace('_', " ")),
        None => format!("{open} open complaints: {} ({rule}).", counts_text(&counts)),
    };
    let mut finding = Finding::new("complaints.sla_report", summary, table);
    for (state, n) in counts {
        finding = finding.fact(state.as_str(), n);
    }
    finding.fact("open", open)
}

/// `metrics.sla`: `sets` = complaints opened in the window, open complaints now.
pub fn compliance(sets: &[ResultSet], window: &str, policy: &SlaPolicy, now: DateTime<Utc>) -> Finding {
    let created = &sets[0];
    let (mut met, mut missed, mut pending) = (0i64, 0i64, 0i64);
    for r in 0..created.rows.len() {
        let Some(opened) = created.time(r, "created_at") else { continue };
        let expected = policy.expected_response(created.text(r, "category").unwrap_or(""));
        let response = created.time(r, "first_response_at").or_else(|| created.time(r, "resolved_at"));
        match response {
            Some(at) if at - opened <= expected => met += 1,
            Some(_) => missed += 1,
            None if now - opened > expected => missed += 1,
            None => pending += 1,
        }
    }
    let decided = met + missed;
    let rate = (decided > 0).then(|| (met as f64 / decided as f64 * 1000.0).round() / 10.0);
    let counts = state_counts(&sets[1], policy, now);
    let mut summary = match rate {
        Some(rate) => format!(
            "SLA compliance in {window}: {rate}% ({met} of {decided} complaints answered within their expected response time, {missed} missed"
        ),
        None => format!("SLA compliance in {window}: no complaint with a known outcome yet ("),
    };
    summary.push_str(&format!("; {pending} still open within time). Open now: {}.", counts_text(&counts)));
    let table = ResultSet {
        columns: vec!["measure".into(), "value".into()],
        rows: vec![
            vec![json!("compliance_rate"), rate.map_or(Value::Null, |r| json!(format!("{r}%")))],
            vec![json!("met"), json!(met)],
            vec![json!("missed"), json!(missed)],
            vec![json!("pending"), json!(pending)],
            vec![json!("open_breached"), json!(counts[0].1)],
            vec![json!("open_at_risk"), json!(counts[1].1)],
            vec![json!("open_on_track"), json!(counts[2].1)],
        ],
    };
    Finding::new("metrics.sla", summary, table)
        .fact("compliance_percent", rate)
        .fact("met", met)
        .fact("missed", missed)
        .fact("pending", pending)
        .fact("open_breached", counts[0].1)
        .fact("open_at_risk", counts[1].1)
        .fact("open_on_track", counts[2].1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
    }

    fn at(minutes_ago: i64) -> Value {
        json!(crate::store::format_time(now() - Duration::minutes(minutes_ago)))
    }

    #[test]
    fn compliance_of_a_fixed_fixture_is_exact() {
        let created = ResultSet {
            columns: ["id", "category", "status", "created_at", "first_response_at", "resolved_at"]
                .map(String::from)
                .to_vec(),
            rows: vec![
                // met: answered after 90 minutes (E = 2 h)
                vec![json!(1), json!("service"), json!("resolved"), at(600), at(510), at(300)],
                // met exactly at E
                vec![json!(2), json!("service"), json!("in_progress"), at(600), at(480), Value::Null],
                // missed: answered one minute late
                vec![json!(3), json!("service"), json!("resolved"), at(600), at(479), at(100)],
                // met: refund answered after 3 h 59 m (E = 4 h), by its resolution
                vec![json!(4), json!("refund"), json!("resolved"), at(600), Value::Null, at(361)],
                // missed: still open after 2 h 1 m
                vec![json!(5), json!("payment"), json!("open"), at(121), Value::Null, Value::Null],
                // pending: open for 30 minutes
                vec![json!(6), json!("other"), json!("open"), at(30), Value::Null, Value::Null],
            ],
        };
        let open = ResultSet {
            columns: vec!["id".into(), "category".into(), "status".into(), "created_at".into()],
            rows: vec![],
        };
        let finding = compliance(&[created, open], "the window", &SlaPolicy::default(), now());
        assert_eq!(finding.facts["met"], json!(3));
        assert_eq!(finding.facts["missed"], json!(2));
        assert_eq!(finding.facts["pending"], json!(1));
        assert_eq!(finding.facts["compliance_percent"], json!(60.0));
        assert!(finding.summary.contains("60% (3 of 5"), "{}", finding.summary);
    }
}
