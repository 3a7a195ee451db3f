//! End-to-end specifications of [`extract`]: whole prompts in, every slot out.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::{Entity, Slots, extract};

/// Wednesday 18 November 2026, 10:30 UTC.
fn now() -> DateTime<Utc> {
    at(2026, 11, 18, 10, 30)
}

fn at(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, month, day, hour, minute, 0).unwrap()
}

fn midnight(year: i32, month: u32, day: u32) -> DateTime<Utc> {
    at(year, month, day, 0, 0)
}

/// `now` seen from a team whose time zone is UTC.
fn utc(now: DateTime<Utc>) -> crate::time::LocalTime {
    now.with_timezone(&chrono_tz::Tz::UTC)
}

fn ids(slots: &Slots) -> Vec<(i64, Option<Entity>)> {
    slots.ids.iter().map(|id| (id.value, id.entity.clone())).collect()
}

fn amounts(slots: &Slots) -> Vec<(i64, Option<&str>)> {
    slots.amounts.iter().map(|amount| (amount.cents, amount.currency.as_deref())).collect()
}

/// The window's (from, to, label), panicking with the prompt if there is none.
fn window(prompt: &str, now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>, String) {
    let slots = extract(prompt, utc(now));
    let window = slots.window.unwrap_or_else(|| panic!("no window in {prompt:?}"));
    (window.from, window.to, window.label)
}

fn only_words(slots: &Slots) -> Slots {
    Slots { words: slots.words.clone(), ..Slots::default() }
}

// ---- the brief's examples, one by one ----

#[test]
fn refunds() {
    let slots = extract("refund booking 1042", utc(now()));
    assert_eq!(ids(&slots), [(1042, Some(Entity::Booking))]);
    assert_eq!(slots, Slots { ids: slots.ids.clone(), ..only_words(&slots) });
    assert_eq!(slots.words, ["refund", "booking", "1042"]);

    let slots = extract("refund #1042 for 25 eur", utc(now()));
    assert_eq!(ids(&slots), [(1042, None)]);
    assert_eq!(amounts(&slots), [(2500, Some("EUR"))]);

    let prompt = "give money back for order no. 1042 — €12.50";
    let slots = extract(prompt, utc(now()));
    assert_eq!(ids(&slots), [(1042, Some(Entity::Booking))]);
    assert_eq!(amounts(&slots), [(1250, Some("EUR"))]);
    assert_eq!(&prompt[slots.amounts[0].start..slots.amounts[0].end], "€12.50");
    assert_eq!(&prompt[slots.ids[0].start..slots.ids[0].end], "1042");

    let slots = extract("reimburse reservation 77 amount 30", utc(now()));
    assert_eq!(ids(&slots), [(77, Some(Entity::Booking))]);
    assert_eq!(amounts(&slots), [(3000, None)]);
}

#[test]
fn cancel_and_reschedule() {
    let slots = extract("cancel booking 5 and refund it", utc(now()));
    assert_eq!(ids(&slots), [(5, Some(Entity::Booking))]);
    assert!(slots.statuses.is_empty() && slots.amounts.is_empty() && slots.window.is_none());

    let slots = extract("reschedule booking 12 to 2026-12-01 14:30", utc(now()));
    assert_eq!(ids(&slots), [(12, Some(Entity::Booking))]);
    assert_eq!(slots.dates, [NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()]);
    assert_eq!(slots.times, [NaiveTime::from_hms_opt(14, 30, 0).unwrap()]);
    assert_eq!(slots.datetime, Some(at(2026, 12, 1, 14, 30)));
    assert!(slots.window.is_none() && slots.phones.is_empty() && slots.amounts.is_empty());
}

