//! Metrics per DESIGN.md: revenue (period, growth, pending settlements,
//! refunds, all-time), bookings by status with growth, complaints by priority
//! and status with average resolution time.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::finding::{Finding, growth, listing, money, signed_percent};
use crate::store::ResultSet;

fn by_currency(set: &ResultSet, column: &str) -> BTreeMap<String, i64> {
    (0..set.rows.len())
        .map(|row| (set.text(row, "currency").unwrap_or("EUR").to_owned(), set.int(row, column)))
        .collect()
}

/// `sets`: the window, [the previous window], pending settlements, all-time net.
pub fn revenue(sets: &[ResultSet], window: &str) -> Finding {
    let (current, previous) = match sets.len() {
        4 => (&sets[0], Some(&sets[1])),
        _ => (&sets[0], None),
    };
    let pending = &sets[sets.len() - 2];
    let all_time = &sets[sets.len() - 1];
    let gross = by_currency(current, "gross_cents");
    let refunded = by_currency(current, "refunded_cents");
    let bookings = by_currency(current, "bookings");
    let previous_net: Option<BTreeMap<String, i64>> = previous.map(|p| {
        let gross = by_currency(p, "gross_cents");
        let refunded = by_currency(p, "refunded_cents");
        gross.iter().map(|(c, g)| (c.clone(), g - refunded.get(c).copied().unwrap_or(0))).collect()
    });
    let pending_cents = by_currency(pending, "pending_cents");
    let pending_bookings = by_currency(pending, "bookings");
    let all_time_net = by_currency(all_time, "net_cents");

    let mut currencies: Vec<String> =
        gross.keys().chain(pending_cents.keys()).chain(all_time_net.keys()).cloned().collect();
    currencies.sort();
    currencies.dedup();
    let mut table = ResultSet {
        columns: [
            "currency",
            "bookings",
            "gross",
            "refunds",
            "net",
            "previous_net",
            "growth",
            "pending_settlements",
            "all_time_net",
        ]
        .map(String::from)
        .to_vec(),
        rows: Vec::new(),
    };
    let mut sentences = Vec::new();
    let mut facts = serde_json::Map::new();
    for currency in &currencies {
        let g = gross.get(currency).copied().unwrap_or(0);
        let r = refunded.get(currency).copied().unwrap_or(0);
        let net = g - r;
        let count = bookings.get(currency).copied().unwrap_or(0);
        let prev = previous_net.as_ref().map(|p| p.get(currency).copied().unwrap_or(0));
        let change = prev.and_then(|p| growth(net, p));
        let pend = pending_cents.get(currency).copied().unwrap_or(0);
        let total = all_time_net.get(currency).copied().unwrap_or(0);
        table.rows.push(vec![
            json!(currency),
            json!(count),
            json!(money(g, currency)),
            json!(money(r, currency)),
            json!(money(net, currency)),
            prev.map_or(Value::Null, |p| json!(money(p, currency))),
            change.map_or(Value::Null, |c| json!(signed_percent(c))),
            json!(money(pend, currency)),
            json!(money(total, currency)),
        ]);
        let mut sentence = format!(
            "Revenue in {window}: {} net from {count} paid bookings (gross {}, refunds {})",
            money(net, currency),
            money(g, currency),
            money(r, currency)
        );
        match (prev, change) {
            (Some(p), Some(c)) => sentence.push_str(&format!(
                ", {} on the period before ({})",
                signed_percent(c),
                money(p, currency)
            )),
            (Some(_), None) => sentence.push_str(", nothing in the period before to compare with"),
            _ => {}
        }
        sentence.push_str(&format!(
            ". Pending settlements: {} over {} bookings. All-time net revenue: {}.",
            money(pend, currency),
            pending_bookings.get(currency).copied().unwrap_or(0),
            money(total, currency)
        ));
        sentences.push(sentence);
        facts.insert(
            currency.clone(),
            json!({
                "bookings": count, "gross_cents": g, "refunded_cents": r, "net_cents": net,
                "previous_net_cents": prev, "growth_percent": change,
                "pending_settlement_cents": pend, "pending_settlement_bookings": pending_bookings.get(currency).copied().unwrap_or(0),
                "all_time_net_cents": total,
            }),
        );
    }
    if sentences.is_empty() {
        sentences.push(format!("No paid bookings in {window} and nothing pending settlement."));
    }
    let mut finding = Finding::new("metrics.revenue", sentences.join(" "), table);
    finding.facts = facts;
    finding
}

