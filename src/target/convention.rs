//! The conventions a team's values follow where they differ from the pack's:
//! money in major units, its own spellings of statuses, wall-clock times in a
//! time zone. The pack reads and writes logical values (integer minor units,
//! its own status words, instants in UTC); each convention turns one into the
//! other, in SQL for statements and in Rust for the rows a write is built from.
//!
//! Conversions happen in the statement the person reviews, so the payload
//! shows exactly what reaches the team's column (`refunded = (… + $1) / 100.0`).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::error::{Error, Result};

/// Which SQL a statement is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
    MySql,
}

/// How money is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Money {
    /// Integer minor units, as the pack counts (cents): nothing to convert.
    Minor,
    /// A decimal in major units whose minor unit has `scale` digits (12.34 EUR: scale 2).
    Major { scale: u32 },
}

/// One column's convention, as a statement or a row needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Convention<'a> {
    /// Money in major units with this many minor digits.
    Major { scale: u32 },
    /// Logical value → the team's spelling (values not listed are spelled alike).
    Values(&'a BTreeMap<String, String>),
    /// Times without a zone, on the wall clock of this zone.
    Zone(Tz),
}

/// The most minor digits a currency amount is written with.
pub const MAX_SCALE: u32 = 6;

/// A time zone name a binding may give: an IANA name (`Europe/Berlin`, `UTC`).
pub fn zone(name: &str) -> std::result::Result<Tz, String> {
    name.parse::<Tz>()
        .map_err(|_| format!("`{name}` is not an IANA time zone name (for example Europe/Berlin)"))
}

impl Convention<'_> {
    /// The logical value of the team's column (or expression) `x`, in SQL.
    pub fn read_sql(&self, x: &str, dialect: Dialect) -> Result<String> {
        Ok(match self {
            Convention::Major { scale } => format!("CAST(ROUND({x} * {}) AS BIGINT)", 10u64.pow(*scale)),
            Convention::Values(values) => renamed(x, values.iter().map(|(logical, team)| (team, logical))),
            Convention::Zone(tz) => match dialect {
                Dialect::Postgres => format!("({x} AT TIME ZONE {})", quote(tz.name())),
                Dialect::MySql => format!("CONVERT_TZ({x}, {}, '+00:00')", quote(tz.name())),
                Dialect::Sqlite => return Err(no_zones_on_sqlite()),
            },
        })
    }

    /// What the team's column takes for the logical value `x` (an expression), in SQL.
    pub fn write_sql(&self, x: &str, dialect: Dialect) -> Result<String> {
        Ok(match self {
            Convention::Major { scale: 0 } => x.to_owned(),
            Convention::Major { scale } => format!("({x}) / {}.0", 10u64.pow(*scale)),
            Convention::Values(values) => renamed(x, values.iter()),
            Convention::Zone(tz) => match dialect {
                Dialect::Postgres => format!("(CAST({x} AS TIMESTAMPTZ) AT TIME ZONE {})", quote(tz.name())),
                Dialect::MySql => format!("CONVERT_TZ({x}, '+00:00', {})", quote(tz.name())),
                Dialect::Sqlite => return Err(no_zones_on_sqlite()),
            },
        })
    }

    /// The team's spelling of a logical value, when this convention renames values.
    pub fn team_value<'v>(&'v self, logical: &'v str) -> Option<&'v str> {
        match self {
            Convention::Values(values) => Some(values.get(logical).map(String::as_str).unwrap_or(logical)),
            _ => None,
        }
    }

    /// The logical value of a stored one read as text (a row a write is built from).
    pub fn to_logical(&self, stored: &str) -> Result<String> {
        match self {
            Convention::Major { scale } => Ok(minor_units(stored, *scale)?.to_string()),
            Convention::Values(values) => Ok(values
                .iter()
                .find(|(_, team)| *team == stored)
                .map(|(logical, _)| logical.clone())
                .unwrap_or_else(|| stored.to_owned())),
            Convention::Zone(tz) => {
                Ok(instant(stored, *tz)?.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            }
        }
    }
}