#[test]
fn users() {
    let slots = extract("credit user 88 wallet with 15 dollars", utc(now()));
    assert_eq!(ids(&slots), [(88, Some(Entity::User))]);
    assert_eq!(amounts(&slots), [(1500, Some("USD"))]);

    let slots = extract("update phone of user 12 to +49 151 2345 6789", utc(now()));
    assert_eq!(ids(&slots), [(12, Some(Entity::User))]);
    assert_eq!(slots.phones, ["+4915123456789"]);
    assert!(slots.amounts.is_empty() && slots.times.is_empty());

    let slots = extract("find user anna@example.net", utc(now()));
    assert_eq!(slots.emails, ["anna@example.net"]);
    assert!(slots.ids.is_empty() && slots.config_keys.is_empty());
}

#[test]
fn complaints() {
    let slots = extract("assign complaint 17 to agent@example.com", utc(now()));
    assert_eq!(ids(&slots), [(17, Some(Entity::Complaint))]);
    assert_eq!(slots.emails, ["agent@example.com"]);
    assert!(slots.roles.is_empty(), "the role inside an e-mail is not a role");

    let slots = extract("escalate complaint #23", utc(now()));
    assert_eq!(ids(&slots), [(23, Some(Entity::Complaint))]);
    assert!(slots.statuses.is_empty(), "the verb is not the status");

    let slots = extract("resolve complaint 9: customer refunded", utc(now()));
    assert_eq!(ids(&slots), [(9, Some(Entity::Complaint))]);
    assert_eq!(slots.statuses, ["refunded"]);
    assert!(slots.times.is_empty());
}

#[test]
fn staff() {
    let slots = extract("make kim@example.com a senior agent", utc(now()));
    assert_eq!(slots.emails, ["kim@example.com"]);
    assert_eq!(slots.roles, ["senior_agent"]);

    let slots = extract("set role of bob@corp.example to manager", utc(now()));
    assert_eq!(slots.emails, ["bob@corp.example"]);
    assert_eq!(slots.roles, ["manager"]);
    assert!(slots.config_keys.is_empty() && slots.config_value.is_none());

    let slots = extract("deactivate staff viewer@example.com", utc(now()));
    assert_eq!(slots.emails, ["viewer@example.com"]);
    assert!(slots.roles.is_empty());

    assert_eq!(extract("promote a super admin and an admin", utc(now())).roles, ["super_admin", "admin"]);
    assert_eq!(extract("Super-Admin", utc(now())).roles, ["super_admin"]);
}

#[test]
fn lists_and_metrics() {
    let slots = extract("list critical complaints opened this week", utc(now()));
    assert_eq!(slots.priorities, ["critical"]);
    assert!(slots.statuses.is_empty(), "opened is not open");
    assert_eq!(window("list critical complaints opened this week", now()).2, "this week");

    let slots = extract("bookings cancelled in the last 30 days", utc(now()));
    assert_eq!(slots.statuses, ["cancelled"]);
    assert!(slots.ids.is_empty());
    let window = slots.window.unwrap();
    assert_eq!(
        (window.from, window.to, window.label.as_str()),
        (at(2026, 10, 19, 10, 30), now(), "last 30 days")
    );

    let slots = extract("revenue today", utc(now()));
    assert_eq!(slots.window.unwrap().label, "today");
    assert!(slots.datetime.is_none());

    assert_eq!(extract("pending providers", utc(now())).statuses, ["pending"]);

    let slots = extract("set config sla.buffer_hours to 2", utc(now()));
    assert_eq!(slots.config_keys, ["sla.buffer_hours"]);
    assert_eq!(slots.config_value.as_deref(), Some("2"));
    assert!(slots.ids.is_empty(), "a config value is not an id");
}

// ---- windows ----

