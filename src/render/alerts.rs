//! Views of alert evaluation runs.

use std::fmt::Write;

use serde::Serialize;

use super::{Tabular, table};
use crate::alerts::{EvaluationReport, RuleStatus};
use crate::sanitize::for_terminal;

/// New and resolved alerts named one per line in the table view.
const LISTED: usize = 20;

/// `alerts evaluate`.
#[derive(Serialize)]
#[serde(transparent)]
pub struct EvaluationView(pub EvaluationReport);

impl Tabular for EvaluationView {
    fn human(&self) -> String {
        let r = &self.0;
        let mut out = format!(
            "evaluated {} rules at {}: {} alerts created, {} resolved, {} deliveries\n",
            r.rules_evaluated,
            r.evaluated_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            r.alerts_created,
            r.alerts_resolved,
            r.deliveries
        );
        let rows = r.rules.iter().map(|o| {
            let counts =
                |n: u64| if o.status == RuleStatus::Evaluated { n.to_string() } else { "–".into() };
            let status = match (o.status, &o.reason) {
                (RuleStatus::Evaluated, _) => "evaluated".to_owned(),
                (RuleStatus::Disabled, _) => "disabled".to_owned(),
                (RuleStatus::Skipped, Some(reason)) => format!("skipped: {reason}"),
                (RuleStatus::Skipped, None) => "skipped".to_owned(),
            };
            vec![
                o.rule.clone(),
                status,
                counts(o.holding),
                counts(o.created),
                counts(o.already_open),
                counts(o.resolved),
                counts(o.deliveries),
            ]
        });
        out.push_str(&table(
            &["RULE", "STATUS", "HOLDING", "CREATED", "ALREADY OPEN", "RESOLVED", "DELIVERIES"],
            rows,
        ));
        // Cron mails this: name the first few, count the rest.
        for alert in r.created.iter().take(LISTED) {
            let to = match (&alert.assigned_to, alert.notified.len()) {
                (Some(person), n) => format!("assigned to {person}, {n} told"),
                (None, 0) => "nobody subscribed".to_owned(),
                (None, n) => format!("broadcast to {n}"),
            };
            let _ = write!(out, "\n+ alert {} ({}): {} — {to}", alert.id, alert.severity, alert.title);
        }
        if r.created.len() > LISTED {
            let _ = write!(out, "\n+ {} more (--output json lists every alert)", r.created.len() - LISTED);
        }
        for alert in r.resolved.iter().take(LISTED) {
            let _ = write!(out, "\n- alert {} resolved: {}", alert.id, alert.dedup_key);
        }
        if r.resolved.len() > LISTED {
            let _ = write!(out, "\n- {} more resolved", r.resolved.len() - LISTED);
        }
        for_terminal(&out)
    }
}