/// `sets`: bookings by status in the window, [the same for the window before].
pub fn bookings(sets: &[ResultSet], window: &str) -> Finding {
    let current = &sets[0];
    let total: i64 = (0..current.rows.len()).map(|r| current.int(r, "bookings")).sum();
    let previous: Option<i64> = sets.get(1).map(|p| (0..p.rows.len()).map(|r| p.int(r, "bookings")).sum());
    let parts: Vec<String> = (0..current.rows.len())
        .map(|r| format!("{} {}", current.int(r, "bookings"), current.text(r, "status").unwrap_or("?")))
        .collect();
    let mut summary = format!("{total} bookings created in {window}");
    if !parts.is_empty() {
        summary.push_str(&format!(": {}", listing(&parts)));
    }
    let change = previous.and_then(|p| growth(total, p));
    match (previous, change) {
        (Some(p), Some(c)) => {
            summary.push_str(&format!("; {} on the period before ({p})", signed_percent(c)))
        }
        (Some(_), None) => summary.push_str("; none in the period before"),
        _ => {}
    }
    summary.push('.');
    let by_status: serde_json::Map<String, Value> = (0..current.rows.len())
        .map(|r| (current.text(r, "status").unwrap_or("?").to_owned(), json!(current.int(r, "bookings"))))
        .collect();
    Finding::new("metrics.bookings", summary, current.clone())
        .fact("total", total)
        .fact("previous_total", previous)
        .fact("growth_percent", change)
        .fact("by_status", Value::Object(by_status))
}

/// `sets`: complaints by priority and status, resolved complaints with their times.
pub fn complaints(sets: &[ResultSet], window: &str) -> Finding {
    let counts = &sets[0];
    let resolved = &sets[1];
    let total: i64 = (0..counts.rows.len()).map(|r| counts.int(r, "complaints")).sum();
    let mut by_priority: BTreeMap<String, i64> = BTreeMap::new();
    let mut by_status: BTreeMap<String, i64> = BTreeMap::new();
    for r in 0..counts.rows.len() {
        *by_priority.entry(counts.text(r, "priority").unwrap_or("?").to_owned()).or_default() +=
            counts.int(r, "complaints");
        *by_status.entry(counts.text(r, "status").unwrap_or("?").to_owned()).or_default() +=
            counts.int(r, "complaints");
    }
    let mut durations: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    let mut all = Vec::new();
    for r in 0..resolved.rows.len() {
        if let (Some(created), Some(done)) = (resolved.time(r, "created_at"), resolved.time(r, "resolved_at"))
        {
            let seconds = (done - created).num_seconds().max(0);
            durations
                .entry(resolved.text(r, "priority").unwrap_or("?").to_owned())
                .or_default()
                .push(seconds);
            all.push(seconds);
        }
    }
    let hours = |values: &[i64]| -> Option<f64> {
        (!values.is_empty())
            .then(|| (values.iter().sum::<i64>() as f64 / values.len() as f64 / 3600.0 * 10.0).round() / 10.0)
    };
    let order = ["critical", "high", "medium", "low"];
    let priority_parts: Vec<String> =
        order.iter().filter_map(|p| by_priority.get(*p).map(|n| format!("{n} {p}"))).collect();
    let status_parts: Vec<String> = by_status.iter().map(|(s, n)| format!("{n} {s}")).collect();
    let mut summary = format!("{total} complaints opened in {window}");
    if total > 0 {
        summary.push_str(&format!(" ({}; {})", listing(&priority_parts), listing(&status_parts)));
    }
    match hours(&all) {
        Some(avg) => {
            summary.push_str(&format!(". Average resolution time {avg} h over {} resolved.", all.len()))
        }
        None => summary.push_str(". None of them has been resolved yet."),
    }
    let mut table = counts.clone();
    table.columns.push("avg_resolution_hours".into());
    for row in &mut table.rows {
        let priority = row.first().and_then(Value::as_str).unwrap_or("?").to_owned();
        row.push(durations.get(&priority).and_then(|d| hours(d)).map_or(Value::Null, |h| json!(h)));
    }
    let avg_by_priority: serde_json::Map<String, Value> =
        durations.iter().map(|(p, d)| (p.clone(), json!(hours(d)))).collect();
    Finding::new("metrics.complaints", summary, table)
        .fact("total", total)
        .fact("by_priority", json!(by_priority))
        .fact("by_status", json!(by_status))
        .fact("resolved", all.len())
        .fact("avg_resolution_hours", hours(&all))
        .fact("avg_resolution_hours_by_priority", Value::Object(avg_by_priority))
}