#[test]
fn named_days() {
    assert_eq!(
        window("revenue today", now()),
        (midnight(2026, 11, 18), midnight(2026, 11, 19), "today".into())
    );
    assert_eq!(
        window("yesterday", now()),
        (midnight(2026, 11, 17), midnight(2026, 11, 18), "yesterday".into())
    );
    assert_eq!(
        window("Tomorrow", now()),
        (midnight(2026, 11, 19), midnight(2026, 11, 20), "tomorrow".into())
    );
    // Across a year boundary.
    let new_year = at(2027, 1, 1, 0, 5);
    assert_eq!(window("yesterday", new_year).0, midnight(2026, 12, 31));
    assert_eq!(window("tomorrow", at(2026, 12, 31, 23, 59)).1, midnight(2027, 1, 2));
}

#[test]
fn calendar_weeks_start_on_monday() {
    assert_eq!(
        window("this week", now()),
        (midnight(2026, 11, 16), midnight(2026, 11, 23), "this week".into())
    );
    assert_eq!(
        window("last week", now()),
        (midnight(2026, 11, 9), midnight(2026, 11, 16), "last week".into())
    );
    assert_eq!(window("next week", now()).0, midnight(2026, 11, 23));
    // On a Sunday the week is the one that started six days earlier.
    let sunday = at(2026, 11, 22, 23, 0);
    assert_eq!(
        window("this week", sunday),
        (midnight(2026, 11, 16), midnight(2026, 11, 23), "this week".into())
    );
    // On a Monday at midnight the week starts right now.
    let monday = midnight(2026, 11, 23);
    assert_eq!(window("current week", monday).0, monday);
    // A week that spans New Year.
    assert_eq!(
        window("this week", midnight(2027, 1, 1)),
        (midnight(2026, 12, 28), midnight(2027, 1, 4), "this week".into())
    );
}

#[test]
fn calendar_months_and_years() {
    assert_eq!(
        window("this month", now()),
        (midnight(2026, 11, 1), midnight(2026, 12, 1), "this month".into())
    );
    assert_eq!(
        window("last month", now()),
        (midnight(2026, 10, 1), midnight(2026, 11, 1), "last month".into())
    );
    let january = at(2027, 1, 15, 8, 0);
    assert_eq!(
        window("last month", january),
        (midnight(2026, 12, 1), midnight(2027, 1, 1), "last month".into())
    );
    assert_eq!(window("previous month", at(2027, 3, 31, 0, 0)).0, midnight(2027, 2, 1));
    assert_eq!(window("this month", at(2026, 12, 31, 23, 59)).1, midnight(2027, 1, 1));
    assert_eq!(
        window("next month", at(2026, 12, 5, 0, 0)),
        (midnight(2027, 1, 1), midnight(2027, 2, 1), "next month".into())
    );
    assert_eq!(window("this year", now()), (midnight(2026, 1, 1), midnight(2027, 1, 1), "this year".into()));
    assert_eq!(window("this day", now()).0, midnight(2026, 11, 18));
    assert_eq!(
        window("last year", january),
        (midnight(2026, 1, 1), midnight(2027, 1, 1), "last year".into())
    );
    assert_eq!(
        window("this quarter", now()),
        (midnight(2026, 10, 1), midnight(2027, 1, 1), "this quarter".into())
    );
    assert_eq!(
        window("last quarter", at(2027, 2, 10, 0, 0)),
        (midnight(2026, 10, 1), midnight(2027, 1, 1), "last quarter".into())
    );
    assert_eq!(window("last 2 quarters", now()).0, at(2026, 5, 18, 10, 30));
}

