//! The playbook file: parsed strictly and checked before anything runs. Every
//! problem names the file, the line and the column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::Duration;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_saphyr::Spanned;

use crate::error::{Error, Result};
pub use crate::yaml::Position;
use crate::yaml::find_after;

/// How long another host's unfinished run holds the lock before it counts as dead.
pub const DEFAULT_LOCK_TIMEOUT: &str = "2h";

/// suggest | dry-run | execute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Mode {
    /// Plan and explain; write nothing (the default, and all that cron gets unless a person allows more).
    #[default]
    #[serde(rename = "suggest")]
    Suggest,
    /// Plan and simulate each write in a transaction that is rolled back.
    #[serde(rename = "dry-run")]
    DryRun,
    /// Plan, then run writes after their confirmation or approvals.
    #[serde(rename = "execute")]
    Execute,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Suggest => "suggest",
            Mode::DryRun => "dry-run",
            Mode::Execute => "execute",
        }
    }

    /// The session mode a run in this mode narrows to.
    pub fn session_mode(self) -> crate::session::Mode {
        match self {
            Mode::Suggest => crate::session::Mode::Suggest,
            Mode::DryRun => crate::session::Mode::DryRun,
            Mode::Execute => crate::session::Mode::Execute,
        }
    }
}

/// What a failed or denied step does to the rest of the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OnError {
    #[default]
    Stop,
    Continue,
}

/// A template (or expression) from the file, with where its text starts.
#[derive(Debug, Clone)]
pub struct Text {
    pub source: String,
    pub at: Position,
}

impl Text {
    fn of(spanned: &Spanned<String>) -> Text {
        Text { source: spanned.value.clone(), at: Position::of(spanned) }
    }
}

/// ask | plan | action.
#[derive(Debug, Clone)]
pub enum StepKind {
    /// A read-only question (`opsgate ask`).
    Ask(Text),
    /// A request in plain language, planned like `opsgate plan`.
    Plan(Text),
    /// An explicit catalog action; string leaves of `params` are templates.
    Action { action: Text, params: Params },
}

impl StepKind {
    pub fn name(&self) -> &'static str {
        match self {
            StepKind::Ask(_) => "ask",
            StepKind::Plan(_) => "plan",
            StepKind::Action { .. } => "action",
        }
    }
}

/// Action params as written: every string in them is a template.
#[derive(Debug, Clone)]
pub enum Params {
    Literal(Value),
    Text(Text),
    List(Vec<Params>),
    Map(Vec<(String, Params)>),
}

impl Params {
    /// Params from the parsed value; each string is located by its text after `at`.
    fn new(value: &Value, file: &str, at: Position) -> Params {
        match value {
            Value::String(text) => {
                Params::Text(Text { source: text.clone(), at: find_after(file, at, text) })
            }
            Value::Array(items) => Params::List(items.iter().map(|v| Params::new(v, file, at)).collect()),
            Value::Object(map) => {
                Params::Map(map.iter().map(|(k, v)| (k.clone(), Params::new(v, file, at))).collect())
            }
            other => Params::Literal(other.clone()),
        }
    }
}

/// One step as written.
#[derive(Debug, Clone)]
pub struct StepSpec {
    pub id: String,
    pub at: Position,
    pub description: Option<String>,
    pub kind: StepKind,
    /// An expression giving the list to run the step for (`steps.at_risk.rows`).
    pub for_each: Option<Text>,
    /// An expression; the step (or iteration) runs only when it is true.
    pub when: Option<Text>,
    pub on_error: OnError,
}

/// A declared variable and its default.
#[derive(Debug, Clone)]
pub struct VarSpec {
    pub default: Value,
    pub at: Position,
}

