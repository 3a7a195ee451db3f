//! Runs one read step: its payload's statements, then the business rules that
//! turn rows into a finding.

use std::time::Instant;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::finding::{Finding, Source};
use super::window::AnswerWindow;
use super::{health, lists, logs, metrics, queue, sla};
use crate::catalog::ActionSpec;
use crate::error::{Error, Result};
use crate::payload::Payload;
use crate::settings::Settings;
use crate::store::{ResultSet, Store};

pub async fn run(
    store: &Store,
    action: &ActionSpec,
    params: &Value,
    payload: &Payload,
    window: Option<&AnswerWindow>,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<Finding> {
    let Payload::Query { statements, .. } = payload else {
        return Err(Error::Internal(format!("`{}` is not a read", action.name)));
    };
    let started = Instant::now();
    let mut sets: Vec<ResultSet> = Vec::with_capacity(statements.len());
    for statement in statements {
        sets.push(store.query_rows(statement, now).await?);
    }
    let latency = started.elapsed();
    let sources: Vec<Source> =
        statements.iter().zip(&sets).map(|(s, set)| Source::query(&action.name, s, set.rows.len())).collect();
    let label = window.map(|w| w.describe(settings));
    let label = label.as_deref().unwrap_or("all time");
    let first = sets.first().cloned().unwrap_or_default();
    let mut finding = match action.name.as_str() {
        "metrics.revenue" => metrics::revenue(&sets, label),
        "metrics.bookings" => metrics::bookings(&sets, label),
        "metrics.complaints" => metrics::complaints(&sets, label),
        "metrics.sla" => sla::compliance(&sets, label, &settings.sla, now),
        "complaints.sla_report" => sla::report(first, params, &settings.sla, now),
        "priority_queue.list" => queue::list(first, params),
        "ops.health" => {
            let last = crate::alerts::last_evaluation(store).await?;
            health::health(&sets, latency, store.backend(), last, settings, now)
        }
        "logs.analyze" => {
            let (from, to) =
                window.map(|w| (w.from_utc, w.to_utc)).unwrap_or((DateTime::<Utc>::MIN_UTC, now));
            logs::analyze(first, label, from, to)
        }
        _ => lists::list(&action.name, params, first, window.map(|w| w.label.as_str()))?,
    };
    let mut all = sources;
    all.append(&mut finding.sources);
    finding.sources = all;
    Ok(finding)
}
