//! What one read step found: a sentence, the rows behind it, key figures, and
//! where every number came from.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::payload::SqlStatement;
use crate::store::ResultSet;

/// Where an answer's numbers or words came from.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    /// A statement that was run, with its bound values and how many rows it returned.
    Query { action: String, sql: String, params: Vec<String>, rows: usize },
    /// A runbook passage: `path#L10-L24`.
    Runbook { citation: String, heading: String, score: f64 },
    /// A value opsgate read outside SQL (the alert evaluator's last run, the clock).
    Reading { name: String, detail: String },
}

impl Source {
    pub fn query(action: &str, statement: &SqlStatement, rows: usize) -> Source {
        Source::Query {
            action: action.to_owned(),
            sql: statement.sql.clone(),
            params: statement.params.iter().map(|p| p.display()).collect(),
            rows,
        }
    }

    /// One line for people.
    pub fn line(&self) -> String {
        match self {
            Source::Query { action, sql, params, rows } => {
                let bound =
                    if params.is_empty() { String::new() } else { format!(" [{}]", params.join(", ")) };
                format!("{action}: {sql}{bound} → {rows} rows")
            }
            Source::Runbook { citation, heading, score } => {
                format!("{citation} ({heading}), score {score:.2}")
            }
            Source::Reading { name, detail } => format!("{name}: {detail}"),
        }
    }
}

/// The outcome of one read step.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub action: String,
    /// One or two sentences, numbers included.
    pub summary: String,
    #[serde(skip)]
    pub table: ResultSet,
    /// Key figures by name (cents, counts, rates), for scripts.
    pub facts: Map<String, Value>,
    pub sources: Vec<Source>,
}

impl Finding {
    pub fn new(action: &str, summary: String, table: ResultSet) -> Finding {
        Finding { action: action.to_owned(), summary, table, facts: Map::new(), sources: Vec::new() }
    }

    pub fn fact(mut self, name: &str, value: impl Into<Value>) -> Finding {
        self.facts.insert(name.to_owned(), value.into());
        self
    }
}

/// `12,345.67 EUR`.
pub fn money(cents: i64, currency: &str) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    let whole = (cents / 100).to_string();
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{sign}{grouped}.{:02} {currency}", cents % 100)
}

/// `+8.2%`, `-3.0%`; `None` when there is nothing to compare with.
pub fn growth(current: i64, previous: i64) -> Option<f64> {
    (previous != 0).then(|| ((current - previous) as f64 / previous.abs() as f64 * 1000.0).round() / 10.0)
}

pub fn signed_percent(value: f64) -> String {
    format!("{}{value:.1}%", if value >= 0.0 { "+" } else { "" })
}

/// `3h 20m`, `2d 4h`, `45m`.
pub fn duration_text(seconds: i64) -> String {
    let seconds = seconds.max(0);
    let (days, hours, minutes) = (seconds / 86_400, seconds % 86_400 / 3_600, seconds % 3_600 / 60);
    match (days, hours, minutes) {
        (0, 0, _) => format!("{minutes}m"),
        (0, _, 0) => format!("{hours}h"),
        (0, _, _) => format!("{hours}h {minutes}m"),
        (_, 0, _) => format!("{days}d"),
        _ => format!("{days}d {hours}h"),
    }
}

/// "a, b and c".
pub fn listing(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_grouped_and_exact() {
        assert_eq!(money(0, "EUR"), "0.00 EUR");
        assert_eq!(money(5, "EUR"), "0.05 EUR");
        assert_eq!(money(123_456_789, "USD"), "1,234,567.89 USD");
        assert_eq!(money(-100_000, "EUR"), "-1,000.00 EUR");
    }

    #[test]
    fn growth_needs_a_previous_value() {
        assert_eq!(growth(110, 100), Some(10.0));
        assert_eq!(growth(90, 100), Some(-10.0));
        assert_eq!(growth(5, 0), None);
        assert_eq!(signed_percent(8.24), "+8.2%");
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration_text(45 * 60), "45m");
        assert_eq!(duration_text(3 * 3600 + 20 * 60), "3h 20m");
        assert_eq!(duration_text(2 * 86_400 + 4 * 3600), "2d 4h");
    }
}