#[test]
fn rolling_windows_end_now() {
    assert_eq!(window("last 7 days", now()), (at(2026, 11, 11, 10, 30), now(), "last 7 days".into()));
    assert_eq!(window("past 30 days", now()), (at(2026, 10, 19, 10, 30), now(), "last 30 days".into()));
    assert_eq!(window("last 24 hours", now()), (at(2026, 11, 17, 10, 30), now(), "last 24 hours".into()));
    assert_eq!(window("last 24h", now()), (at(2026, 11, 17, 10, 30), now(), "last 24 hours".into()));
    assert_eq!(window("last 2 weeks", now()).0, at(2026, 11, 4, 10, 30));
    assert_eq!(window("last 1 day", now()).2, "last 1 day");
    assert_eq!(window("in the past 90 minutes", now()).0, at(2026, 11, 18, 9, 0));
    assert_eq!(window("past week", now()), (at(2026, 11, 11, 10, 30), now(), "past week".into()));
    assert_eq!(window("last hour", now()).0, at(2026, 11, 18, 9, 30));
    assert_eq!(window("last day", now()), (at(2026, 11, 17, 10, 30), now(), "last day".into()));
    assert_eq!(window("revenue for october", now()).2, "October 2026");
    assert_eq!(window("next 3 days", now()), (now(), at(2026, 11, 21, 10, 30), "next 3 days".into()));
    // Days are exactly 24 hours, whatever the calendar.
    assert_eq!(window("last 365 days", at(2025, 3, 1, 0, 0)).0, midnight(2024, 3, 1));
    // Months follow the calendar and clamp to shorter months.
    assert_eq!(window("last 3 months", at(2026, 5, 31, 12, 0)).0, at(2026, 2, 28, 12, 0));
    assert_eq!(window("last 2 years", at(2028, 2, 29, 0, 0)).0, midnight(2026, 2, 28));
}

#[test]
fn named_months_and_years() {
    assert_eq!(
        window("complaints in October", now()),
        (midnight(2026, 10, 1), midnight(2026, 11, 1), "October 2026".into())
    );
    assert_eq!(
        window("in october 2025", now()),
        (midnight(2025, 10, 1), midnight(2025, 11, 1), "October 2025".into())
    );
    // The most recent one that has begun: in March, "December" is last year's.
    assert_eq!(window("refunds in december", at(2027, 3, 3, 0, 0)).2, "December 2026");
    assert_eq!(window("refunds during Nov", now()).2, "November 2026");
    assert_eq!(window("in december", at(2026, 12, 31, 0, 0)).0, midnight(2026, 12, 1));
    assert_eq!(window("revenue in 2025", now()), (midnight(2025, 1, 1), midnight(2026, 1, 1), "2025".into()));
    let slots = extract("bookings in october 2025", utc(now()));
    assert!(slots.ids.is_empty(), "the year is not an id");
}

#[test]
fn windows_around_dates() {
    assert_eq!(window("since 2026-11-01", now()), (midnight(2026, 11, 1), now(), "since 2026-11-01".into()));
    assert_eq!(
        window("between 2026-11-01 and 2026-11-15", now()),
        (midnight(2026, 11, 1), midnight(2026, 11, 16), "2026-11-01 to 2026-11-15".into())
    );
    assert_eq!(window("from 2026-11-01 to 2026-11-15", now()).1, midnight(2026, 11, 16));
    assert_eq!(window("from 2026-12-30 until 2027-01-02", now()).1, midnight(2027, 1, 3));
    assert_eq!(
        window("from 2026-11-15 to 2026-11-01", now()).0,
        midnight(2026, 11, 1),
        "reversed dates are swapped"
    );
    assert_eq!(window("from 2026-11-01", now()).1, now());
    assert_eq!(
        window("on 2026-11-01", now()),
        (midnight(2026, 11, 1), midnight(2026, 11, 2), "2026-11-01".into())
    );
    let slots = extract("between 2026-11-01 and 2026-11-15", utc(now()));
    assert_eq!(slots.dates.len(), 2, "the dates stay dates");
    assert!(extract("since 2027-01-01", utc(now())).window.is_none(), "a future start makes no window");
    assert!(extract("between 2026-11-01 and later", utc(now())).window.is_none());
}

#[test]
fn the_first_window_wins_and_the_rest_are_still_claimed() {
    let slots = extract("today vs last 7 days vs in october 2024", utc(now()));
    assert_eq!(slots.window.unwrap().label, "today");
    assert!(slots.ids.is_empty());
}

