//! Calendar dates (`2026-12-01`, `2026/12/01`, `01.12.2026`, ISO date-times)
//! and clock times (`14:30`, `9:05`, `2pm`, `2 p.m.`).

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

use super::text::{Claim, Kind, Text};
use super::vocab::{currency_symbol, currency_word, entity_noun, is_unit};

/// A date written in the prompt, with the tokens it covers so that window
/// phrases ("since …", "between … and …") can find it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct DateMention {
    pub date: NaiveDate,
    pub first_token: usize,
    pub last_token: usize,
    /// Only for ISO date-times (`2026-12-01T14:30:00+02:00`).
    pub time: Option<NaiveTime>,
    /// East of UTC, in minutes, when an offset (or `Z`) was written; otherwise
    /// the date is in the team's time zone.
    pub offset_minutes: Option<i32>,
}

impl DateMention {
    /// This date at its own time, else at `first_time`, else at midnight: at
    /// the written offset, or in `zone` (the earlier instant when a DST change
    /// repeats the hour, the first one after when it skips it).
    pub fn datetime(&self, first_time: Option<NaiveTime>, zone: Tz) -> Option<DateTime<Utc>> {
        let wall = self.date.and_time(self.time.or(first_time).unwrap_or(NaiveTime::MIN));
        match self.offset_minutes {
            Some(offset) => wall.and_utc().checked_sub_signed(TimeDelta::try_minutes(i64::from(offset))?),
            None => local_instant(wall, zone),
        }
    }
}

/// A wall-clock time in `zone`, in UTC.
pub(super) fn local_instant(wall: chrono::NaiveDateTime, zone: Tz) -> Option<DateTime<Utc>> {
    zone.from_local_datetime(&wall)
        .earliest()
        .or_else(|| zone.from_local_datetime(&(wall + TimeDelta::hours(1))).earliest())
        .map(|time| time.with_timezone(&Utc))
}

/// Finds and claims every date. Date-shaped text that is not a real date
/// (`2026-02-30`) is claimed too, so its numbers do not turn into ids.
pub(super) fn dates(text: &mut Text) -> Vec<DateMention> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let shape = if text.is_free(i) && text.starts_fresh(i) { date_at(text, i) } else { None };
        match shape {
            Some((last, mention)) => {
                text.claim(i..=last, if mention.is_some() { Claim::Date } else { Claim::Malformed });
                found.extend(mention);
                i = last + 1;
            }
            None => i += 1,
        }
    }
    found
}

/// Finds and claims every free-standing time and returns them, merged with
/// the times of ISO date-times, in prompt order.
pub(super) fn times(text: &mut Text, dates: &[DateMention]) -> Vec<NaiveTime> {
    let mut found: Vec<(usize, NaiveTime)> =
        dates.iter().filter_map(|mention| Some((mention.first_token, mention.time?))).collect();
    let iso_times = found.len();
    let mut i = 0;
    while i < text.len() {
        let shape = if text.is_free(i) && text.starts_fresh(i) { time_at(text, i) } else { None };
        match shape {
            Some((last, time)) => {
                text.claim(i..=last, if time.is_some() { Claim::Time } else { Claim::Malformed });
                found.extend(time.map(|time| (i, time)));
                i = last + 1;
            }
            None => i += 1,
        }
    }
    if iso_times > 0 {
        found.sort_unstable_by_key(|&(position, _)| position);
    }
    found.into_iter().map(|(_, time)| time).collect()
}

fn digits(text: &Text, i: usize, lengths: std::ops::RangeInclusive<usize>) -> Option<u32> {
    let token = text.lower(i);
    if !text.is_number(i) || !text.is_free(i) || !lengths.contains(&token.len()) {
        return None;
    }
    token.parse().ok()
}

/// A glued `separator` at `i` followed by a glued number of `lengths` digits.
fn glued_part(
    text: &Text,
    i: usize,
    separator: char,
    lengths: std::ops::RangeInclusive<usize>,
) -> Option<u32> {
    if text.punct(i) != Some(separator) || !text.glued_between(i) {
        return None;
    }
    digits(text, i + 1, lengths)
}

/// A date shape starting at token `i`: the last token it covers and the date,
/// `None` when the shape matched but the calendar says no.
fn date_at(text: &Text, i: usize) -> Option<(usize, Option<DateMention>)> {
    // Year first: 2026-12-01 or 2026/12/01.
    if let Some(year) = digits(text, i, 4..=4)
        && let Some(separator @ ('-' | '/')) = text.punct(i + 1)
        && let Some(month) = glued_part(text, i + 1, separator, 1..=2)
        && let Some(day) = glued_part(text, i + 3, separator, 1..=2)
    {
        let mut mention = NaiveDate::from_ymd_opt(year as i32, month, day).map(|date| DateMention {
            date,
            first_token: i,
            last_token: i + 4,
            time: None,
            offset_minutes: None,
        });
        let mut last = i + 4;
        if separator == '-'
            && let Some((time_last, time, offset_minutes)) = iso_time_after(text, i + 5)
        {
            last = time_last;
            mention = match (mention, time) {
                (Some(date), Some(time)) => {
                    Some(DateMention { time: Some(time), offset_minutes, last_token: last, ..date })
                }
                _ => None,
            };
        }
        return Some((last, mention));
    }
    // Day first, dotted: 01.12.2026 (never with slashes, where 01/12 is ambiguous).
    if let Some(day) = digits(text, i, 1..=2)
        && let Some(month) = glued_part(text, i + 1, '.', 1..=2)
        && let Some(year) = glued_part(text, i + 3, '.', 4..=4)
    {
        let mention = NaiveDate::from_ymd_opt(year as i32, month, day).map(|date| DateMention {
            date,
            first_token: i,
            last_token: i + 4,
            time: None,
            offset_minutes: None,
        });
        return Some((i + 4, mention));
    }
    None
}

