//! The time window an answer covers, shown in the team's time zone.

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use serde::Serialize;
use serde_json::{Value, json};

use crate::catalog::ActionSpec;
use crate::settings::Settings;

/// Half-open `[from, to)`, or for a snapshot of the data as it is now, only
/// `to` (`from` is null).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerWindow {
    /// RFC 3339 in the team's time zone; null for a snapshot.
    pub from: Option<String>,
    pub to: String,
    pub label: String,
    pub time_zone: String,
    #[serde(skip)]
    pub from_utc: DateTime<Utc>,
    #[serde(skip)]
    pub to_utc: DateTime<Utc>,
}

impl AnswerWindow {
    pub fn new(from: DateTime<Utc>, to: DateTime<Utc>, label: &str, settings: &Settings) -> AnswerWindow {
        let local = |t: DateTime<Utc>| settings.local(t).to_rfc3339_opts(SecondsFormat::Secs, false);
        AnswerWindow {
            from: Some(local(from)),
            to: local(to),
            label: label.to_owned(),
            time_zone: settings.time_zone.name().to_owned(),
            from_utc: from,
            to_utc: to,
        }
    }

    /// The data as it stands at `now`: an answer about current state (open
    /// complaints at risk, one record) still says when it was true.
    pub fn snapshot(now: DateTime<Utc>, settings: &Settings) -> AnswerWindow {
        AnswerWindow { from: None, ..AnswerWindow::new(now, now, "now", settings) }
    }

    /// `[2026-11-16T00:00:00+01:00, 2026-11-23T00:00:00+01:00) Europe/Berlin`, or `as of … ` for a snapshot.
    pub fn span(&self) -> String {
        match &self.from {
            Some(from) => format!("[{from}, {}) {}", self.to, self.time_zone),
            None => format!("as of {} {}", self.to, self.time_zone),
        }
    }

    /// `last 30 days (2026-10-24 19:05 to 2026-11-23 19:05 Europe/Berlin)`.
    pub fn describe(&self, settings: &Settings) -> String {
        let (from, to) = self.short(settings);
        match self.from {
            Some(_) => format!("{} ({from} to {to} {})", self.label, self.time_zone),
            None => format!("as of {to} {}", self.time_zone),
        }
    }

    /// `2026-11-16 00:00` in the team's time zone.
    pub fn short(&self, settings: &Settings) -> (String, String) {
        let short = |t: DateTime<Utc>| settings.local(t).format("%Y-%m-%d %H:%M").to_string();
        (short(self.from_utc), short(self.to_utc))
    }

    /// The window as a read action's `from` / `to` parameters.
    pub fn params(&self) -> (Value, Value) {
        (json!(self.from_utc.to_rfc3339()), json!(self.to_utc.to_rfc3339()))
    }
}

/// How far back a windowed question looks when it names no window: the
/// action's own lookback, or the last 7 days when the prompt asks for a
/// weekly one ("draft the weekly report").
fn default_span(action: &str, prompt: &str) -> Option<(Duration, &'static str)> {
    let lookback = crate::builtin::builtin(action).ok()?.lookback()?;
    let lower = prompt.to_lowercase();
    if lower.split(|c: char| !c.is_alphanumeric()).any(|word| word == "weekly" || word == "week") {
        return Some((Duration::days(7), "last 7 days"));
    }
    Some((Duration::hours(lookback.hours), lookback.label))
}

/// The window a step covers: the one the prompt named (its `from`/`to`
/// parameters, labelled by the planner), else the action's default, which is
/// then written into the parameters so the statement and the answer agree.
pub fn resolve(
    action: &ActionSpec,
    prompt: &str,
    params: &mut Value,
    label: Option<&str>,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Option<AnswerWindow> {
    let takes_window = action.params.get("properties").is_some_and(|p| p.get("from").is_some());
    if !takes_window {
        return None;
    }
    // A malformed time is left for the schema check and the statement to refuse.
    let time = |name: &str| crate::payload::window_param(params, name).ok().flatten();
    match (time("from"), time("to")) {
        (Some(from), Some(to)) => {
            Some(AnswerWindow::new(from, to, label.unwrap_or("requested window"), settings))
        }
        (Some(from), None) => {
            params["to"] = json!(now.to_rfc3339());
            Some(AnswerWindow::new(from, now, label.unwrap_or("since the requested time"), settings))
        }
        (None, to) => {
            let (span, default_label) = default_span(&action.name, prompt)?;
            let to = to.unwrap_or(now);
            let window = AnswerWindow::new(to - span, to, label.unwrap_or(default_label), settings);
            let (from_param, to_param) = window.params();
            if let Some(object) = params.as_object_mut() {
                object.insert("from".into(), from_param);
                object.insert("to".into(), to_param);
            }
            Some(window)
        }
    }
}
