//! Time windows: "today", "this week", "last month", "last 30 days",
//! "in October 2025", "since 2026-11-01", "between … and …", all resolved
//! against `now` into half-open ranges. Calendar boundaries (midnight, the
//! first of the month, Monday) are those of `now`'s time zone; the ranges are
//! stored in UTC.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

use crate::time::LocalTime;

use super::Window;
use super::calendar::DateMention;
use super::text::{Claim, Text};
use super::vocab::{is_unit, month_number};

/// The first window of a prompt, and the day it names when it is a single
/// named day ("tomorrow"), so that "tomorrow 14:30" can become a date-time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FoundWindow {
    pub window: Window,
    pub single_day: Option<NaiveDate>,
}

/// Claims every window phrase (so "2025" in "in October 2025" is never an
/// id) and returns the first one. A phrase whose arithmetic falls off the
/// calendar is claimed but yields nothing.
pub(super) fn first_window(text: &mut Text, dates: &[DateMention], now: LocalTime) -> Option<FoundWindow> {
    let mut first = None;
    let mut r = 0;
    while r < text.run_count() {
        let phrase = if text.run_is_free(r) { phrase_at(text, r, dates, now) } else { None };
        let (Some(phrase), Some(run)) = (phrase, text.run(r)) else {
            r += 1;
            continue;
        };
        text.claim(run.first..=phrase.last, Claim::Window);
        if first.is_none() {
            first = phrase.window;
        }
        while text.run(r).is_some_and(|run| run.first <= phrase.last) {
            r += 1;
        }
    }
    first
}

struct Phrase {
    /// Last token of the phrase.
    last: usize,
    window: Option<FoundWindow>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl Unit {
    fn parse(word: &str) -> Option<Unit> {
        Some(match word {
            "minute" | "minutes" | "min" | "mins" => Unit::Minute,
            "hour" | "hours" | "hr" | "hrs" | "h" => Unit::Hour,
            "day" | "days" | "d" => Unit::Day,
            "week" | "weeks" | "wk" | "wks" | "w" => Unit::Week,
            "month" | "months" => Unit::Month,
            "quarter" | "quarters" => Unit::Quarter,
            "year" | "years" | "yr" | "yrs" | "y" => Unit::Year,
            _ => return None,
        })
    }

    /// Days and longer have calendar boundaries; "this hour" means nothing here.
    fn is_calendar(self) -> bool {
        !matches!(self, Unit::Minute | Unit::Hour)
    }

    fn name(self, count: i64) -> &'static str {
        let (one, many) = match self {
            Unit::Minute => ("minute", "minutes"),
            Unit::Hour => ("hour", "hours"),
            Unit::Day => ("day", "days"),
            Unit::Week => ("week", "weeks"),
            Unit::Month => ("month", "months"),
            Unit::Quarter => ("quarter", "quarters"),
            Unit::Year => ("year", "years"),
        };
        if count == 1 { one } else { many }
    }
}

fn phrase_at(text: &Text, r: usize, dates: &[DateMention], now: LocalTime) -> Option<Phrase> {
    let run = text.run(r)?;
    let keyword = text.run_text(r);
    let single = |window: Option<FoundWindow>| Some(Phrase { last: run.last, window });
    match keyword {
        "today" => single(named_day(now, 0, "today")),
        "yesterday" => single(named_day(now, -1, "yesterday")),
        "tomorrow" => single(named_day(now, 1, "tomorrow")),
        "this" | "current" => {
            let (unit, last) = unit_after(text, r).filter(|(unit, _)| unit.is_calendar())?;
            Some(Phrase { last, window: calendar(now, unit, 0, &format!("{keyword} {}", unit.name(1))) })
        }
        "last" | "past" | "previous" | "prev" | "next" => relative(text, r, keyword, now),
        "in" | "during" | "for" => month_or_year(text, r, keyword, now),
        "since" | "from" | "between" | "on" => dated(text, run.last, keyword, dates, now),
        _ => None,
    }
}

/// The free run right after `r` (only whitespace between), if any.
fn next_run(text: &Text, r: usize) -> Option<usize> {
    (text.runs_adjacent(r) && text.run_is_free(r + 1)).then_some(r + 1)
}

/// A unit word right after run `r`: the unit and its token.
fn unit_after(text: &Text, r: usize) -> Option<(Unit, usize)> {
    let next = next_run(text, r)?;
    let unit = Unit::parse(text.run_text(next))?;
    Some((unit, text.run(next)?.last))
}