#[test]
fn not_windows() {
    for prompt in [
        "last 5 bookings",
        "in the morning",
        "this booking",
        "this hour",
        "on hold",
        "last 0 days",
        "in 20250",
        "credit for 2000 users",
        "in 2025 days",
    ] {
        let slots = extract(prompt, utc(now()));
        assert!(slots.window.is_none(), "{prompt}: {:?}", slots.window);
    }
    assert_eq!(extract("last 5 bookings", utc(now())).limit, Some(5));
    assert!(extract("last 0 days", utc(now())).ids.is_empty());
}

#[test]
fn windows_at_the_edges_of_time_do_not_panic() {
    for now in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC, DateTime::<Utc>::UNIX_EPOCH] {
        for prompt in [
            "today",
            "yesterday",
            "tomorrow",
            "this week",
            "last week",
            "next week",
            "last month",
            "next month",
            "this year",
            "next year",
            "last 99999999999 days",
            "last 9223372036854775807 years",
            "next 4000000000 months",
            "in october",
            "in 1900",
            "since 2026-11-01",
            "tomorrow at 14:30",
        ] {
            let _ = extract(prompt, utc(now));
        }
    }
}

// ---- dates and times ----

#[test]
fn datetime_combines_the_first_date_and_time() {
    assert_eq!(extract("on 01.12.2026 at 9:05", utc(now())).datetime, Some(at(2026, 12, 1, 9, 5)));
    assert_eq!(extract("move it to 2026/12/01", utc(now())).datetime, Some(midnight(2026, 12, 1)));
    assert_eq!(extract("2026-12-01T14:30:00Z", utc(now())).datetime, Some(at(2026, 12, 1, 14, 30)));
    assert_eq!(extract("2026-12-01T14:30+01:00", utc(now())).datetime, Some(at(2026, 12, 1, 13, 30)));
    assert_eq!(
        extract("reschedule booking 3 to tomorrow 2pm", utc(now())).datetime,
        Some(at(2026, 11, 19, 14, 0))
    );
    assert_eq!(extract("at 2 p.m.", utc(now())).datetime, None, "a time alone is no date-time");
    let slots = extract("reschedule booking 12 to 2026-12-01 at 2 pm", utc(now()));
    assert_eq!(ids(&slots), [(12, Some(Entity::Booking))]);
    assert_eq!(slots.datetime, Some(at(2026, 12, 1, 14, 0)));
}

// ---- disambiguation ----

#[test]
fn ids_amounts_phones_and_dates_do_not_overlap() {
    let slots =
        extract("refund booking 1042 of 2026-11-02 at 14:30 for €25.50, call +44 20 7946 0958", utc(now()));
    assert_eq!(ids(&slots), [(1042, Some(Entity::Booking))]);
    assert_eq!(amounts(&slots), [(2550, Some("EUR"))]);
    assert_eq!(slots.phones, ["+442079460958"]);
    assert_eq!(slots.dates.len(), 1);
    assert_eq!(slots.times.len(), 1);

    // A bare 4-digit number is an id; a long one with a trunk zero is a phone.
    let slots = extract("user 1234 phone 0151-2345678", utc(now()));
    assert_eq!(ids(&slots), [(1234, Some(Entity::User))]);
    assert_eq!(slots.phones, ["01512345678"]);

    // Units, percentages and decimals are quantities.
    let slots = extract("extend booking 7 by 3 days and 2 hours, discount 10% or 12.5 percent", utc(now()));
    assert_eq!(ids(&slots), [(7, Some(Entity::Booking))]);

    // A 20-digit number is nothing at all.
    let slots = extract("booking 12345678901234567890", utc(now()));
    assert!(slots.ids.is_empty() && slots.phones.is_empty() && slots.amounts.is_empty());

    // Config keys keep their digits.
    let slots = extract("set alerts.rule2.threshold to 5 for alert rule 3", utc(now()));
    assert_eq!(slots.config_keys, ["alerts.rule2.threshold"]);
    assert_eq!(ids(&slots), [(3, Some(Entity::AlertRule))]);

    // Two amounts and two ids, in prompt order.
    let slots = extract("refund bookings 3 and 4: $10 and 12,50 €", utc(now()));
    assert_eq!(ids(&slots), [(3, Some(Entity::Booking)), (4, Some(Entity::Booking))]);
    assert_eq!(amounts(&slots), [(1000, Some("USD")), (1250, Some("EUR"))]);
}