/// A parsed playbook. [`super::check`] validates its templates against what
/// each step can see.
#[derive(Debug, Clone)]
pub struct Playbook {
    pub path: PathBuf,
    /// The file's text, for locating problems inside templates.
    pub text: String,
    pub sha256: String,
    pub name: String,
    pub description: Option<String>,
    pub mode: Mode,
    pub mode_at: Position,
    pub allow_execute: bool,
    pub vars: BTreeMap<String, VarSpec>,
    /// The environment variables templates may read; no others.
    pub env: Vec<String>,
    pub lock_timeout: Duration,
    pub steps: Vec<StepSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlaybook {
    name: Spanned<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    mode: Option<Spanned<Mode>>,
    #[serde(default)]
    allow_execute: bool,
    #[serde(default)]
    vars: BTreeMap<String, Spanned<Value>>,
    #[serde(default)]
    env: Vec<Spanned<String>>,
    #[serde(default)]
    lock_timeout: Option<Spanned<String>>,
    steps: Spanned<Vec<Spanned<RawStep>>>,
}

/// The fields a step may have; listed in the message for an unknown one.
const STEP_FIELDS: &str =
    "`ask`, `plan` or `action` (with `params`), and `id`, `description`, `for_each`, `when`, `on_error`";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    #[serde(default)]
    id: Option<Spanned<String>>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    ask: Option<Spanned<String>>,
    #[serde(default)]
    plan: Option<Spanned<String>>,
    #[serde(default)]
    action: Option<Spanned<String>>,
    #[serde(default)]
    params: Option<Spanned<Value>>,
    #[serde(default)]
    for_each: Option<Spanned<String>>,
    #[serde(default)]
    when: Option<Spanned<String>>,
    #[serde(default)]
    on_error: Option<Spanned<OnError>>,
}

/// A problem at a place in `path`.
pub(super) fn invalid(path: &Path, at: Position, message: impl Into<String>) -> Error {
    let location = (at.line > 0).then_some((at.line, at.column));
    Error::InvalidFile { path: path.to_owned(), location, message: message.into() }
}

fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn is_playbook_name(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 100
        && text.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn is_env_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase() || c == '_')
        && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

impl Playbook {
    /// Reads and parses a playbook file. Templates are checked by [`super::check`].
    pub fn load(path: &Path) -> Result<Playbook> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::io(format!("cannot read playbook {}", path.display()), e))?;
        Playbook::parse(path, text)
    }

    /// Parses playbook text read from `path`.
    pub fn parse(path: &Path, text: String) -> Result<Playbook> {
        let raw: RawPlaybook = crate::yaml::from_str(path, &text).map_err(|error| match error {
            Error::InvalidFile { path, location, message } => {
                Error::InvalidFile { path, location, message: friendlier(message) }
            }
            other => other,
        })?;
        let name = raw.name.value.trim().to_owned();
        if !is_playbook_name(&name) {
            return Err(invalid(
                path,
                Position::of(&raw.name),
                format!(
                    "`{name}` is not a playbook name: use letters, digits, `-`, `_` and `.` (it names the lock and the audit entries)"
                ),
            ));
        }
        let (mode, mode_at) = match &raw.mode {
            Some(mode) => (mode.value, Position::of(mode)),
            None => (Mode::Suggest, Position::default()),
        };
        let mut vars = BTreeMap::new();
        for (key, value) in &raw.vars {
            if !is_identifier(key) {
                return Err(invalid(
                    path,
                    Position::of(value),
                    format!(
                        "`{key}` is not a variable name: use letters, digits and `_`, not starting with a digit"
                    ),
                ));
            }
            vars.insert(key.clone(), VarSpec { default: value.value.clone(), at: Position::of(value) });
        }
        let mut env = Vec::new();
        for name in &raw.env {
            if !is_env_name(&name.value) {
                return Err(invalid(
                    path,
                    Position::of(name),
                    format!(
                        "`{}` is not an environment variable name (upper case, digits and `_`)",
                        name.value
                    ),
                ));
            }
            env.push(name.value.clone());
        }
        let lock_timeout = match &raw.lock_timeout {
            None => crate::time::parse_duration(DEFAULT_LOCK_TIMEOUT).unwrap_or_else(|| Duration::hours(2)),
            Some(text) => crate::time::parse_duration(text.value.trim())
                .filter(|d| *d > Duration::zero())
                .ok_or_else(|| {
                    invalid(
                        path,
                        Position::of(text),
                        format!("`{}` is not a duration: write e.g. `30m`, `2h` or `1d`", text.value),
                    )
                })?,
        };
        if raw.steps.value.is_empty() {
            return Err(invalid(path, Position::of(&raw.steps), "a playbook needs at least one step"));
        }
        let mut steps: Vec<StepSpec> = Vec::with_capacity(raw.steps.value.len());
        for (index, raw_step) in raw.steps.value.iter().enumerate() {
            let step = step(path, &text, index, raw_step)?;
            if let Some(earlier) = steps.iter().find(|s| s.id == step.id) {
                return Err(invalid(
                    path,
                    step.at,
                    format!("step id `{}` is used twice (first at line {})", step.id, earlier.at.line),
                ));
            }
            steps.push(step);
        }
        let sha256 = crate::canonical::sha256_hex(text.as_bytes());
        Ok(Playbook {
            path: path.to_owned(),
            text,
            sha256,
            name,
            description: raw.description,
            mode,
            mode_at,
            allow_execute: raw.allow_execute,
            vars,
            env,
            lock_timeout,
            steps,
        })
    }

    /// The file as people wrote it on the command line.
    pub fn file_name(&self) -> String {
        self.path.display().to_string()
    }
}

