//! One policy rule: which steps it selects, an optional condition, and the one
//! thing it adds. Rules only tighten; [`super::parse`] refuses any that would loosen.

use serde::Serialize;

use crate::catalog::{ActionSpec, Requires, Risk};
use crate::session::{Surface, glob_matches};

#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(flatten)]
    pub selector: Selector,
    /// A minijinja expression over the step's facts (see [`super::facts`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    #[serde(flatten)]
    pub effect: Effect,
    /// Whether `when` reads `target`, so the row is only read for rules that need it.
    #[serde(skip)]
    pub reads_target: bool,
}

/// Which steps a rule is about; an empty list means any.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Selector {
    /// Action names or globs (`bookings.*`).
    #[serde(rename = "action", skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor: Option<ActorKind>,
    #[serde(rename = "risk", skip_serializing_if = "Vec::is_empty")]
    pub risks: Vec<Risk>,
    #[serde(rename = "surface", skip_serializing_if = "Vec::is_empty")]
    pub surfaces: Vec<Surface>,
}

impl Selector {
    /// Whether the rule is about this action at all (the static part of [`Selector::selects`]).
    pub fn covers(&self, action: &ActionSpec) -> bool {
        (self.actions.is_empty() || self.actions.iter().any(|glob| glob_matches(glob, &action.name)))
            && (self.risks.is_empty() || self.risks.contains(&action.risk))
    }

    /// Whether the rule is about this step, taken by this kind of actor through this surface.
    pub fn selects(&self, action: &ActionSpec, actor: ActorKind, surface: Surface) -> bool {
        self.covers(action)
            && self.actor.is_none_or(|wanted| wanted == actor)
            && (self.surfaces.is_empty() || self.surfaces.contains(&surface))
    }
}

/// Who takes the step: a person themselves, or an AI agent acting for one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Agent,
}

/// What a rule adds. Each rule has exactly one.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Effect {
    /// The step is denied with this message.
    Deny(String),
    Require(Requirement),
    Cap(Cap),
    Rate(Rate),
}

impl Effect {
    pub fn kind(&self) -> &'static str {
        match self {
            Effect::Deny(_) => "deny",
            Effect::Require(_) => "require",
            Effect::Cap(_) => "cap",
            Effect::Rate(_) => "rate",
        }
    }
}

/// More than the catalog asks: a confirmation, N approvals, a second factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Requirement {
    /// At least this; the catalog's own level when higher.
    pub level: Requires,
    /// Approvals needed (0 unless `level` is approval).
    pub approvals: u32,
    pub second_factor: bool,
}

/// At most `max` of a parameter's sum per person (or agent) per period.
#[derive(Debug, Clone, Serialize)]
pub struct Cap {
    /// `params.<param>` as written.
    pub sum: String,
    #[serde(skip)]
    pub param: String,
    pub per: Per,
    pub period: Period,
    pub max: i64,
}

/// At most `max` steps per actor per window.
#[derive(Debug, Clone, Serialize)]
pub struct Rate {
    pub max: i64,
    pub per: Window,
    /// Whose steps are counted: the acting agent, or the person.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<Per>,
}

/// Whose steps a cap or rate counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Per {
    Person,
    Agent,
}

/// A calendar period in the team's time zone, for caps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Hour,
    Day,
    Week,
    Month,
}

/// A sliding window ending now, for rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Window {
    Minute,
    Hour,
    Day,
}

impl Window {
    pub fn length(self) -> chrono::Duration {
        match self {
            Window::Minute => chrono::Duration::minutes(1),
            Window::Hour => chrono::Duration::hours(1),
            Window::Day => chrono::Duration::days(1),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Window::Minute => "minute",
            Window::Hour => "hour",
            Window::Day => "day",
        }
    }
}

impl Period {
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Hour => "hour",
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
        }
    }

    /// When the period holding `now` began (weeks start on Monday).
    pub fn start(self, now: crate::time::LocalTime) -> chrono::DateTime<chrono::Utc> {
        use chrono::{Datelike, Duration, TimeZone, Timelike};
        let midnight = |date: chrono::NaiveDate| {
            let naive = date.and_hms_opt(0, 0, 0).unwrap_or_default();
            // A midnight that does not exist (a DST gap) starts at the earliest instant after it.
            now.timezone()
                .from_local_datetime(&naive)
                .earliest()
                .unwrap_or_else(|| now.timezone().from_utc_datetime(&naive))
                .with_timezone(&chrono::Utc)
        };
        match self {
            Period::Hour => (now
                - Duration::minutes(i64::from(now.minute()))
                - Duration::seconds(i64::from(now.second())))
            .with_nanosecond(0)
            .unwrap_or(now)
            .with_timezone(&chrono::Utc),
            Period::Day => midnight(now.date_naive()),
            Period::Week => {
                midnight(now.date_naive() - Duration::days(i64::from(now.weekday().num_days_from_monday())))
            }
            Period::Month => midnight(now.date_naive().with_day(1).unwrap_or(now.date_naive())),
        }
    }
}

impl Per {
    pub fn as_str(self) -> &'static str {
        match self {
            Per::Person => "person",
            Per::Agent => "agent",
        }
    }
}
