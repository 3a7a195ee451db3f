//! The priority queue with DESIGN.md's score: intent_confidence·40 +
//! sentiment_urgency·30 + time_decay·20 + user_history_factor·10 (0..100).

use serde_json::{Value, json};

use super::finding::Finding;
use crate::store::ResultSet;

/// The design's score from its four factors, each clamped to 0..1.
pub fn priority_score(
    intent_confidence: f64,
    sentiment_urgency: f64,
    time_decay: f64,
    user_history: f64,
) -> f64 {
    let unit = |f: f64| if f.is_finite() { f.clamp(0.0, 1.0) } else { 0.0 };
    let score = unit(intent_confidence) * 40.0
        + unit(sentiment_urgency) * 30.0
        + unit(time_decay) * 20.0
        + unit(user_history) * 10.0;
    (score * 10.0).round() / 10.0
}

pub fn list(set: ResultSet, params: &Value) -> Finding {
    let mut scored: Vec<(f64, Vec<Value>)> = Vec::new();
    let mut disagreements = 0;
    for r in 0..set.rows.len() {
        let factor = |name: &str| set.float(r, name).unwrap_or(0.0);
        let score = priority_score(
            factor("intent_confidence"),
            factor("sentiment_urgency"),
            factor("time_decay"),
            factor("user_history_factor"),
        );
        if set.float(r, "score").is_some_and(|stored| (stored - score).abs() > 0.5) {
            disagreements += 1;
        }
        scored.push((
            score,
            vec![
                set.get(r, "id").clone(),
                json!(score),
                set.get(r, "item_type").clone(),
                set.get(r, "item_id").clone(),
                set.get(r, "summary").clone(),
                set.get(r, "status").clone(),
                set.get(r, "assigned_to").clone(),
                set.get(r, "created_at").clone(),
            ],
        ));
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let status = params.get("status").and_then(Value::as_str).unwrap_or("pending");
    let mut summary = match scored.first() {
        Some((top, row)) => format!(
            "{} {status} queue items, highest score first; top: #{} ({} {}) at {top}",
            scored.len(),
            row[0],
            row[2].as_str().unwrap_or("item"),
            row[3]
        ),
        None => format!("No {status} items in the priority queue"),
    };
    if disagreements > 0 {
        summary.push_str(&format!(
            "; {disagreements} stored scores differ from their factors and were recomputed"
        ));
    }
    summary.push('.');
    let table = ResultSet {
        columns: ["id", "score", "item_type", "item_id", "summary", "status", "assigned_to", "created_at"]
            .map(String::from)
            .to_vec(),
        rows: scored.into_iter().map(|(_, row)| row).collect(),
    };
    let count = table.rows.len();
    Finding::new("priority_queue.list", summary, table).fact("count", count).fact("recomputed", disagreements)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_score_weights_follow_the_design() {
        assert_eq!(priority_score(1.0, 1.0, 1.0, 1.0), 100.0);
        assert_eq!(priority_score(0.0, 0.0, 0.0, 0.0), 0.0);
        assert_eq!(priority_score(0.5, 0.2, 1.0, 0.3), 20.0 + 6.0 + 20.0 + 3.0);
        assert_eq!(priority_score(2.0, -1.0, f64::NAN, 1.0), 50.0);
    }
}