/// The `T14:30[:05][.123][Z|+02:00|+0200]` that may follow an ISO date at
/// token `t`: last token, time (`None` if out of range) and offset.
fn iso_time_after(text: &Text, t: usize) -> Option<(usize, Option<NaiveTime>, Option<i32>)> {
    if !text.glued(t) || text.lower(t) != "t" {
        return None;
    }
    let hour = glued_number(text, t + 1, 1..=2)?;
    let minute = glued_part(text, t + 2, ':', 2..=2)?;
    let mut last = t + 3;
    let mut second = 0;
    if let Some(value) = glued_part(text, last + 1, ':', 2..=2) {
        second = value;
        last += 2;
        if glued_part(text, last + 1, '.', 1..=9).is_some() {
            last += 2; // fractions of a second do not matter to a plan
        }
    }
    let mut offset_minutes = None;
    if text.glued(last + 1) && text.lower(last + 1) == "z" && text.ends_run(last + 1) {
        offset_minutes = Some(0);
        last += 1;
    } else if let Some(sign @ ('+' | '-')) = text.punct(last + 1)
        && text.glued_between(last + 1)
    {
        let sign = if sign == '-' { -1 } else { 1 };
        if let Some(hours) = digits(text, last + 2, 2..=2)
            && let Some(minutes) = glued_part(text, last + 3, ':', 2..=2)
        {
            offset_minutes = Some(sign * (hours * 60 + minutes) as i32);
            last += 4;
        } else if let Some(packed) = digits(text, last + 2, 4..=4) {
            offset_minutes = Some(sign * ((packed / 100) * 60 + packed % 100) as i32);
            last += 2;
        }
    }
    let time = NaiveTime::from_hms_opt(hour, minute, second)
        .filter(|_| offset_minutes.is_none_or(|m| m.abs() < 24 * 60));
    Some((last, time, offset_minutes))
}

fn glued_number(text: &Text, i: usize, lengths: std::ops::RangeInclusive<usize>) -> Option<u32> {
    if !text.glued(i) {
        return None;
    }
    digits(text, i, lengths)
}

/// A time shape starting at token `i`: the last token it covers and the time,
/// `None` when the shape matched but the clock says no (`25:00`, `13pm`).
fn time_at(text: &Text, i: usize) -> Option<(usize, Option<NaiveTime>)> {
    let hour = digits(text, i, 1..=2)?;
    if let Some(minute) = glued_part(text, i + 1, ':', 2..=2) {
        let mut last = i + 2;
        let mut second = 0;
        if let Some(value) = glued_part(text, last + 1, ':', 2..=2) {
            second = value;
            last += 2;
        }
        let (last, hour) = match meridiem_at(text, last + 1) {
            Some((meridiem_last, is_pm)) => (meridiem_last, twelve_hour(hour, is_pm)),
            None => (last, Some(hour)),
        };
        let time = hour.and_then(|hour| NaiveTime::from_hms_opt(hour, minute, second));
        return Some((last, time));
    }
    if let Some((last, is_pm)) = meridiem_at(text, i + 1) {
        return Some((last, twelve_hour(hour, is_pm).and_then(|hour| NaiveTime::from_hms_opt(hour, 0, 0))));
    }
    let bare_hour = hour <= 23 && i.checked_sub(1).is_some_and(|at| text.word_is(at, "at")) && !text.glued(i);
    (bare_hour && ends_bare_hour(text, i + 1)).then(|| (i, NaiveTime::from_hms_opt(hour, 0, 0)))
}

/// Whether token `next` lets the number before it be an hour after "at":
/// "at 9", "at 9, tomorrow", but not "at 5 bookings", "at 9%", "at 9.50".
fn ends_bare_hour(text: &Text, next: usize) -> bool {
    match text.kind(next) {
        None => true,
        Some(Kind::Punct(c)) => {
            let decimal = matches!(c, '.' | ',') && text.glued_between(next) && text.is_number(next + 1);
            !decimal && c != '%' && currency_symbol(c).is_none()
        }
        Some(Kind::Word) => {
            let word = text.lower(next);
            !text.glued(next)
                && entity_noun(word).is_none()
                && !is_unit(word)
                && currency_word(word).is_none()
        }
        Some(Kind::Number) => false,
    }
}