/// "last 30 days", "past 24h", "next 2 weeks" (rolling from `now`), "last
/// week", "next month" (calendar), "past week", "last hour" (rolling, one unit).
fn relative(text: &Text, r: usize, keyword: &str, now: LocalTime) -> Option<Phrase> {
    let forward = keyword == "next";
    let next = next_run(text, r)?;
    let next_run_tokens = text.run(next)?;
    // "30 days", or "24h" written as one word.
    let counted = if text.run_is_number(next) {
        unit_after(text, next).map(|(unit, last)| (text.run_text(next), unit, last))
    } else if next_run_tokens.last == next_run_tokens.first + 1 && text.is_number(next_run_tokens.first) {
        Unit::parse(text.lower(next_run_tokens.last))
            .map(|unit| (text.lower(next_run_tokens.first), unit, next_run_tokens.last))
    } else {
        None
    };
    if let Some((digits, unit, last)) = counted {
        let count = digits.parse::<i64>().ok().filter(|&count| count >= 1);
        let direction = if forward { "next" } else { "last" };
        let window = count.and_then(|count| {
            rolling(now, count, unit, forward, format!("{direction} {count} {}", unit.name(count)))
        });
        return Some(Phrase { last, window });
    }
    let unit = Unit::parse(text.run_text(next))?;
    let last = next_run_tokens.last;
    let label = format!("{keyword} {}", unit.name(1));
    // "last day" is the past 24 hours; "yesterday" is the calendar one.
    let is_calendar = unit.is_calendar() && unit != Unit::Day && keyword != "past";
    let window = if is_calendar {
        calendar(now, unit, if forward { 1 } else { -1 }, &label)
    } else {
        rolling(now, 1, unit, forward, label)
    };
    Some(Phrase { last, window })
}

/// "in October", "for oct 2025", "during 2025".
fn month_or_year(text: &Text, r: usize, keyword: &str, now: LocalTime) -> Option<Phrase> {
    let next = next_run(text, r)?;
    let next_last = text.run(next)?.last;
    if let Some(month) = month_number(text.run_text(next)) {
        let written_year = next_run(text, next).filter(|&year_run| is_year(text, year_run));
        let (year, last) = match written_year {
            Some(year_run) => (text.run_text(year_run).parse().ok()?, text.run(year_run)?.last),
            // The most recent such month that has begun: "in October" in March means last October.
            None if month <= now.month() => (now.year(), next_last),
            None => (now.year().checked_sub(1)?, next_last),
        };
        return Some(Phrase { last, window: month_window(year, month, now.timezone()) });
    }
    // A bare year, unless it is a quantity: "in 2025", not "in 2025 days" nor
    // "credit for 2000 users".
    let is_quantity =
        keyword == "for" || next_run(text, next).is_some_and(|after| is_unit(text.run_text(after)));
    if !is_year(text, next) || is_quantity {
        return None;
    }
    let year: i32 = text.run_text(next).parse().ok()?;
    let zone = now.timezone();
    let window = year_start(year).zip(year_start(year + 1)).map(|(from, to)| FoundWindow {
        window: Window { from: day_start(from, zone), to: day_start(to, zone), label: year.to_string() },
        single_day: None,
    });
    Some(Phrase { last: next_last, window })
}

fn is_year(text: &Text, r: usize) -> bool {
    text.run_is_number(r)
        && text.run_text(r).len() == 4
        && text.run_text(r).parse::<i32>().is_ok_and(|year| (1900..=2199).contains(&year))
}

/// "since 2026-11-01", "from 2026-11-01 [to 2026-11-15]", "between 2026-11-01
/// and 2026-11-15", "on 2026-11-01". `keyword_token` is the keyword's token.
fn dated(
    text: &Text,
    keyword_token: usize,
    keyword: &str,
    dates: &[DateMention],
    now: LocalTime,
) -> Option<Phrase> {
    let first = date_starting_at(dates, keyword_token + 1)?;
    let connector = first.last_token + 1;
    let joined = match keyword {
        "between" => text.word_is(connector, "and") || text.punct(connector) == Some('-'),
        "from" => {
            ["to", "until", "till", "through", "thru", "and"].iter().any(|word| text.word_is(connector, word))
                || matches!(text.punct(connector), Some('-' | '–'))
        }
        _ => false,
    };
    let second = if joined { date_starting_at(dates, connector + 1) } else { None };
    let (last, window) = match (keyword, second) {
        (_, Some(second)) => {
            // Both days are included: "to the 15th" means through the 15th.
            let (start, end) =
                if second.date < first.date { (second.date, first.date) } else { (first.date, second.date) };
            let window = end.succ_opt().map(|after| FoundWindow {
                window: Window {
                    from: day_start(start, now.timezone()),
                    to: day_start(after, now.timezone()),
                    label: format!("{start} to {end}"),
                },
                single_day: None,
            });
            (second.last_token, window)
        }
        ("between", None) => return None,
        ("on", None) => (first.last_token, day_window(first.date, first.date.to_string(), now.timezone())),
        (_, None) => {
            let from = day_start(first.date, now.timezone());
            let now = now.with_timezone(&Utc);
            // A start in the future would make an empty, inverted range.
            let window = (from < now).then(|| FoundWindow {
                window: Window { from, to: now, label: format!("since {}", first.date) },
                single_day: None,
            });
            (first.last_token, window)
        }
    };
    Some(Phrase { last, window })
}

