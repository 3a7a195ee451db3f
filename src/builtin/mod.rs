//! The built-in pack's behaviour: one module per catalog action, bound to its
//! entry by name. The catalog says what an action is (schema, permission,
//! risk, needs); its module says what it does — the statements it runs, how
//! its rows become an answer, or the text it drafts. Adding a built-in action
//! is its entry in `catalog/ops.yaml` plus one module listed in [`BUILTINS`];
//! the tests below fail the build of either without the other.

mod alerts;
mod bookings;
mod change;
mod complaints;
mod config;
mod draft;
mod logs;
mod metrics;
mod ops;
mod priority_queue;
mod providers;
mod query;
mod staff;
mod users;

use std::time::Duration;

use chrono::{DateTime, Utc};
use futures_util::future::BoxFuture;
use serde_json::{Map, Value};

pub use change::Change;
pub use query::LOGS_ANALYZED;
pub(crate) use query::time as window_param;

use crate::answer::{AnswerWindow, Finding, Source};
use crate::error::{Error, Result};
use crate::identity::StaffMember;
use crate::payload::{SqlStatement, TargetRef};
use crate::session::Session;
use crate::settings::Settings;
use crate::store::{ResultSet, Store};

/// One built-in action's behaviour.
pub struct Builtin {
    pub name: &'static str,
    pub binding: Binding,
}

/// What kind of thing an action does, and the code that does it.
pub enum Binding {
    /// Reads rows and answers a question.
    Read(Read),
    /// Changes rows: statements run in one transaction.
    Write(WriteFn),
    /// Renders text from a template; nothing is sent or stored.
    Draft(Draft),
}

/// Whom a read's statements are for, as far as what they may match on.
pub struct Reader {
    /// Full PII access: contact fields (e-mail, phone) may be matched in part.
    /// Without it they match only whole, so a search cannot spell out, one
    /// character at a time, what the answer shows masked.
    pub sees_contacts: bool,
}

pub struct Read {
    /// The SELECT statements for these (validated) parameters.
    pub query: fn(&Value, &Reader) -> Result<Vec<SqlStatement>>,
    pub answer: Answer,
    /// How far back the question looks when the prompt names no window.
    pub lookback: Option<Lookback>,
}

/// How a read's rows become an answer.
pub enum Answer {
    /// The rows are the answer: "12 cancelled bookings".
    List { one: &'static str, many: &'static str },
    /// One record by the id in `param`; a missing row is "not found".
    Record { one: &'static str, param: &'static str },
    /// Business rules turn the rows into a finding.
    Finding(fn(&Rows<'_>) -> Result<Finding>),
}

/// What a read's answer is computed from.
pub struct Rows<'a> {
    pub action: &'a str,
    /// One result set per statement of the query, in order.
    pub sets: &'a [ResultSet],
    pub params: &'a Value,
    /// The window in words ("last 30 days (… to … Europe/Berlin)"), or "all time".
    pub label: &'a str,
    pub window: Option<&'a AnswerWindow>,
    pub settings: &'a Settings,
    pub now: DateTime<Utc>,
    /// How long the statements took, and on which backend.
    pub latency: Duration,
    pub backend: &'static str,
}

impl Rows<'_> {
    pub fn first(&self) -> ResultSet {
        self.sets.first().cloned().unwrap_or_default()
    }
}

/// A default window: the last `hours`, called `label`.
pub struct Lookback {
    pub hours: i64,
    pub label: &'static str,
}

pub type WriteFn = for<'a> fn(WriteInput<'a>) -> BoxFuture<'a, Result<Change>>;

/// What a write is built from. Building reads the database (to check the
/// target's state, resolve e-mails to ids, compute defaults) but never writes.
#[derive(Clone, Copy)]
pub struct WriteInput<'a> {
    /// The state database: identities and RBAC.
    pub store: &'a Store,
    /// The back office's rows, through the target and its binding.
    pub office: crate::target::BackOffice<'a>,
    pub action: &'static str,
    pub params: &'a Value,
    pub requester: &'a StaffMember,
}

pub struct Draft {
    /// The built-in template (a file of the same name in the templates
    /// directory replaces it).
    pub template: &'static str,
    pub context: DraftFn,
    pub lookback: Option<Lookback>,
}

pub type DraftFn = for<'a> fn(DraftInput<'a>) -> BoxFuture<'a, Result<Drafted>>;

#[derive(Clone, Copy)]
pub struct DraftInput<'a> {
    pub session: &'a Session,
    pub action: &'static str,
    pub params: &'a Value,
    pub window: Option<&'a AnswerWindow>,
    pub person: &'a StaffMember,
    pub settings: &'a Settings,
    pub now: DateTime<Utc>,
}

/// A template's context and where its facts came from.
pub struct Drafted {
    pub context: Value,
    pub sources: Vec<Source>,
}