fn twelve_hour(hour: u32, is_pm: bool) -> Option<u32> {
    match (hour, is_pm) {
        (1..=11, false) => Some(hour),
        (12, false) => Some(0),
        (1..=11, true) => Some(hour + 12),
        (12, true) => Some(12),
        _ => None,
    }
}

/// `am`/`pm` (glued or not) or `a.m.`/`p.m.` at token `i`: last token and
/// whether it is afternoon.
fn meridiem_at(text: &Text, i: usize) -> Option<(usize, bool)> {
    // Glued ("2pm") it ends the number's run; spaced ("2 pm") it is a whole word.
    if !text.is_free(i) || !text.ends_run(i) {
        return None;
    }
    match text.lower(i) {
        "am" => return Some((i, false)),
        "pm" => return Some((i, true)),
        _ => {}
    }
    let is_pm = match text.lower(i) {
        "a" => false,
        "p" => true,
        _ => return None,
    };
    if text.punct(i + 1) != Some('.') || !text.glued_between(i + 1) || text.lower(i + 2) != "m" {
        return None;
    }
    if !text.is_standalone(i + 2) {
        return None;
    }
    let last = if text.punct(i + 3) == Some('.') && text.glued(i + 3) { i + 3 } else { i + 2 };
    Some((last, is_pm))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates_in(prompt: &str) -> Vec<NaiveDate> {
        dates(&mut Text::new(prompt)).into_iter().map(|mention| mention.date).collect()
    }

    fn times_in(prompt: &str) -> Vec<NaiveTime> {
        let mut text = Text::new(prompt);
        let found = dates(&mut text);
        times(&mut text, &found)
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn time(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn iso_slashed_and_dotted_dates() {
        assert_eq!(dates_in("on 2026-12-01."), [date(2026, 12, 1)]);
        assert_eq!(dates_in("2026/12/1 and 01.12.2026"), [date(2026, 12, 1), date(2026, 12, 1)]);
        assert_eq!(dates_in("1.2.2027"), [date(2027, 2, 1)]);
    }

    #[test]
    fn impossible_dates_are_claimed_but_not_returned() {
        let mut text = Text::new("2026-02-30 2026-13-01 31.04.2026");
        assert!(dates(&mut text).is_empty());
        assert!((0..text.len()).all(|i| text.claim_of(i) == Some(Claim::Malformed)));
    }

    #[test]
    fn not_dates() {
        assert!(dates_in("01/12/2026 12.5 2026-1 0151-2345678 2026--12-01 2026 - 12 - 01").is_empty());
    }

    #[test]
    fn iso_date_times_carry_their_time_and_offset() {
        let mut text = Text::new("at 2026-12-01T14:30:00+02:00 or 2026-12-02t09:15z");
        let found = dates(&mut text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].time, Some(time(14, 30)));
        assert_eq!(found[0].offset_minutes, Some(120));
        assert_eq!(
            found[0].datetime(None, chrono_tz::Tz::UTC).unwrap().to_rfc3339(),
            "2026-12-01T12:30:00+00:00"
        );
        assert_eq!(
            found[1].datetime(None, chrono_tz::Tz::UTC).unwrap().to_rfc3339(),
            "2026-12-02T09:15:00+00:00"
        );
        assert_eq!(times(&mut text, &found), [time(14, 30), time(9, 15)]);
        assert!((0..text.len()).all(|i| text.claim_of(i) != Some(Claim::Free)
            || text.lower(i) == "at"
            || text.lower(i) == "or"));
    }

    #[test]
    fn clock_times_in_each_form() {
        assert_eq!(
            times_in("14:30, 9:05 and 23:59:59"),
            [time(14, 30), time(9, 5), NaiveTime::from_hms_opt(23, 59, 59).unwrap()]
        );
        assert_eq!(
            times_in("2pm 2 pm 2 p.m. 12am 12 PM 11:15pm 7 a.m"),
            [time(14, 0), time(14, 0), time(14, 0), time(0, 0), time(12, 0), time(23, 15), time(7, 0)]
        );
    }

    #[test]
    fn not_times() {
        assert!(times_in("complaint 9: customer refunded").is_empty());
        assert!(times_in("25:00 13pm 0am 12:60 ratio 3:1 i am 5 amps").is_empty());
        assert!(times_in("p2 pm").is_empty());
        assert!(
            times_in("look at 5 bookings, at 9%, at 9.50, at 3 days, at 30, at 7 eur, at 8h, 9").is_empty()
        );
    }

    #[test]
    fn a_bare_hour_after_at() {
        assert_eq!(times_in("tomorrow at 9"), [time(9, 0)]);
        assert_eq!(times_in("at 17, please"), [time(17, 0)]);
        assert_eq!(times_in("at 9 tomorrow"), [time(9, 0)]);
    }

    #[test]
    fn merged_times_keep_prompt_order() {
        assert_eq!(times_in("9:00 then 2026-12-01T14:30 then 4pm"), [time(9, 0), time(14, 30), time(16, 0)]);
    }
}
