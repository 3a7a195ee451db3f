//! `ops.health`: is the database answering, is anything waiting on people,
//! and is the alert evaluator running on schedule.

use chrono::Duration;
use serde_json::{Value, json};

use super::finding::{Finding, Source, duration_text};
use crate::builtin::Rows;
use crate::store::ResultSet;

/// `rows.sets`: pending approvals, queue states, the last alert evaluation.
pub fn health(rows: &Rows<'_>) -> Finding {
    let Rows { sets, latency, backend, settings, now, .. } = *rows;
    let last_evaluation = sets.get(2).and_then(|set| set.time(0, "evaluated_at"));
    let pending = sets[0].int(0, "pending_approvals");
    let oldest = sets[0].time(0, "oldest_pending");
    let count = |status: &str| {
        let set = &sets[1];
        (0..set.rows.len())
            .filter(|r| set.text(*r, "status") == Some(status))
            .map(|r| set.int(r, "actions"))
            .sum::<i64>()
    };
    let (queued, executing, failed) = (count("approved"), count("executing"), count("failed"));
    let interval = settings
        .value("alerts.evaluation_interval_minutes")
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|m| *m > 0)
        .unwrap_or(5);
    let evaluation_late = last_evaluation.is_none_or(|at| now - at > Duration::minutes(interval * 3));
    let mut problems = Vec::new();
    if evaluation_late {
        problems.push(match last_evaluation {
            Some(at) => format!(
                "alerts were last evaluated {} ago (expected every {interval} min; check the cron job)",
                duration_text((now - at).num_seconds())
            ),
            None => "alerts have never been evaluated (schedule `opsgate alerts evaluate` every few minutes)"
                .to_owned(),
        });
    }
    if oldest.is_some_and(|at| now - at > Duration::hours(24)) {
        problems.push("an approval has waited more than 24 hours".to_owned());
    }
    let status = if problems.is_empty() { "ok" } else { "degraded" };
    let ms = (latency.as_secs_f64() * 10_000.0).round() / 10.0;
    let mut summary = format!(
        "{}: {backend} database reachable ({ms} ms); {pending} actions pending approval{}; {queued} approved actions queued, {executing} executing, {failed} failed in the last 24 h; ",
        if status == "ok" { "Healthy" } else { "Degraded" },
        oldest
            .map(|at| format!(" (oldest waiting {})", duration_text((now - at).num_seconds())))
            .unwrap_or_default(),
    );
    summary.push_str(&match last_evaluation {
        Some(at) => format!("alerts last evaluated {} ago", duration_text((now - at).num_seconds())),
        None => "alerts never evaluated".to_owned(),
    });
    summary.push('.');
    if !problems.is_empty() {
        summary.push_str(&format!(" Attention: {}.", problems.join("; ")));
    }
    let row = |check: &str, value: Value, state: &str| vec![json!(check), value, json!(state)];
    let table = ResultSet {
        columns: vec!["check".into(), "value".into(), "status".into()],
        rows: vec![
            row("database", json!(format!("{backend}, {ms} ms")), "ok"),
            row(
                "pending_approvals",
                json!(pending),
                if oldest.is_some_and(|at| now - at > Duration::hours(24)) { "attention" } else { "ok" },
            ),
            row(
                "oldest_pending",
                oldest.map_or(Value::Null, |at| json!(crate::store::format_time(at))),
                "info",
            ),
            row("queued", json!(queued), "info"),
            row("executing", json!(executing), "info"),
            row("failed_24h", json!(failed), if failed > 0 { "attention" } else { "ok" }),
            row(
                "last_alert_evaluation",
                last_evaluation.map_or(Value::Null, |at| json!(crate::store::format_time(at))),
                if evaluation_late { "attention" } else { "ok" },
            ),
        ],
    };
    let mut finding = Finding::new("ops.health", summary, table)
        .fact("status", status)
        .fact("database_ms", ms)
        .fact("pending_approvals", pending)
        .fact("oldest_pending", oldest.map(crate::store::format_time))
        .fact("queued", queued)
        .fact("executing", executing)
        .fact("failed_24h", failed)
        .fact("last_alert_evaluation", last_evaluation.map(crate::store::format_time));
    finding.sources.push(Source::Reading {
        name: "alert_evaluations".into(),
        detail: last_evaluation.map_or("never".to_owned(), crate::store::format_time),
    });
    finding
}