fn step(path: &Path, file: &str, index: usize, raw: &Spanned<RawStep>) -> Result<StepSpec> {
    let at = Position::of(raw);
    let step = &raw.value;
    let id = match &step.id {
        Some(id) if is_identifier(id.value.trim()) => id.value.trim().to_owned(),
        Some(id) => {
            return Err(invalid(
                path,
                Position::of(id),
                format!(
                    "`{}` is not a step id: use letters, digits and `_` (templates read it as `steps.<id>`)",
                    id.value
                ),
            ));
        }
        None => format!("step{}", index + 1),
    };
    let kinds: Vec<(&str, Position)> = [
        step.ask.as_ref().map(|s| ("ask", Position::of(s))),
        step.plan.as_ref().map(|s| ("plan", Position::of(s))),
        step.action.as_ref().map(|s| ("action", Position::of(s))),
    ]
    .into_iter()
    .flatten()
    .collect();
    if let [(first, _), (second, second_at), ..] = kinds.as_slice() {
        return Err(invalid(
            path,
            *second_at,
            format!("step `{id}` has more than one kind (`{first}` and `{second}`): a step does one thing"),
        ));
    }
    let kind = if let Some(ask) = &step.ask {
        StepKind::Ask(Text::of(ask))
    } else if let Some(plan) = &step.plan {
        StepKind::Plan(Text::of(plan))
    } else if let Some(action) = &step.action {
        StepKind::Action {
            action: Text::of(action),
            params: match &step.params {
                Some(params) => Params::new(&params.value, file, Position::of(params)),
                None => Params::Map(Vec::new()),
            },
        }
    } else {
        return Err(invalid(
            path,
            at,
            format!("step `{id}` has no kind: give it one of `ask`, `plan` or `action`"),
        ));
    };
    if let Some(params) = &step.params {
        if !matches!(kind, StepKind::Action { .. }) {
            return Err(invalid(
                path,
                Position::of(params),
                format!(
                    "step `{id}`: `params` belongs to `action` steps; `{}` steps take a prompt",
                    kind.name()
                ),
            ));
        }
        if !params.value.is_object() {
            return Err(invalid(
                path,
                Position::of(params),
                format!("step `{id}`: `params` must be a mapping"),
            ));
        }
    }
    Ok(StepSpec {
        id,
        at,
        description: step.description.clone(),
        kind,
        for_each: step.for_each.as_ref().map(Text::of),
        when: step.when.as_ref().map(Text::of),
        on_error: step.on_error.as_ref().map(|o| o.value).unwrap_or_default(),
    })
}

