//! What a rule's `when` can read about one step, and the expression
//! environment it is evaluated in.

use chrono::{Datelike, SecondsFormat, Timelike};
use minijinja::Environment;
use serde_json::{Value, json};

use crate::agents::Agent;
use crate::catalog::ActionSpec;
use crate::identity::StaffMember;
use crate::session::Surface;
use crate::time::LocalTime;

/// The variables a condition may read.
pub const FACTS: &[&str] = &["action", "params", "target", "person", "agent", "surface", "now"];

/// Conditions are plain expressions: no helpers beyond minijinja's builtins.
/// Undefined values are lenient (`params.amount_cents is defined` works), and
/// a comparison that cannot be made is an error, which denies the step.
pub fn environment() -> Environment<'static> {
    Environment::new()
}

/// One step as a condition sees it.
pub struct Facts<'a> {
    pub action: &'a ActionSpec,
    /// The step's parameters, with the defaults the payload filled in (the
    /// amount of a full refund, for example).
    pub params: &'a Value,
    /// The row the step changes, as read when it was decided.
    pub target: Option<Value>,
    pub person: &'a StaffMember,
    pub agent: Option<&'a Agent>,
    pub surface: Surface,
    /// In the team's time zone.
    pub now: LocalTime,
}

impl Facts<'_> {
    pub fn context(&self) -> minijinja::Value {
        let now = self.now;
        let value = json!({
            "action": {
                "name": self.action.name,
                "risk": self.action.risk.as_str(),
                "requires": self.action.requires.as_str(),
                "permission": self.action.permission,
                "second_factor": self.action.second_factor,
            },
            "params": self.params,
            "target": self.target.clone().unwrap_or(Value::Null),
            "person": {"email": self.person.email, "role": self.person.role, "level": self.person.level},
            "agent": self.agent.map(|agent| json!({"name": agent.name, "tier": agent.tier.as_str(), "model": agent.model})),
            "surface": self.surface.as_str(),
            "now": {
                "iso": now.to_rfc3339_opts(SecondsFormat::Secs, false),
                "date": now.format("%Y-%m-%d").to_string(),
                "time": now.format("%H:%M").to_string(),
                "year": now.year(),
                "month": now.month(),
                "day": now.day(),
                "hour": now.hour(),
                "minute": now.minute(),
                "weekday": now.weekday().number_from_monday(),
                "weekday_name": now.format("%A").to_string().to_lowercase(),
                "time_zone": now.timezone().name(),
            },
        });
        minijinja::Value::from(minijinja::value::Serde(&value))
    }
}