fn date_starting_at(dates: &[DateMention], token: usize) -> Option<&DateMention> {
    let index = dates.binary_search_by_key(&token, |mention| mention.first_token).ok()?;
    dates.get(index)
}

/// Local midnight of `date` in UTC. Where a DST change skips midnight, the
/// day starts at the first instant that exists.
fn day_start(date: NaiveDate, zone: Tz) -> DateTime<Utc> {
    let midnight = date.and_time(NaiveTime::MIN);
    let local = zone.from_local_datetime(&midnight).earliest().or_else(|| {
        (1..=4).find_map(|hours| zone.from_local_datetime(&(midnight + TimeDelta::hours(hours))).earliest())
    });
    local.map_or_else(|| midnight.and_utc(), |time| time.with_timezone(&Utc))
}

fn year_start(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 1, 1)
}

fn shift_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

fn shift_months(date: NaiveDate, months: i32) -> Option<NaiveDate> {
    if months >= 0 {
        date.checked_add_months(Months::new(months.unsigned_abs()))
    } else {
        date.checked_sub_months(Months::new(months.unsigned_abs()))
    }
}

fn day_window(day: NaiveDate, label: String, zone: Tz) -> Option<FoundWindow> {
    let after = day.succ_opt()?;
    Some(FoundWindow {
        window: Window { from: day_start(day, zone), to: day_start(after, zone), label },
        single_day: Some(day),
    })
}

fn named_day(now: LocalTime, offset: i64, label: &str) -> Option<FoundWindow> {
    day_window(shift_days(now.date_naive(), offset)?, label.to_string(), now.timezone())
}

/// A whole calendar unit: `offset` 0 is the one containing `now`, -1 the one
/// before. Weeks start on Monday.
fn calendar(now: LocalTime, unit: Unit, offset: i32, label: &str) -> Option<FoundWindow> {
    let today = now.date_naive();
    let zone = now.timezone();
    let (from, to) = match unit {
        Unit::Minute | Unit::Hour => return None,
        Unit::Day => {
            let day = shift_days(today, i64::from(offset))?;
            (day, day.succ_opt()?)
        }
        Unit::Week => {
            let monday = shift_days(today, -i64::from(today.weekday().num_days_from_monday()))?;
            let from = shift_days(monday, 7 * i64::from(offset))?;
            (from, shift_days(from, 7)?)
        }
        Unit::Month => {
            let from = shift_months(today.with_day(1)?, offset)?;
            (from, shift_months(from, 1)?)
        }
        Unit::Quarter => {
            let quarter_start = NaiveDate::from_ymd_opt(today.year(), today.month0() / 3 * 3 + 1, 1)?;
            let from = shift_months(quarter_start, offset.checked_mul(3)?)?;
            (from, shift_months(from, 3)?)
        }
        Unit::Year => {
            let year = today.year().checked_add(offset)?;
            (year_start(year)?, year_start(year.checked_add(1)?)?)
        }
    };
    Some(FoundWindow {
        window: Window { from: day_start(from, zone), to: day_start(to, zone), label: label.to_string() },
        single_day: None,
    })
}

/// `count` units back from `now` (or forward, for "next"): days are exactly
/// 24 hours each; months and years follow the calendar, clamping to the end
/// of shorter months.
fn rolling(now: LocalTime, count: i64, unit: Unit, forward: bool, label: String) -> Option<FoundWindow> {
    let other_end = match unit {
        Unit::Minute | Unit::Hour | Unit::Day | Unit::Week => {
            let delta = match unit {
                Unit::Minute => TimeDelta::try_minutes(count)?,
                Unit::Hour => TimeDelta::try_hours(count)?,
                Unit::Day => TimeDelta::try_days(count)?,
                _ => TimeDelta::try_weeks(count)?,
            };
            if forward { now.checked_add_signed(delta)? } else { now.checked_sub_signed(delta)? }
        }
        Unit::Month | Unit::Quarter | Unit::Year => {
            let months_per_unit = match unit {
                Unit::Year => 12,
                Unit::Quarter => 3,
                _ => 1,
            };
            let months = count.checked_mul(months_per_unit)?;
            let months = Months::new(u32::try_from(months).ok()?);
            if forward { now.checked_add_months(months)? } else { now.checked_sub_months(months)? }
        }
    };
    let (now, other_end) = (now.with_timezone(&Utc), other_end.with_timezone(&Utc));
    let (from, to) = if forward { (now, other_end) } else { (other_end, now) };
    Some(FoundWindow { window: Window { from, to, label }, single_day: None })
}

fn month_window(year: i32, month: u32, zone: Tz) -> Option<FoundWindow> {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let from = NaiveDate::from_ymd_opt(year, month, 1)?;
    let name = NAMES.get(usize::try_from(month).ok()?.checked_sub(1)?)?;
    Some(FoundWindow {
        window: Window {
            from: day_start(from, zone),
            to: day_start(shift_months(from, 1)?, zone),
            label: format!("{name} {year}"),
        },
        single_day: None,
    })
}