/// The parser's message for an unknown step field names what a step may have.
fn friendlier(message: String) -> String {
    let step_fields = message.contains("expected one of") && message.contains("for_each");
    match message.strip_prefix("unknown field `").and_then(|rest| rest.split_once('`')) {
        Some((field, _)) if step_fields => {
            format!("unknown step kind or field `{field}`: a step has {STEP_FIELDS}")
        }
        _ => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Playbook> {
        Playbook::parse(Path::new("pb.yaml"), text.to_owned())
    }

    fn error(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn a_small_playbook_parses_with_defaults() {
        let pb = parse("name: daily\nvars:\n  limit: 5\nsteps:\n  - ask: which complaints are at risk?\n  - id: esc\n    for_each: steps.step1.rows\n    plan: escalate complaint {{ item.id }}\n    on_error: continue\n").unwrap();
        assert_eq!(pb.name, "daily");
        assert_eq!(pb.mode, Mode::Suggest);
        assert!(!pb.allow_execute);
        assert_eq!(pb.steps[0].id, "step1");
        assert_eq!(pb.steps[1].on_error, OnError::Continue);
        assert_eq!(pb.vars["limit"].default, serde_json::json!(5));
        assert_eq!(pb.lock_timeout, Duration::hours(2));
        match &pb.steps[1].kind {
            StepKind::Plan(text) => assert_eq!((text.at.line, text.at.column), (8, 11)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_unknown_step_kind_is_named_with_its_place() {
        assert_eq!(
            error("name: x\nsteps:\n  - id: a\n    exec: rm -rf\n"),
            format!("pb.yaml:4:5: unknown step kind or field `exec`: a step has {STEP_FIELDS}")
        );
    }

    #[test]
    fn kinds_are_exactly_one() {
        assert_eq!(
            error("name: x\nsteps:\n  - id: a\n    when: true\n"),
            "pb.yaml:3:5: step `a` has no kind: give it one of `ask`, `plan` or `action`"
        );
        assert!(
            error("name: x\nsteps:\n  - ask: a\n    plan: b\n")
                .starts_with("pb.yaml:4:11: step `step1` has more than one kind")
        );
        assert!(error("name: x\nsteps:\n  - plan: a\n    params: {x: 1}\n").starts_with("pb.yaml:4:13:"));
    }

    #[test]
    fn names_modes_durations_and_ids_are_checked_where_they_are() {
        assert!(
            error("name: x\nmode: yolo\nsteps:\n  - ask: a\n")
                .starts_with("pb.yaml:2:7: unknown variant `yolo`")
        );
        assert!(
            error("name: 'a b'\nsteps:\n  - ask: a\n")
                .starts_with("pb.yaml:1:7: `a b` is not a playbook name")
        );
        assert!(error("name: x\nlock_timeout: soon\nsteps:\n  - ask: a\n").starts_with("pb.yaml:2:15:"));
        assert!(
            error("name: x\nsteps:\n  - id: a-b\n    ask: a\n")
                .starts_with("pb.yaml:3:9: `a-b` is not a step id")
        );
        assert!(error("name: x\nsteps:\n  - {id: a, ask: q}\n  - {id: a, ask: r}\n").contains("used twice"));
        assert!(error("name: x\nenv: [home]\nsteps:\n  - ask: a\n").starts_with("pb.yaml:2:7:"));
        assert!(error("name: x\nsteps: []\n").contains("at least one step"));
        assert!(error("name: x\nsteps:\n  - ask: [1\n").starts_with("pb.yaml:3:"));
        assert!(
            error("name: x\nnmae: y\nsteps:\n  - ask: a\n").starts_with("pb.yaml:2:1: unknown field `nmae`")
        );
    }
}
