//! Where to place a demo complaint's age so it lands in a given SLA state; the rule itself is `crate::sla`.

use chrono::Duration;

use super::rng::Rng;
use super::{DAY, MINUTE};
use crate::sla::SlaPolicy;
pub(super) use crate::sla::SlaState;

/// The demo is built with the design's SLA values (the seeded `ops_config`).
fn policy() -> SlaPolicy {
    SlaPolicy::default()
}

/// Expected response time in seconds.
pub(super) fn expected_response(category: &str) -> i64 {
    policy().expected_response(category).num_seconds()
}

/// The library's rule, in the demo's whole seconds.
pub(super) fn state(category: &str, age: i64) -> SlaState {
    policy().state(category, Duration::seconds(age))
}

/// An age (seconds) that puts an open complaint of `category` in `target`.
/// Ages keep well clear of the upper edge of their window because the demo is used
/// after it is built: an item placed one minute before its deadline would have moved
/// on by the time anyone looked.
pub(super) fn age_for(rng: &mut Rng, target: SlaState, category: &str) -> i64 {
    let expected = expected_response(category);
    let buffer = policy().buffer.num_seconds();
    match target {
        SlaState::OnTrack => rng.range(5 * MINUTE, expected - buffer - 15 * MINUTE),
        SlaState::AtRisk => rng.range(expected - buffer + 5 * MINUTE, expected - 20 * MINUTE),
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
