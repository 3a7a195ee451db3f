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

/// How far back a duration ago may reach (100 years). Further is surely a typo,
/// and far enough beyond it the instant leaves what chrono and PostgreSQL can hold.
pub const MAX_AGO_DAYS: i64 = 36_500;

/// Parses a point in time given on the command line: RFC 3339, a date
/// (`2026-11-01`, midnight UTC), or a duration ago (`90s`, `30m`, `24h`, `7d`)
/// of at most [`MAX_AGO_DAYS`].
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
        return Some(ago)
            .filter(|ago| *ago <= Duration::days(MAX_AGO_DAYS))
            .and_then(|ago| now_micros().checked_sub_signed(ago))
            .ok_or_else(|| {
                crate::Error::Usage(format!(
                    "`{text}` reaches back more than {MAX_AGO_DAYS}d (100 years), the limit for a duration ago; give a date instead"
                ))
            });
    }
    Err(crate::Error::Usage(format!(
        "cannot read `{text}` as a time; use RFC 3339 (2026-11-01T09:00:00Z), a date (2026-11-01) or a duration ago (30m, 24h, 7d)"
    )))
}

/// `90s`, `30m`, `24h`, `7d`, `2w`. A well-formed duration too long for chrono
/// is [`Duration::MAX`]: callers bound what they accept and name their limit.
pub fn parse_duration(text: &str) -> Option<Duration> {
    let split = text.find(|c: char| !c.is_ascii_digit()).filter(|split| *split > 0)?;
    let (number, unit) = text.split_at(split);
    let seconds_per_unit: i64 = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        "w" => 604_800,
        _ => return None,
    };
    // All digits, so parsing fails only when the number overflows.
    let seconds = number.parse::<i64>().ok().and_then(|n| n.checked_mul(seconds_per_unit));
    Some(seconds.and_then(Duration::try_seconds).unwrap_or(Duration::MAX))
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
        assert!(parse_instant("d").is_err());
    }

    #[test]
    fn durations_in_each_unit() {
        assert_eq!(parse_duration("90s"), Some(Duration::seconds(90)));
        assert_eq!(parse_duration("2w"), Some(Duration::days(14)));
        assert_eq!(parse_duration("99999999999999999999d"), Some(Duration::MAX));
        assert_eq!(parse_duration("7"), None);
        assert_eq!(parse_duration("h"), None);
    }

    #[test]
    fn a_duration_ago_reaches_back_at_most_the_limit() {
        assert!(parse_instant(&format!("{MAX_AGO_DAYS}d")).is_ok());
        for text in [format!("{}d", MAX_AGO_DAYS + 1), "999999999d".into(), "9223372036854775807s".into()] {
            let error = parse_instant(&text).unwrap_err();
            assert!(matches!(error, crate::Error::Usage(_)), "{text}: {error}");
            assert!(error.to_string().contains("more than 36500d"), "{error}");
        }
    }

    #[test]
    fn truncation_keeps_microseconds() {
        let t = now_micros();
        assert_eq!(t.timestamp_subsec_nanos() % 1000, 0);
    }
}
