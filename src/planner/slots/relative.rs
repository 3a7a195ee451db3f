//! A new time said the way people say it, when no calendar date was written:
//! "Friday at 14:30", "next Wednesday noon", "the day after tomorrow 9am",
//! "in two hours", "1 December 10:00", "30/11/2026 08:00". Day names mean the
//! coming one (never today), in the team's time zone. A numeric date that
//! reads as two different days ("03/12") is a doubt: the planner asks.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};

use super::calendar::local_instant;
use crate::time::LocalTime;

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("mon", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("tue", Weekday::Tue),
    ("tues", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("wed", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("thu", Weekday::Thu),
    ("thurs", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("fri", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sat", Weekday::Sat),
    ("sunday", Weekday::Sun),
    ("sun", Weekday::Sun),
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const SMALL_NUMBERS: &[&str] = &[
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
];

/// What a text says about a new time.
#[derive(Debug, Default, PartialEq)]
pub struct Relative {
    pub datetime: Option<DateTime<Utc>>,
    /// Why a date cannot be taken as written.
    pub doubts: Vec<String>,
}

fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '/' || c == ':'))
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn month_of(word: &str) -> Option<u32> {
    MONTHS.iter().position(|m| *m == word || (word.len() >= 3 && m.starts_with(word))).map(|i| i as u32 + 1)
}

fn day_number(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse::<u32>().ok().filter(|d| (1..=31).contains(d))
}

/// The first date the words name, and any doubt about one.
fn day(words: &[String], today: NaiveDate, doubts: &mut Vec<String>) -> Option<NaiveDate> {
    for (at, word) in words.iter().enumerate() {
        let next = words.get(at + 1).map(String::as_str);
        if word == "day" && next == Some("after") && words.get(at + 2).is_some_and(|w| w == "tomorrow") {
            return Some(today + Duration::days(2));
        }
        if let Some((_, weekday)) = WEEKDAYS.iter().find(|(name, _)| name == word) {
            let ahead = (7 + weekday.num_days_from_monday() as i64
                - today.weekday().num_days_from_monday() as i64)
                % 7;
            return Some(today + Duration::days(if ahead == 0 { 7 } else { ahead }));
        }
        // "1 December", "1st of December", "December 1".
        if let Some(d) = day_number(word) {
            let month = match next {
                Some("of") => words.get(at + 2).and_then(|w| month_of(w)),
                Some(w) => month_of(w),
                None => None,
            };
            if let Some(month) = month {
                return in_year_ahead(today, month, d);
            }
        }
        if let Some(month) = month_of(word).filter(|_| word.len() >= 3)
            && let Some(d) = next.and_then(day_number)
        {
            return in_year_ahead(today, month, d);
        }
        // "30/11/2026", "30/11", "03/12" (two readings: a doubt).
        let parts: Vec<&str> = word.split('/').collect();
        if (2..=3).contains(&parts.len())
            && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        {
            let (a, b) = (parts[0].parse::<u32>().ok()?, parts[1].parse::<u32>().ok()?);
            if parts[0].len() == 4 {
                continue;
            }
            let year =
                parts.get(2).and_then(|y| y.parse::<i32>().ok()).map(|y| if y < 100 { 2000 + y } else { y });
            let day_first = NaiveDate::from_ymd_opt(year.unwrap_or(today.year()), b, a);
            let month_first = NaiveDate::from_ymd_opt(year.unwrap_or(today.year()), a, b);
            match (day_first, month_first) {
                (Some(x), Some(y)) if x != y => {
                    doubts.push(format!(
                        "`{word}` could be {} or {}; write the date as {}",
                        x.format("%-d %B"),
                        y.format("%-d %B"),
                        x.format("%Y-%m-%d")
                    ));
                    return None;
                }
                (Some(x), _) | (None, Some(x)) => return Some(x),
                (None, None) => {}
            }
        }
    }
    None
}

/// That day of that month, this year or, once it has passed, the next.
fn in_year_ahead(today: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    let this_year = NaiveDate::from_ymd_opt(today.year(), month, day)?;
    if this_year >= today { Some(this_year) } else { NaiveDate::from_ymd_opt(today.year() + 1, month, day) }
}

fn named_time(words: &[String]) -> Option<NaiveTime> {
    words.iter().find_map(|w| match w.as_str() {
        "noon" | "midday" | "lunchtime" => NaiveTime::from_hms_opt(12, 0, 0),
        "midnight" => NaiveTime::from_hms_opt(0, 0, 0),
        _ => None,
    })
}

/// "in two hours", "in 90 minutes": that long from now.
fn from_now(words: &[String], now: LocalTime) -> Option<DateTime<Utc>> {
    words.windows(3).find_map(|w| {
        if w[0] != "in" {
            return None;
        }
        let n = w[1]
            .parse::<i64>()
            .ok()
            .or_else(|| SMALL_NUMBERS.iter().position(|s| *s == w[1]).map(|n| n as i64))?;
        let span = match w[2].as_str() {
            "hour" | "hours" | "hr" | "hrs" | "h" => Duration::hours(n),
            "minute" | "minutes" | "min" | "mins" => Duration::minutes(n),
            _ => return None,
        };
        Some((now + span).with_timezone(&Utc))
    })
}

/// The new time `text` names, given the clock times already found in it.
pub fn relative(text: &str, times: &[NaiveTime], now: LocalTime) -> Relative {
    let words = tokens(text);
    let mut found = Relative::default();
    if let Some(at) = from_now(&words, now) {
        found.datetime = Some(at);
        return found;
    }
    let today = now.date_naive();
    if let Some(date) = day(&words, today, &mut found.doubts) {
        let time = times.first().copied().or_else(|| named_time(&words)).unwrap_or(NaiveTime::MIN);
        found.datetime = local_instant(date.and_time(time), now.timezone());
    }
    found
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at(text: &str, times: &[NaiveTime]) -> Relative {
        let now = chrono_tz::Tz::UTC.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap();
        relative(text, times, now)
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> Option<DateTime<Utc>> {
        Some(Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap())
    }

    #[test]
    fn day_names_mean_the_coming_one_at_the_time_said() {
        let half_past_two = [NaiveTime::from_hms_opt(14, 30, 0).unwrap()];
        assert_eq!(at("push it to Friday at 14:30", &half_past_two).datetime, utc(2026, 11, 27, 14, 30));
        assert_eq!(at("next Monday", &[]).datetime, utc(2026, 11, 30, 0, 0), "today is Monday: the next one");
        assert_eq!(at("Wednesday noon", &[]).datetime, utc(2026, 11, 25, 12, 0));
        assert_eq!(at("the day after tomorrow", &half_past_two).datetime, utc(2026, 11, 25, 14, 30));
    }

    #[test]
    fn month_names_numbers_and_spans_from_now() {
        assert_eq!(at("on 1 December", &[]).datetime, utc(2026, 12, 1, 0, 0));
        assert_eq!(at("March 3rd", &[]).datetime, utc(2027, 3, 3, 0, 0), "a day already past is next year's");
        assert_eq!(at("in two hours", &[]).datetime, utc(2026, 11, 23, 17, 0));
        assert_eq!(at("30/11/2026", &[]).datetime, utc(2026, 11, 30, 0, 0));
        let two_ways = at("03/12 at 10", &[]);
        assert_eq!(two_ways.datetime, None);
        assert!(two_ways.doubts[0].contains("3 December or 12 March"), "{:?}", two_ways.doubts);
    }
}
