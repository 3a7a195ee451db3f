//! The realistic demo data set written into a freshly migrated, RBAC-seeded database.
//!
//! Every row is derived from `now` and fixed seeds, so the same `now` gives the same
//! rows; ids start at 1 because the tables start empty. Sections run in foreign-key
//! order (users → providers → bookings → complaints → priority queue → alerts) and
//! hand each other in-memory records, so nothing is read back row by row.

mod activity;
mod alerts;
mod bookings;
mod complaints;
mod directory;
#[cfg(test)]
mod fixtures;
mod people;
mod queue;
mod rng;
mod sla;
mod texts;

use chrono::{DateTime, DurationRound, TimeDelta, Utc};

use crate::error::Result;
use crate::store::Tx;
use crate::time::truncate_micros;

/// How many rows of each kind [`populate`] wrote.
#[derive(Debug, Default, Clone, serde::Serialize, PartialEq, Eq)]
pub struct DemoCounts {
    pub users: u64,
    pub providers: u64,
    pub bookings: u64,
    pub complaints: u64,
    pub priority_queue: u64,
    pub alerts: u64,
}

/// Inserts the demo data set. Deterministic for a given `now`: same rows every time (ids start at 1).
pub async fn populate(tx: &mut Tx, now: DateTime<Utc>) -> Result<DemoCounts> {
    // Truncating once is enough: every other time is `now` shifted by whole seconds.
    let now = truncate_micros(now);
    let directory = directory::Directory::load(tx).await?;

    let users = people::insert_users(tx, now).await?;
    let providers = people::insert_providers(tx, now).await?;
    let bookings = bookings::insert(tx, now, &users, &providers).await?;
    let complaints = complaints::insert(tx, now, &directory.staff, &users, &bookings).await?;
    let queue = queue::insert(tx, now, &directory.staff, &users, &complaints, &bookings, &providers).await?;
    let alert_count = alerts::insert(tx, now, &directory, &complaints).await?;
    activity::insert(tx, now, &directory.staff, &complaints, &bookings, &providers).await?;

    Ok(DemoCounts {
        users: users.len() as u64,
        providers: providers.len() as u64,
        bookings: bookings.len() as u64,
        complaints: complaints.len() as u64,
        priority_queue: queue,
        alerts: alert_count,
    })
}

const MINUTE: i64 = 60;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

/// `base` moved by `seconds` (negative: into the past). Saturates instead of
/// panicking at the ends of chrono's range, which no sane `now` comes near.
fn shift(base: DateTime<Utc>, seconds: i64) -> DateTime<Utc> {
    TimeDelta::try_seconds(seconds).and_then(|delta| base.checked_add_signed(delta)).unwrap_or(base)
}

/// `time` rounded down to a multiple of `seconds` (appointments start on the quarter hour),
/// dropping any fraction of a second.
fn floor_to(time: DateTime<Utc>, seconds: i64) -> DateTime<Utc> {
    TimeDelta::try_seconds(seconds).and_then(|step| time.duration_trunc(step).ok()).unwrap_or(time)
}

/// Whole seconds from `earlier` to `later` (negative when the order is reversed).
fn seconds_between(earlier: DateTime<Utc>, later: DateTime<Utc>) -> i64 {
    (later - earlier).num_seconds()
}

/// Cents as `12.50` for summaries and messages.
fn euros(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, (cents % 100).abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifting_moves_by_whole_seconds_both_ways() {
        let now = DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z").unwrap().to_utc();
        assert_eq!(shift(now, -HOUR).to_rfc3339(), "2026-11-23T09:00:00+00:00");
        assert_eq!(shift(now, DAY).to_rfc3339(), "2026-11-24T10:00:00+00:00");
        assert_eq!(seconds_between(shift(now, -5 * MINUTE), now), 300);
        assert_eq!(shift(DateTime::<Utc>::MAX_UTC, DAY), DateTime::<Utc>::MAX_UTC);
        let odd = DateTime::parse_from_rfc3339("2026-11-23T10:52:07.123456Z").unwrap().to_utc();
        assert_eq!(floor_to(odd, 15 * MINUTE).to_rfc3339(), "2026-11-23T10:45:00+00:00");
        assert_eq!(floor_to(odd, HOUR).to_rfc3339(), "2026-11-23T10:00:00+00:00");
    }

    #[test]
    fn euros_keep_two_decimals() {
        assert_eq!(euros(8_950), "89.50");
        assert_eq!(euros(2_005), "20.05");
        assert_eq!(euros(40_000), "400.00");
    }
}