/// A decimal in major units (`120`, `120.5`, `-3.20`, `12.3400`) as integer minor units.
pub fn minor_units(text: &str, scale: u32) -> Result<i64> {
    let bad = || Error::Database(format!("`{text}` is not an amount with at most {scale} decimals"));
    let trimmed = text.trim();
    let (negative, digits) = match trimmed.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    let (kept, rest) = fraction.split_at(fraction.len().min(scale as usize));
    if rest.bytes().any(|b| b != b'0') {
        return Err(bad());
    }
    let mut value: i64 = whole.parse().map_err(|_| bad())?;
    for position in 0..scale as usize {
        let digit = kept.as_bytes().get(position).map_or(0, |b| i64::from(b - b'0'));
        value = value.checked_mul(10).and_then(|v| v.checked_add(digit)).ok_or_else(bad)?;
    }
    Ok(if negative { -value } else { value })
}

/// A wall-clock time read as text (`2026-12-20 10:00:00[.ffffff]`, or with a
/// `T`) in `tz`, as the instant it names. A time the clock skipped is refused;
/// one it passed twice is the earlier.
pub fn instant(text: &str, tz: Tz) -> Result<DateTime<Utc>> {
    let text = text.trim();
    let naive = ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .ok_or_else(|| Error::Database(format!("`{text}` is not a date and time")))?;
    tz.from_local_datetime(&naive).earliest().map(|t| t.with_timezone(&Utc)).ok_or_else(|| {
        Error::Database(format!("{text} does not exist in {} (the clocks skipped it)", tz.name()))
    })
}

/// `x` with each `from` spelling replaced by its `to`, others as they are.
fn renamed<'v>(x: &str, pairs: impl Iterator<Item = (&'v String, &'v String)>) -> String {
    let mut sql = format!("CASE {x}");
    for (from, to) in pairs {
        sql.push_str(&format!(" WHEN {} THEN {}", quote(from), quote(to)));
    }
    sql.push_str(&format!(" ELSE {x} END"));
    sql
}

/// Whether a column type keeps fractions (money in major units can live there).
pub fn holds_decimals(data_type: &str) -> bool {
    ["numeric", "decimal", "real", "double", "float"].iter().any(|t| data_type.contains(t))
}

fn no_zones_on_sqlite() -> Error {
    Error::Config(
        "a binding's time_zone needs a PostgreSQL or MySQL target: SQLite has no time zones, so keep its times in UTC"
            .into(),
    )
}

/// A string as an SQL literal.
pub fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn major_units_read_exactly_as_minor_units() {
        assert_eq!(minor_units("120", 2).unwrap(), 12000);
        assert_eq!(minor_units("120.5", 2).unwrap(), 12050);
        assert_eq!(minor_units("120.50", 2).unwrap(), 12050);
        assert_eq!(minor_units("-3.20", 2).unwrap(), -320);
        assert_eq!(minor_units("12.3400", 2).unwrap(), 1234);
        assert_eq!(minor_units("1500", 0).unwrap(), 1500);
        assert!(minor_units("12.345", 2).is_err(), "a third decimal is not a cent");
        assert!(minor_units("1e3", 2).is_err());
        assert!(minor_units("", 2).is_err());
        assert!(minor_units("99999999999999999999", 2).is_err());
    }

    #[test]
    fn wall_clock_times_name_their_instant() {
        let berlin = zone("Europe/Berlin").unwrap();
        assert_eq!(instant("2026-12-20 10:00:00", berlin).unwrap().to_rfc3339(), "2026-12-20T09:00:00+00:00");
        assert_eq!(
            instant("2026-07-20 10:00:00.000000", berlin).unwrap().to_rfc3339(),
            "2026-07-20T08:00:00+00:00"
        );
        assert!(instant("2026-03-29 02:30:00", berlin).is_err(), "skipped by the clocks");
        assert!(zone("Mars/Olympus").is_err());
    }

    #[test]
    fn values_convert_both_ways_and_unlisted_ones_pass_through() {
        let values: BTreeMap<String, String> = [("confirmed".into(), "CONF".into())].into();
        let convention = Convention::Values(&values);
        assert_eq!(convention.to_logical("CONF").unwrap(), "confirmed");
        assert_eq!(convention.to_logical("HOLD").unwrap(), "HOLD");
        assert_eq!(convention.team_value("confirmed"), Some("CONF"));
        assert_eq!(
            convention.read_sql("r.state", Dialect::Postgres).unwrap(),
            "CASE r.state WHEN 'CONF' THEN 'confirmed' ELSE r.state END"
        );
    }
}