#[test]
fn statuses_priorities_and_aliases() {
    let slots = extract("show no-show and in progress bookings, canceled ones too, urgent or P2", utc(now()));
    assert_eq!(slots.statuses, ["no_show", "in_progress", "cancelled"]);
    assert_eq!(slots.priorities, ["critical", "high"]);
    assert!(slots.ids.is_empty(), "the 2 of P2 is not an id");
}

#[test]
fn counts_become_the_limit() {
    let slots = extract("top 10 open complaints", utc(now()));
    assert_eq!(slots.limit, Some(10));
    assert!(slots.ids.is_empty());
    assert_eq!(slots.statuses, ["open"]);
}

#[test]
fn sql_ish_text_yields_only_what_is_there() {
    let slots = extract("refund booking 7; DROP TABLE bookings", utc(now()));
    assert_eq!(ids(&slots), [(7, Some(Entity::Booking))]);
    let expected = Slots { ids: slots.ids.clone(), ..only_words(&slots) };
    assert_eq!(slots, expected);
    assert_eq!(slots.words, ["refund", "booking", "7", "drop", "table", "bookings"]);

    let slots = extract("user 1' OR '1'='1 --", utc(now()));
    assert_eq!(ids(&slots)[0], (1, Some(Entity::User)));
    assert!(slots.emails.is_empty() && slots.amounts.is_empty() && slots.config_keys.is_empty());
}

#[test]
fn spans_point_into_the_original_prompt() {
    let prompt = "ÜBERWEISUNG für Buchung №5 — 12,50 € an Zoë@Example.org";
    let slots = extract(prompt, utc(now()));
    assert_eq!(&prompt[slots.ids[0].start..slots.ids[0].end], "5");
    assert_eq!(&prompt[slots.amounts[0].start..slots.amounts[0].end], "12,50 €");
    assert_eq!(slots.emails, ["zoë@example.org"]);
    assert_eq!(slots.words[0], "überweisung");
}

// ---- robustness ----

#[test]
fn garbage_and_empty_input() {
    assert_eq!(extract("", utc(now())), Slots::default());
    assert_eq!(extract("   \n\t ", utc(now())), Slots::default());
    for prompt in [
        "😀😀😀 #️⃣ 1️⃣2️⃣",
        "הזמנה 1042 בוטלה",
        "استرداد الحجز ١٠٤٢",
        "\u{202e}5 gnikoob dnufer",
        "\0\x1b[31m booking 5 \x07",
        "€€€ $$$ ... ,,, ::: @@@ ### +++ --- ((( )))",
        "1.2.3.4.5.6.7.8.9.0.1.2.3.4.5.6.7.8.9",
        "2026-2026-2026-12-01-01",
        "T14:30 t:: :30 ::30:: 99:99:99",
        "a.b.c.d@e.f.g.h@i.j",
    ] {
        let slots = extract(prompt, utc(now()));
        assert_well_formed(prompt, &slots);
    }
    assert_eq!(ids(&extract("הזמנה 1042 בוטלה", utc(now()))), [(1042, None)]);
    assert!(extract("استرداد الحجز ١٠٤٢", utc(now())).ids.is_empty(), "only ASCII digits are numbers");
}

