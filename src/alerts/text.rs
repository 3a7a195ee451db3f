//! What an alert says: dedup keys, titles and messages, shared by the evaluator
//! and the demo data set (which writes alerts as the evaluator would have raised them).

use chrono::Duration;

/// The key that makes "one unresolved alert per condition" hold:
/// `{rule}:{entity_type}:{entity_id}`, e.g. `sla_breached:complaint:42`.
pub fn dedup_key(rule: &str, entity_type: &str, entity_id: i64) -> String {
    format!("{rule}:{entity_type}:{entity_id}")
}

/// `3h 20m`, `2d 4h`, `5m`: how long something has waited (or has left).
pub fn waited(duration: Duration) -> String {
    let seconds = duration.num_seconds().max(0);
    let (days, hours, minutes) = (seconds / 86_400, seconds % 86_400 / 3600, seconds % 3600 / 60);
    match (days, hours) {
        (0, 0) => format!("{minutes}m"),
        (0, _) => format!("{hours}h {minutes}m"),
        _ => format!("{days}d {hours}h"),
    }
}

/// A configured response time: `2h`, or `1h 30m` when it is not whole hours.
fn response_time(expected: Duration) -> String {
    if expected.num_seconds() % 3600 == 0 { format!("{}h", expected.num_hours()) } else { waited(expected) }
}

pub fn sla_breached_title(complaint_id: i64) -> String {
    format!("SLA breached: complaint #{complaint_id}")
}

/// `refund complaint #12 (high) has waited 5h 10m for a first response; expected within 4h`.
pub fn sla_breached_message(
    category: &str,
    complaint_id: i64,
    priority: &str,
    waited_for: Duration,
    expected: Duration,
) -> String {
    format!(
        "{category} complaint #{complaint_id} ({priority}) has waited {} for a first response; expected within {}",
        waited(waited_for),
        response_time(expected)
    )
}

pub fn sla_at_risk_title(complaint_id: i64) -> String {
    format!("SLA at risk: complaint #{complaint_id}")
}

/// `service complaint #7 is due for a first response within 35m`.
pub fn sla_at_risk_message(category: &str, complaint_id: i64, remaining: Duration) -> String {
    format!("{category} complaint #{complaint_id} is due for a first response within {}", waited(remaining))
}

pub fn critical_complaint_title(complaint_id: i64) -> String {
    format!("Critical complaint opened: #{complaint_id}")
}

/// `critical payment complaint #3: Charged twice`.
pub fn critical_complaint_message(category: &str, complaint_id: i64, subject: &str) -> String {
    format!("critical {category} complaint #{complaint_id}: {subject}")
}

pub fn high_workload_title(email: &str) -> String {
    format!("High workload: {email}")
}

/// `agent@example.com has 19 open complaints (threshold 15)`.
pub fn high_workload_message(email: &str, open: u64, threshold: f64) -> String {
    format!("{email} has {open} open complaints (threshold {})", number(threshold))
}

/// `15` rather than `15.0`; fractions as they are.
fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 { format!("{}", value as i64) } else { value.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waiting_times_read_naturally() {
        assert_eq!(waited(Duration::minutes(5)), "5m");
        assert_eq!(waited(Duration::minutes(200)), "3h 20m");
        assert_eq!(waited(Duration::hours(52) + Duration::seconds(59 * 60 + 59)), "2d 4h");
        assert_eq!(waited(Duration::minutes(-3)), "0m");
    }

    #[test]
    fn messages_name_the_complaint_and_the_numbers() {
        assert_eq!(dedup_key("sla_breached", "complaint", 42), "sla_breached:complaint:42");
        assert_eq!(
            sla_breached_message("refund", 12, "high", Duration::minutes(310), Duration::hours(4)),
            "refund complaint #12 (high) has waited 5h 10m for a first response; expected within 4h"
        );
        assert_eq!(
            sla_breached_message("other", 1, "low", Duration::hours(2), Duration::minutes(90)),
            "other complaint #1 (low) has waited 2h 0m for a first response; expected within 1h 30m"
        );
        assert_eq!(
            sla_at_risk_message("service", 7, Duration::minutes(35)),
            "service complaint #7 is due for a first response within 35m"
        );
        assert_eq!(
            high_workload_message("agent@example.com", 19, 15.0),
            "agent@example.com has 19 open complaints (threshold 15)"
        );
        assert_eq!(high_workload_message("a@b.c", 3, 2.5), "a@b.c has 3 open complaints (threshold 2.5)");
    }
}
