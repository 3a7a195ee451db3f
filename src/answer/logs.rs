//! `logs.analyze`: denied, failed and error audit events over a window —
//! totals, the top events and actors, and spikes.
//!
//! A spike is an hour (a day, for windows over three days) with at least five
//! events and at least three times the median of the buckets that had any.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, DurationRound, Utc};
use serde_json::json;

use super::finding::{Finding, listing};
use crate::payload::LOGS_ANALYZED;
use crate::store::ResultSet;

const TOP: usize = 5;

fn top(counts: BTreeMap<String, i64>) -> Vec<(String, i64)> {
    let mut sorted: Vec<(String, i64)> = counts.into_iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    sorted.truncate(TOP);
    sorted
}

pub fn analyze(set: ResultSet, window: &str, from: DateTime<Utc>, to: DateTime<Utc>) -> Finding {
    let bucket = if to - from > Duration::days(3) { Duration::days(1) } else { Duration::hours(1) };
    let mut by_status: BTreeMap<String, i64> = BTreeMap::new();
    let mut by_event: BTreeMap<String, i64> = BTreeMap::new();
    let mut by_actor: BTreeMap<String, i64> = BTreeMap::new();
    let mut by_bucket: BTreeMap<DateTime<Utc>, i64> = BTreeMap::new();
    for r in 0..set.rows.len() {
        *by_status.entry(set.text(r, "status").unwrap_or("?").to_owned()).or_default() += 1;
        *by_event.entry(set.text(r, "event").unwrap_or("?").to_owned()).or_default() += 1;
        *by_actor.entry(set.text(r, "actor_id").unwrap_or("?").to_owned()).or_default() += 1;
        if let Some(time) = set.time(r, "time") {
            *by_bucket.entry(time.duration_trunc(bucket).unwrap_or(time)).or_default() += 1;
        }
    }
    let mut sizes: Vec<i64> = by_bucket.values().copied().collect();
    sizes.sort_unstable();
    let median = sizes.get(sizes.len() / 2).copied().unwrap_or(0);
    let spikes: Vec<(DateTime<Utc>, i64)> = by_bucket
        .iter()
        .filter(|(_, n)| **n >= 5 && **n >= 3 * median.max(1))
        .map(|(t, n)| (*t, *n))
        .collect();
    let total = set.rows.len();
    let events = top(by_event);
    let actors = top(by_actor);
    let mut summary = if total == 0 {
        format!("No denied, failed or error events in {window}.")
    } else {
        format!(
            "{total} problem events in {window} ({}). Top events: {}. Top actors: {}.",
            listing(&by_status.iter().map(|(s, n)| format!("{n} {s}")).collect::<Vec<_>>()),
            listing(&events.iter().map(|(e, n)| format!("{e} ({n})")).collect::<Vec<_>>()),
            listing(&actors.iter().map(|(a, n)| format!("{a} ({n})")).collect::<Vec<_>>()),
        )
    };
    let unit = if bucket == Duration::days(1) { "day" } else { "hour" };
    if !spikes.is_empty() {
        summary.push_str(&format!(
            " Spikes: {}.",
            listing(
                &spikes
                    .iter()
                    .map(|(t, n)| format!("{n} in the {unit} from {}", t.format("%Y-%m-%d %H:%M UTC")))
                    .collect::<Vec<_>>()
            )
        ));
    }
    if total as i64 >= LOGS_ANALYZED {
        summary
            .push_str(&format!(" Only the first {LOGS_ANALYZED} events were analyzed; narrow the window."));
    }
    let mut table =
        ResultSet { columns: vec!["kind".into(), "name".into(), "events".into()], rows: Vec::new() };
    table.rows.extend(by_status.iter().map(|(s, n)| vec![json!("status"), json!(s), json!(n)]));
    table.rows.extend(events.iter().map(|(e, n)| vec![json!("event"), json!(e), json!(n)]));
    table.rows.extend(actors.iter().map(|(a, n)| vec![json!("actor"), json!(a), json!(n)]));
    table.rows.extend(
        spikes.iter().map(|(t, n)| vec![json!("spike"), json!(crate::store::format_time(*t)), json!(n)]),
    );
    Finding::new("logs.analyze", summary, table)
        .fact("total", total)
        .fact("by_status", json!(by_status))
        .fact("top_events", json!(events))
        .fact("top_actors", json!(actors))
        .fact(
            "spikes",
            json!(
                spikes
                    .iter()
                    .map(|(t, n)| json!({"from": crate::store::format_time(*t), "events": n}))
                    .collect::<Vec<_>>()
            ),
        )
}