#[test]
fn very_long_prompts_are_handled_in_one_pass() {
    let prompt = "refund booking 1042 for 25 eur to anna@example.net at 14:30 on 2026-12-01 ".repeat(150);
    assert!(prompt.len() > 10_000);
    let slots = extract(&prompt, utc(now()));
    assert_eq!(slots.ids.len(), 150);
    assert_eq!(slots.amounts.len(), 150);
    assert_eq!(slots.emails.len(), 150);
    assert_eq!(slots.dates.len(), 150);
    assert_eq!(slots.window.unwrap().label, "2026-12-01");

    let digits = "9".repeat(20_000);
    assert!(extract(&digits, utc(now())).ids.is_empty());
    let separators = "1.".repeat(10_000);
    assert_well_formed(&separators, &extract(&separators, utc(now())));
    let at_signs = "a@".repeat(10_000);
    assert!(extract(&at_signs, utc(now())).emails.is_empty());
}

/// Knuth's MMIX linear congruential generator: pseudo-random, no crate, the
/// same sequence on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }
}

#[test]
fn pseudo_random_prompts_never_panic() {
    let pieces: Vec<&str> = "booking user # no. 1042 0 12 2026 - 01 : 30 . , € $ £ ₹ eur usd amount + ( ) @ \
                             example com last this in october since between and to days pm p.m. no show senior \
                             agent sla _ é 😀 \u{202e} T Z / % at 9999999999999999999999"
        .split_whitespace()
        .collect();
    let mut random = Lcg(0x9e37_79b9_7f4a_7c15);
    for _ in 0..3000 {
        let mut prompt = String::new();
        for _ in 0..random.next() % 24 {
            prompt.push_str(pieces[random.next() % pieces.len()]);
            match random.next() % 6 {
                0 | 1 => {}
                2 => prompt.push('\n'),
                _ => prompt.push(' '),
            }
        }
        let year = 1970 + (random.next() % 100) as i32;
        let now = at(year, 1 + (random.next() % 12) as u32, 1 + (random.next() % 28) as u32, 0, 0);
        assert_well_formed(&prompt, &extract(&prompt, utc(now)));
    }
}

#[test]
fn random_unicode_never_panics() {
    // Mostly ASCII punctuation and digits, where the recognizers are busiest,
    // with any scalar value mixed in.
    const BUSY: &[u8] = b"0123456789.,:;-+@#()$%/ tTzZ";
    let mut random = Lcg(42);
    for _ in 0..3000 {
        let length = random.next() % 40;
        let prompt: String = (0..length)
            .filter_map(|_| {
                let pick = random.next();
                let code = match pick % 4 {
                    0 | 1 => u32::from(BUSY[(pick >> 2) % BUSY.len()]),
                    2 => ((pick >> 2) % 0x800) as u32,
                    _ => ((pick >> 2) % 0x11_0000) as u32,
                };
                char::from_u32(code)
            })
            .collect();
        assert_well_formed(&prompt, &extract(&prompt, utc(now())));
    }
}

/// What must hold for any prompt: spans inside the prompt on char
/// boundaries, windows not inverted, ids positive, phones normalized.
fn assert_well_formed(prompt: &str, slots: &Slots) {
    let id_spans = slots.ids.iter().map(|id| (id.start, id.end));
    let amount_spans = slots.amounts.iter().map(|amount| (amount.start, amount.end));
    for (start, end) in id_spans.chain(amount_spans) {
        assert!(start < end && end <= prompt.len(), "{prompt:?}: {start}..{end}");
        assert!(prompt.is_char_boundary(start) && prompt.is_char_boundary(end), "{prompt:?}");
    }
    if let Some(window) = &slots.window {
        assert!(window.from <= window.to, "{prompt:?}: {window:?}");
    }
    assert!(slots.ids.iter().all(|id| id.value >= 1), "{prompt:?}");
    for phone in &slots.phones {
        let digits = phone.strip_prefix('+').unwrap_or(phone);
        assert!((8..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()), "{phone}");
    }
    assert!(slots.emails.iter().all(|email| email.contains('@')), "{prompt:?}");
}

