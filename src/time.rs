//! Clock helpers. Every stored time goes through [`now_micros`] so that both
//! backends store, compare and hash exactly the same instant.

use chrono::{DateTime, Duration, DurationRound, Utc};
use chrono_tz::Tz;

/// An instant seen in the team's time zone (`ops_config` `time_zone`): relative
/// phrases such as "today" and "in October" resolve against its calendar.
pub type LocalTime = DateTime<Tz>;

/// Now, truncated to the microsecond precision both backends store.
pub fn now_micros() -> DateTime<Utc> {
    truncate_micros(Utc::now())
}

pub fn truncate_micros(time: DateTime<Utc>) -> DateTime<Utc> {
    time.duration_trunc(Duration::microseconds(1)).unwrap_or(time)
}

/// Parses a point in time given on the command line: RFC 3339, a date
/// (`2026-11-01`, midnight UTC), or a duration ago (`90s`, `30m`, `24h`, `7d`).
pub fn parse_instant(text: &str) -> crate::Result<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(time) = DateTime::parse_from_rfc3339(text) {
        return Ok(time.with_timezone(&Utc));
    }
    if let Ok(date) = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        && let Some(midnight) = date.and_hms_opt(0, 0, 0)
    {
        return Ok(midnight.and_utc());
    }
    if let Some(ago) = parse_duration(text) {
        return Ok(now_micros() - ago);
    }
    Err(crate::Error::Usage(format!(
        "cannot read `{text}` as a time; use RFC 3339 (2026-11-01T09:00:00Z), a date (2026-11-01) or a duration ago (30m, 24h, 7d)"
    )))
}

/// `90s`, `30m`, `24h`, `7d`, `2w`.
pub fn parse_duration(text: &str) -> Option<Duration> {
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = text.split_at(split);
    let n: i64 = number.parse().ok()?;
    match unit {
        "s" => Duration::try_seconds(n),
        "m" => Duration::try_minutes(n),
        "h" => Duration::try_hours(n),
        "d" => Duration::try_days(n),
        "w" => Duration::try_weeks(n),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_in_each_form() {
        assert_eq!(parse_instant("2026-11-01T09:00:00Z").unwrap().to_rfc3339(), "2026-11-01T09:00:00+00:00");
        assert_eq!(parse_instant("2026-11-01").unwrap().to_rfc3339(), "2026-11-01T00:00:00+00:00");
        let ago = now_micros() - parse_instant("24h").unwrap();
        assert!((ago.num_seconds() - 86_400).abs() <= 2);
        assert!(parse_instant("yesterday-ish").is_err());
        assert!(parse_instant("5y").is_err());
    }

    #[test]
    fn truncation_keeps_microseconds() {
        let t = now_micros();
        assert_eq!(t.timestamp_subsec_nanos() % 1000, 0);
    }
}
