//! The SLA rule from the design: an open item with expected response time E and
//! buffer B is `breached` when its age is over E, else `at_risk` when over E − B,
//! else `on_track` — breached is checked first. E and B come from `ops_config`.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

/// `ops_config` keys, in hours.
pub const COMPLAINT_RESPONSE_KEY: &str = "sla.complaint_response_hours";
pub const REFUND_RESPONSE_KEY: &str = "sla.refund_response_hours";
pub const BUFFER_KEY: &str = "sla.buffer_hours";

/// Complaint statuses that are still waiting on the team.
pub const OPEN_STATUSES: [&str; 3] = ["open", "in_progress", "escalated"];

/// Where an open item stands against its expected response time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SlaState {
    OnTrack,
    AtRisk,
    Breached,
}

impl SlaState {
    pub fn as_str(self) -> &'static str {
        match self {
            SlaState::OnTrack => "on_track",
            SlaState::AtRisk => "at_risk",
            SlaState::Breached => "breached",
        }
    }
}

/// Expected response times and the at-risk buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlaPolicy {
    pub complaint_response: Duration,
    pub refund_response: Duration,
    pub buffer: Duration,
}

impl Default for SlaPolicy {
    /// The design's values: 2 h for complaints, 4 h for refunds, 1 h buffer.
    fn default() -> Self {
        SlaPolicy {
            complaint_response: Duration::hours(2),
            refund_response: Duration::hours(4),
            buffer: Duration::hours(1),
        }
    }
}

impl SlaPolicy {
    /// The policy configured in `ops_config`; a missing or unreadable value keeps
    /// the design's default (fractional hours such as `1.5` are allowed).
    pub fn from_config(config: &HashMap<String, String>) -> SlaPolicy {
        let defaults = SlaPolicy::default();
        let hours = |key: &str, default: Duration| {
            config
                .get(key)
                .and_then(|value| value.trim().parse::<f64>().ok())
                .filter(|hours| hours.is_finite() && *hours >= 0.0 && *hours <= 24.0 * 365.0)
                .map(|hours| Duration::seconds((hours * 3600.0).round() as i64))
                .unwrap_or(default)
        };
        SlaPolicy {
            complaint_response: hours(COMPLAINT_RESPONSE_KEY, defaults.complaint_response),
            refund_response: hours(REFUND_RESPONSE_KEY, defaults.refund_response),
            buffer: hours(BUFFER_KEY, defaults.buffer),
        }
    }

    /// E for an item: refund complaints get the refund response time.
    pub fn expected_response(&self, category: &str) -> Duration {
        if category == "refund" { self.refund_response } else { self.complaint_response }
    }

    /// The state of an item of `category` that has waited `age`.
    pub fn state(&self, category: &str, age: Duration) -> SlaState {
        let expected = self.expected_response(category);
        if age > expected {
            SlaState::Breached
        } else if age > expected - self.buffer {
            SlaState::AtRisk
        } else {
            SlaState::OnTrack
        }
    }

    /// The state of an item opened at `opened` as seen at `now`.
    pub fn state_at(&self, category: &str, opened: DateTime<Utc>, now: DateTime<Utc>) -> SlaState {
        self.state(category, now - opened)
    }

    /// When the item breaches.
    pub fn deadline(&self, category: &str, opened: DateTime<Utc>) -> DateTime<Utc> {
        opened + self.expected_response(category)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_follow_the_design() {
        let policy = SlaPolicy::default();
        let h = Duration::hours(1);
        let s = Duration::seconds(1);
        // Complaints: E = 2 h, B = 1 h. Exactly at E − B is still on track; exactly at E is at risk.
        assert_eq!(policy.state("service", h), SlaState::OnTrack);
        assert_eq!(policy.state("service", h + s), SlaState::AtRisk);
        assert_eq!(policy.state("service", h * 2), SlaState::AtRisk);
        assert_eq!(policy.state("service", h * 2 + s), SlaState::Breached);
        // Refunds: E = 4 h.
        assert_eq!(policy.state("refund", h * 3), SlaState::OnTrack);
        assert_eq!(policy.state("refund", h * 3 + s), SlaState::AtRisk);
        assert_eq!(policy.state("refund", h * 4), SlaState::AtRisk);
        assert_eq!(policy.state("refund", h * 4 + s), SlaState::Breached);
    }

    #[test]
    fn breached_is_checked_before_at_risk_even_with_a_buffer_larger_than_e() {
        let policy = SlaPolicy { buffer: Duration::hours(5), ..SlaPolicy::default() };
        assert_eq!(policy.state("service", Duration::hours(3)), SlaState::Breached);
        assert_eq!(policy.state("service", Duration::zero()), SlaState::AtRisk);
    }

    #[test]
    fn configured_values_replace_the_defaults_and_nonsense_is_ignored() {
        let config: HashMap<String, String> = [
            (COMPLAINT_RESPONSE_KEY.to_owned(), "3".to_owned()),
            (REFUND_RESPONSE_KEY.to_owned(), "NaN".to_owned()),
            (BUFFER_KEY.to_owned(), "0.5".to_owned()),
        ]
        .into_iter()
        .collect();
        let policy = SlaPolicy::from_config(&config);
        assert_eq!(policy.complaint_response, Duration::hours(3));
        assert_eq!(policy.refund_response, Duration::hours(4));
        assert_eq!(policy.buffer, Duration::minutes(30));
    }
}