#[test]
fn slots_serialize_with_snake_case_entities() {
    let slots = extract("review queue item 5 today", utc(now()));
    let json = serde_json::to_value(&slots).unwrap();
    assert_eq!(json["ids"][0]["entity"], "queue_item");
    assert_eq!(json["window"]["from"], "2026-11-18T00:00:00Z");
    assert_eq!(json["window"]["label"], "today");
}

// ---- the team's time zone ----

fn zoned_window(
    prompt: &str,
    now: DateTime<Utc>,
    zone: chrono_tz::Tz,
) -> (DateTime<Utc>, DateTime<Utc>, String) {
    let window =
        extract(prompt, now.with_timezone(&zone)).window.unwrap_or_else(|| panic!("no window in {prompt:?}"));
    (window.from, window.to, window.label)
}

#[test]
fn calendar_words_follow_the_team_time_zone() {
    use chrono_tz::{America::New_York, Asia::Kolkata, Europe::Berlin};
    // 23:30 UTC on the 23rd is already the 24th in Berlin (UTC+1 in November).
    let late = at(2026, 11, 23, 23, 30);
    assert_eq!(
        zoned_window("today", late, Berlin),
        (at(2026, 11, 23, 23, 0), at(2026, 11, 24, 23, 0), "today".into())
    );
    assert_eq!(zoned_window("today", late, Tz::UTC).0, midnight(2026, 11, 23));
    // …and still the 23rd in New York (UTC−5).
    assert_eq!(zoned_window("yesterday", late, New_York).0, at(2026, 11, 22, 5, 0));
    // Half-hour offsets.
    assert_eq!(zoned_window("today", late, Kolkata).0, at(2026, 11, 23, 18, 30));
    // October in Berlin starts in summer time (UTC+2) and ends in winter time (UTC+1).
    assert_eq!(
        zoned_window("revenue in October", late, Berlin),
        (at(2026, 9, 30, 22, 0), at(2026, 10, 31, 23, 0), "October 2026".into())
    );
    // New Year in Berlin, seen just after midnight local time.
    let new_year = at(2026, 12, 31, 23, 30);
    assert_eq!(
        zoned_window("last month", new_year, Berlin),
        (at(2026, 11, 30, 23, 0), at(2026, 12, 31, 23, 0), "last month".into())
    );
    assert_eq!(zoned_window("this year", new_year, Berlin).0, at(2026, 12, 31, 23, 0));
    // Weeks start on the local Monday.
    assert_eq!(zoned_window("this week", late, Berlin).0, at(2026, 11, 22, 23, 0));
    // Rolling windows are the same instants everywhere.
    assert_eq!(zoned_window("last 30 days", late, Berlin).0, zoned_window("last 30 days", late, Tz::UTC).0);
    // Explicit dates are local days; a written offset wins over the zone.
    assert_eq!(zoned_window("since 2026-11-01", late, Berlin).0, at(2026, 10, 31, 23, 0));
    let slots = extract("reschedule booking 12 to 2026-12-01 14:30", late.with_timezone(&Berlin));
    assert_eq!(slots.datetime, Some(at(2026, 12, 1, 13, 30)));
    let slots = extract("reschedule booking 12 to 2026-12-01T14:30:00Z", late.with_timezone(&Berlin));
    assert_eq!(slots.datetime, Some(at(2026, 12, 1, 14, 30)));
}

#[test]
fn a_day_that_skips_midnight_starts_at_its_first_instant() {
    // Chile (America/Santiago) moved its clocks from 00:00 to 01:00 on 2026-09-06.
    let zone = chrono_tz::America::Santiago;
    let (from, to, _) = zoned_window("on 2026-09-06", at(2026, 9, 10, 12, 0), zone);
    assert!(from < to);
    assert_eq!(from.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string(), "2026-09-06 01:00");
}