/// Every built-in action, in catalog order.
pub static BUILTINS: &[&Builtin] = &[
    &bookings::list::ACTION,
    &bookings::get::ACTION,
    &bookings::reschedule::ACTION,
    &bookings::cancel::ACTION,
    &bookings::refund::ACTION,
    &users::search::ACTION,
    &users::get::ACTION,
    &users::update::ACTION,
    &users::delete::ACTION,
    &users::wallet_credit::ACTION,
    &providers::list::ACTION,
    &providers::approve::ACTION,
    &providers::reject::ACTION,
    &providers::delete::ACTION,
    &complaints::list::ACTION,
    &complaints::get::ACTION,
    &complaints::sla_report::ACTION,
    &complaints::assign::ACTION,
    &complaints::resolve::ACTION,
    &complaints::escalate::ACTION,
    &priority_queue::list::ACTION,
    &priority_queue::review::ACTION,
    &metrics::revenue::ACTION,
    &metrics::bookings::ACTION,
    &metrics::complaints::ACTION,
    &metrics::sla::ACTION,
    &metrics::export::ACTION,
    &alerts::list::ACTION,
    &alerts::rule_update::ACTION,
    &alerts::subscribe::ACTION,
    &config::get::ACTION,
    &config::set::ACTION,
    &staff::list::ACTION,
    &staff::set_role::ACTION,
    &staff::deactivate::ACTION,
    &draft::email::ACTION,
    &draft::coupon::ACTION,
    &draft::report::ACTION,
    &ops::health::ACTION,
    &logs::analyze::ACTION,
];

/// The behaviour bound to `action`.
pub fn builtin(action: &str) -> Result<&'static Builtin> {
    BUILTINS
        .iter()
        .copied()
        .find(|builtin| builtin.name == action)
        .ok_or_else(|| Error::Internal(format!("no built-in executor is bound to `{action}`")))
}

impl Builtin {
    pub const fn read(
        name: &'static str,
        query: fn(&Value, &Reader) -> Result<Vec<SqlStatement>>,
        answer: Answer,
    ) -> Builtin {
        Builtin { name, binding: Binding::Read(Read { query, answer, lookback: None }) }
    }

    /// A read that looks back `hours` when the prompt names no window.
    pub const fn windowed(
        name: &'static str,
        query: fn(&Value, &Reader) -> Result<Vec<SqlStatement>>,
        answer: Answer,
        lookback: Lookback,
    ) -> Builtin {
        Builtin { name, binding: Binding::Read(Read { query, answer, lookback: Some(lookback) }) }
    }

    pub const fn write(name: &'static str, build: WriteFn) -> Builtin {
        Builtin { name, binding: Binding::Write(build) }
    }

    pub const fn draft(
        name: &'static str,
        template: &'static str,
        context: DraftFn,
        lookback: Option<Lookback>,
    ) -> Builtin {
        Builtin { name, binding: Binding::Draft(Draft { template, context, lookback }) }
    }

    /// The default window, for reads and drafts that take one.
    pub fn lookback(&self) -> Option<&Lookback> {
        match &self.binding {
            Binding::Read(read) => read.lookback.as_ref(),
            Binding::Draft(draft) => draft.lookback.as_ref(),
            Binding::Write(_) => None,
        }
    }
}

/// The change a write makes, as statements plus what the payload shows.
impl Change {
    pub fn new(statements: Vec<SqlStatement>, target: Option<TargetRef>, summary: String) -> Change {
        Change { statements, target, summary, filled: Map::new() }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::catalog::{Catalog, Executor, Risk};

    #[test]
    fn every_catalog_action_has_exactly_one_builtin_of_its_kind() {
        let catalog = Catalog::builtin();
        let mut names = HashSet::new();
        for builtin in BUILTINS {
            assert!(names.insert(builtin.name), "`{}` is bound twice", builtin.name);
            let action = catalog.get(builtin.name).unwrap_or_else(|| {
                panic!("`{}` has a module but no entry in catalog/ops.yaml", builtin.name)
            });
            assert_eq!(action.executor, Executor::Builtin, "{}", action.name);
            let fits = match (&builtin.binding, action.risk) {
                (Binding::Read(_), Risk::Read) | (Binding::Draft(_), Risk::Draft) => true,
                (Binding::Write(_), risk) => risk.writes(),
                _ => false,
            };
            assert!(fits, "`{}` is bound as the wrong kind for risk {}", action.name, action.risk.as_str());
        }
        for action in catalog.actions() {
            assert!(names.contains(action.name.as_str()), "`{}` has no built-in module", action.name);
        }
    }

    #[test]
    fn actions_with_a_window_declare_the_window_parameters() {
        let catalog = Catalog::builtin();
        for builtin in BUILTINS.iter().filter(|b| b.lookback().is_some()) {
            let action = catalog.get(builtin.name).unwrap();
            let names = action.param_names();
            let takes = names.contains(&"from") && names.contains(&"to");
            assert!(takes, "`{}` looks back without from/to", builtin.name);
        }
    }
}
