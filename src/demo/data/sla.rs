//! The SLA rule from the design, and where to place a demo complaint's age so it lands in a given state.

use super::rng::Rng;
use super::{DAY, HOUR, MINUTE};

/// Buffer before the deadline at which an open item counts as at risk (`sla.buffer_hours`).
const BUFFER: i64 = HOUR;

/// Where an open item stands against its expected response time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SlaState {
    OnTrack,
    AtRisk,
    Breached,
}

/// Expected response time in seconds: refunds get `sla.refund_response_hours` (4),
/// everything else `sla.complaint_response_hours` (2).
pub(super) fn expected_response(category: &str) -> i64 {
    if category == "refund" { 4 * HOUR } else { 2 * HOUR }
}

/// The design's rule, breached checked first: breached if age > E, at risk if age > E − B.
pub(super) fn state(category: &str, age: i64) -> SlaState {
    let expected = expected_response(category);
    if age > expected {
        SlaState::Breached
    } else if age > expected - BUFFER {
        SlaState::AtRisk
    } else {
        SlaState::OnTrack
    }
}

/// An age (seconds) that puts an open complaint of `category` in `target`.
/// Ages keep well clear of the upper edge of their window because the demo is used
/// after it is built: an item placed one minute before its deadline would have moved
/// on by the time anyone looked.
pub(super) fn age_for(rng: &mut Rng, target: SlaState, category: &str) -> i64 {
    let expected = expected_response(category);
    match target {
        SlaState::OnTrack => rng.range(5 * MINUTE, expected - BUFFER - 15 * MINUTE),
        SlaState::AtRisk => rng.range(expected - BUFFER + 5 * MINUTE, expected - 20 * MINUTE),
        SlaState::Breached => {
            // Denser just past the deadline, thinning out towards three days.
            let earliest = expected + 10 * MINUTE;
            let u = rng.unit();
            earliest + ((u * u) * (3 * DAY - earliest) as f64) as i64
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_follow_the_design() {
        // Complaints: E = 2 h, B = 1 h.
        assert_eq!(state("service", HOUR), SlaState::OnTrack);
        assert_eq!(state("service", HOUR + 1), SlaState::AtRisk);
        assert_eq!(state("service", 2 * HOUR), SlaState::AtRisk);
        assert_eq!(state("service", 2 * HOUR + 1), SlaState::Breached);
        // Refunds: E = 4 h.
        assert_eq!(state("refund", 3 * HOUR), SlaState::OnTrack);
        assert_eq!(state("refund", 3 * HOUR + 1), SlaState::AtRisk);
        assert_eq!(state("refund", 4 * HOUR), SlaState::AtRisk);
        assert_eq!(state("refund", 4 * HOUR + 1), SlaState::Breached);
        assert_eq!(state("other", 0), SlaState::OnTrack);
    }

    #[test]
    fn placed_ages_land_in_their_state_with_room_to_spare() {
        let mut rng = Rng::new(11);
        for category in ["refund", "service", "payment", "provider", "other"] {
            for target in [SlaState::OnTrack, SlaState::AtRisk, SlaState::Breached] {
                for _ in 0..500 {
                    let age = age_for(&mut rng, target, category);
                    assert_eq!(state(category, age), target, "{category} {age}");
                    // Still in the same state a quarter of an hour later.
                    assert_eq!(state(category, age + 15 * MINUTE), target, "{category} {age}");
                    assert!((5 * MINUTE..=3 * DAY).contains(&age), "{category} {age}");
                }
            }
        }
    }
}
