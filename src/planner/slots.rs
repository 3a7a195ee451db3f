//! Typed slot extraction for the rules planner: the ids, amounts, contacts, dates and windows in a prompt.
//!
//! Deterministic and offline: the same prompt and `now` always give the same
//! [`Slots`]. The prompt is tokenized once (`text`); each recognizer then
//! scans the tokens in a fixed order and *claims* what it consumed, so a later
//! recognizer never reinterprets an earlier one's digits (the `12` of
//! `2026-12-01` is not an id, the `50` of `€12.50` is not one either). The
//! order, from most to least specific: e-mails, dates, times, amounts, phone
//! numbers, config keys, windows, vocabulary, ids. Every pass is linear in the
//! prompt's length, and nothing here panics on any input.

mod calendar;
pub mod config;
mod contact;
mod doubts;
mod ids;
mod money;
pub mod relative;
mod text;
mod vocab;
mod window;

#[cfg(test)]
mod tests;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::Serialize;

use text::Text;

use crate::time::LocalTime;

/// The kind of record an id refers to, read from the noun before it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Booking,
    User,
    Provider,
    Complaint,
    QueueItem,
    Alert,
    AlertRule,
    Staff,
}

/// A record id in the prompt: `1042`, `#1042`, `no. 1042`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IdMention {
    pub value: i64,
    /// From the nearest preceding noun within three words; `None` for "it" or
    /// when there is no noun.
    pub entity: Option<Entity>,
    /// Byte span in the original prompt, including a `#` written right before
    /// the digits.
    pub start: usize,
    pub end: usize,
}

/// A sum of money, exact to the cent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Amount {
    pub cents: i64,
    /// ISO 4217 code (`EUR`, `USD`, `GBP`, `INR`); `None` for "amount 30".
    pub currency: Option<String>,
    /// Byte span in the original prompt, currency marker included.
    pub start: usize,
    pub end: usize,
}

/// A time range the request is about, half-open: `from <= t < to`, in UTC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Window {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    /// Short and human: "today", "last 30 days", "October 2026".
    pub label: String,
}

/// Everything [`extract`] found in one prompt.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Slots {
    /// In prompt order.
    pub ids: Vec<IdMention>,
    /// In prompt order.
    pub amounts: Vec<Amount>,
    /// Lowercased, in prompt order.
    pub emails: Vec<String>,
    /// A leading `+` kept, otherwise digits only: `+4915123456789`.
    pub phones: Vec<String>,
    /// `2026-12-01`, `2026/12/01`, `01.12.2026`, in prompt order.
    pub dates: Vec<NaiveDate>,
    /// `14:30`, `9:05`, `2pm`, `2 p.m.`, in prompt order.
    pub times: Vec<NaiveTime>,
    /// The first date at the first time (midnight when no time was given), in
    /// the team's time zone unless an offset was written; without a date, "today"/"tomorrow"/"yesterday" at the first time.
    pub datetime: Option<DateTime<Utc>>,
    /// The first time range the prompt names.
    pub window: Option<Window>,
    /// Canonical status words (`cancelled`, `no_show`, `in_progress`, …), each once, in order of first mention.
    pub statuses: Vec<String>,
    /// `low`, `medium`, `high`, `critical`, each once, in order of first mention.
    pub priorities: Vec<String>,
    /// Canonical role names (`super_admin`, `senior_agent`, …), each once, in order of first mention.
    pub roles: Vec<String>,
    /// Dotted lowercase identifiers such as `sla.buffer_hours`.
    pub config_keys: Vec<String>,
    /// What the first config key is set to: "set sla.buffer_hours to 2" → `2`.
    pub config_value: Option<String>,
    /// A result count: "top 10", "last 5 bookings", "first 3".
    pub limit: Option<i64>,
    /// The prompt's lowercase words (letters, digits, `_`), for intent matching.
    pub words: Vec<String>,
    /// Why the prompt's amount cannot be taken as written (a share, words, no
    /// currency, two amounts, …), one line each: a request that moves money asks instead.
    pub money_doubts: Vec<String>,
    /// Why a date cannot be taken as written ("03/12" is two days): a new time asks instead.
    pub date_doubts: Vec<String>,
}

/// Extracts every slot from `prompt`; relative phrases ("today", "last 7
/// days", "in October") and dates without an offset are resolved in `now`'s
/// time zone.
pub fn extract(prompt: &str, now: LocalTime) -> Slots {
    let mut text = Text::new(prompt);
    // The order is the disambiguation: each pass claims tokens the later ones must not reread.
    let emails = contact::emails(&mut text);
    let dates = calendar::dates(&mut text);
    let times = calendar::times(&mut text, &dates);
    let mut unreadable = Vec::new();
    let amounts = money::amounts(&mut text, &mut unreadable);
    let phones = contact::phones(&mut text);
    let (mut config_keys, config_value) = config::keys(&mut text);
    let window = window::first_window(&mut text, &dates, now);
    let vocabulary = vocab::scan(&text);
    let (ids, limit) = ids::scan(&text);
    let money_doubts = doubts::money_doubts(&text, &amounts, &unreadable, prompt);

    // Said the way people say it, only when no calendar date was written.
    let said = if dates.is_empty() {
        relative::relative(prompt, &times, now)
    } else {
        relative::Relative::default()
    };
    let words = text.words();
    if config_keys.is_empty()
        && let Some(key) = config::described_key(&words)
    {
        config_keys.push(key.to_owned());
    }
    let datetime = match dates.first() {
        Some(first) => first.datetime(times.first().copied(), now.timezone()),
        None => window
            .as_ref()
            .and_then(|found| found.single_day)
            .and_then(|day| {
                times.first().and_then(|&time| calendar::local_instant(day.and_time(time), now.timezone()))
            })
            .or(said.datetime),
    };
    Slots {
        ids,
        amounts,
        emails,
        phones,
        dates: dates.iter().map(|mention| mention.date).collect(),
        times,
        datetime,
        window: window.map(|found| found.window),
        statuses: vocabulary.statuses,
        priorities: vocabulary.priorities,
        roles: vocabulary.roles,
        config_keys,
        config_value,
        limit,
        words,
        money_doubts,
        date_doubts: said.doubts,
    }
}

/// The entity a noun names ("bookings", "customer"), for the planner's own checks.
pub fn entity_of_word(word: &str) -> Option<Entity> {
    vocab::entity_noun(word)
}
