//! Templates and expressions in playbooks (minijinja): what each one may read,
//! the check `playbook validate` runs before anything else, and strict
//! rendering at run time. Every problem is located in the playbook file.

use chrono::{DateTime, Datelike, Duration, SecondsFormat, Utc};
use minijinja::{Environment, ErrorKind, UndefinedBehavior};
use serde_json::{Map, Value, json};

use super::format::{Playbook, Position, Text};
use super::reads;
use crate::error::Error;
use crate::time::LocalTime;

/// What `steps.<id>` holds once a step ran (every key is always present).
pub const STEP_OUTPUTS: &[&str] = &[
    "kind",
    "status",
    "count",
    "skipped",
    "answer",
    "answers",
    "rows",
    "draft",
    "window",
    "suggested_command",
    "plan_id",
    "plan_ids",
    "action_ids",
    "actions",
    "pending",
    "errors",
];

/// Time values every template can read, in the team's time zone.
const TIME_VALUES: &[&str] = &["now", "today", "yesterday", "time_zone", "week_start", "month_start"];
/// Helper functions opsgate adds.
const FUNCTIONS: &[&str] = &["days_ago", "hours_ago", "age_days", "age_hours"];
/// minijinja's own global functions.
const BUILTIN_FUNCTIONS: &[&str] = &["range", "dict", "namespace", "debug"];
/// What `playbook.<key>` holds.
const PLAYBOOK_KEYS: &[&str] = &["name", "file", "mode", "run_id"];

/// What a template in one step may read.
pub struct Scope<'a> {
    pub playbook: &'a Playbook,
    /// Ids of the steps before this one.
    pub earlier: &'a [String],
    /// This step's id.
    pub step: &'a str,
    /// Whether `item` is defined (steps with `for_each`, outside `for_each` itself).
    pub item: bool,
}

/// The template environment: strict about undefined values, with the time
/// helpers bound to `now` (the team's time zone).
pub fn environment<'s>(now: LocalTime) -> Environment<'s> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    add_helpers(&mut env, now);
    env
}

fn add_helpers(env: &mut Environment<'_>, now: LocalTime) {
    env.add_function("days_ago", move |days: i64| -> Result<String, minijinja::Error> {
        let date = Duration::try_days(days).and_then(|d| now.date_naive().checked_sub_signed(d));
        date.map(|d| d.format("%Y-%m-%d").to_string())
            .ok_or_else(|| minijinja::Error::new(ErrorKind::InvalidOperation, "days_ago: out of range"))
    });
    env.add_function("hours_ago", move |hours: f64| -> Result<String, minijinja::Error> {
        let micros = (hours * 3_600_000_000.0).round();
        if !micros.is_finite() || micros.abs() > 1e17 {
            return Err(minijinja::Error::new(ErrorKind::InvalidOperation, "hours_ago: out of range"));
        }
        Ok((now - Duration::microseconds(micros as i64)).to_rfc3339_opts(SecondsFormat::Secs, false))
    });
    let age = move |text: &str, unit_seconds: f64| -> Result<f64, minijinja::Error> {
        let then = DateTime::parse_from_rfc3339(text.trim()).map_err(|_| {
            minijinja::Error::new(ErrorKind::InvalidOperation, format!("`{text}` is not an RFC 3339 time"))
        })?;
        let seconds = (now.with_timezone(&Utc) - then.with_timezone(&Utc)).num_milliseconds() as f64 / 1000.0;
        Ok(seconds / unit_seconds)
    };
    env.add_function("age_days", move |text: String| age(&text, 86_400.0));
    env.add_function("age_hours", move |text: String| age(&text, 3_600.0));
}

/// `now`, `today`, … for the context.
pub fn time_values(now: LocalTime) -> Map<String, Value> {
    let date = now.date_naive();
    let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    let week_start = date - Duration::days(i64::from(now.weekday().num_days_from_monday()));
    let month_start = date.with_day(1).unwrap_or(date);
    let mut values = Map::new();
    values.insert("now".into(), json!(now.to_rfc3339_opts(SecondsFormat::Secs, false)));
    values.insert("today".into(), json!(day(date)));
    values.insert("yesterday".into(), json!(day(date - Duration::days(1))));
    values.insert("time_zone".into(), json!(now.timezone().name()));
    values.insert("week_start".into(), json!(day(week_start)));
    values.insert("month_start".into(), json!(day(month_start)));
    values
}

/// A template or expression ready to compile: its source with `{{ }}` removed
/// for expressions, and where that source starts inside the file's text.
pub struct Unit<'a> {
    pub text: &'a Text,
    /// Byte offset of `source` inside `text.source`.
    pub offset: usize,
    pub source: &'a str,
    pub expression: bool,
}

impl<'a> Unit<'a> {
    /// A template (`escalate complaint {{ item.id }}`).
    pub fn template(text: &'a Text) -> Unit<'a> {
        Unit { text, offset: 0, source: &text.source, expression: false }
    }

    /// An expression (`steps.at_risk.rows`); one wrapped in `{{ }}` is unwrapped.
    pub fn expression(text: &'a Text) -> Unit<'a> {
        match sole_expression(&text.source) {
            Some((offset, inner)) => Unit { text, offset, source: inner, expression: true },
            None => Unit { text, offset: 0, source: &text.source, expression: true },
        }
    }

    /// A template whose whole text is one `{{ expr }}` becomes that expression, so that
    /// `"{{ item.id }}"` stays a number in action params.
    pub fn value(text: &'a Text) -> Unit<'a> {
        match sole_expression(&text.source) {
            Some((offset, inner)) => Unit { text, offset, source: inner, expression: true },
            None => Unit::template(text),
        }
    }

    /// Where byte `index` of `source` is in the playbook file.
    pub fn position(&self, file: &str, index: usize) -> Position {
        locate(file, self.text, self.offset + index)
    }

    /// A minijinja error, located in the file.
    pub fn error(&self, playbook: &Playbook, error: &minijinja::Error) -> Error {
        let index = error.range().map(|r| r.start).unwrap_or(0);
        let at = self.position(&playbook.text, index);
        let mut message = crate::error::one_line(&error.to_string());
        if let Some(cut) = message.rfind(" (in ") {
            message.truncate(cut);
        }
        super::format::invalid(&playbook.path, at, message)
    }
}

/// `{{ expr }}` and nothing else → (offset of expr, expr).
fn sole_expression(source: &str) -> Option<(usize, &str)> {
    let trimmed_start = source.len() - source.trim_start().len();
    let body = source.trim();
    let inner = body.strip_prefix("{{")?.strip_suffix("}}")?;
    if inner.contains("{{") || inner.contains("}}") || inner.contains("{%") || inner.contains("{#") {
        return None;
    }
    let lead = inner.len() - inner.trim_start().len();
    Some((trimmed_start + 2 + lead, inner.trim()))
}

/// The place of byte `index` of a template in the file: single-line values
/// (plain or quoted) map exactly; block scalars by their lines.
pub fn locate(file: &str, text: &Text, index: usize) -> Position {
    let mut index = index.min(text.source.len());
    while !text.source.is_char_boundary(index) {
        index -= 1;
    }
    let before = &text.source[..index];
    let line_offset = before.matches('\n').count() as u64;
    let column_in_line = before.rsplit('\n').next().unwrap_or("").chars().count() as u64;
    if line_offset == 0 {
        let quoted = file
            .lines()
            .nth(text.at.line.saturating_sub(1) as usize)
            .and_then(|line| line.chars().nth(text.at.column.saturating_sub(1) as usize))
            .is_some_and(|c| c == '"' || c == '\'');
        Position { line: text.at.line, column: text.at.column + u64::from(quoted) + column_in_line }
    } else {
        Position { line: text.at.line + line_offset, column: text.at.column + column_in_line }
    }
}

/// Checks one template or expression: it compiles, every variable it reads
/// exists in its scope, and every filter and test it uses exists.
pub fn check<'s>(env: &Environment<'s>, unit: &Unit<'s>, scope: &Scope<'_>) -> Result<(), Error> {
    let playbook = scope.playbook;
    // minijinja knows which names the template binds itself; the syntax tree
    // knows every path read, subscripts included (`env['X']` is `env.X`).
    let free = if unit.expression {
        env.compile_expression(unit.source).map(|e| e.undeclared_variables(false))
    } else {
        env.template_from_str(unit.source).map(|t| t.undeclared_variables(false))
    }
    .map_err(|e| unit.error(playbook, &e))?;
    let reads =
        if unit.expression { reads::in_expression(unit.source) } else { reads::in_template(unit.source) }
            .map_err(|e| unit.error(playbook, &e))?;
    for read in reads.iter().filter(|read| free.contains(read.root())) {
        if let Some(message) = unknown(&read.path, scope) {
            let at = unit.position(&playbook.text, read.offset);
            return Err(super::format::invalid(&playbook.path, at, message));
        }
    }
    // Unknown filters and tests only show when rendering: render once with
    // every value undefined (and forgiven) to find them.
    let mut lenient = env.clone();
    lenient.set_undefined_behavior(UndefinedBehavior::Chainable);
    let trial = if unit.expression {
        lenient.compile_expression(unit.source).and_then(|e| e.eval(minijinja::context! {})).map(|_| ())
    } else {
        lenient.render_str(unit.source, minijinja::context! {}).map(|_| ())
    };
    match trial {
        Err(e) if matches!(e.kind(), ErrorKind::UnknownFilter | ErrorKind::UnknownTest) => {
            Err(unit.error(playbook, &e))
        }
        _ => Ok(()),
    }
}

fn listing(names: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    let names: Vec<String> = names.into_iter().map(|n| format!("`{}`", n.as_ref())).collect();
    if names.is_empty() { "none".into() } else { names.join(", ") }
}

/// Why `path` (a dotted variable path a template reads) is undefined in `scope`, if it is.
fn unknown(path: &str, scope: &Scope<'_>) -> Option<String> {
    let playbook = scope.playbook;
    let mut parts = path.split('.');
    let head = parts.next().unwrap_or_default();
    let first = parts.next();
    let second = parts.next();
    match head {
        "vars" => first.filter(|name| !playbook.vars.contains_key(*name)).map(|name| {
            format!(
                "undefined template variable `vars.{name}`: declare `{name}` under `vars` (declared: {})",
                listing(playbook.vars.keys())
            )
        }),
        "env" => match first {
            // Read whole (`env | items`, `env[name]`), it cannot be checked against the list.
            None => Some(format!(
                "`env` is read one listed variable at a time, by name (`env.NAME`); listed: {}",
                listing(&playbook.env)
            )),
            Some(name) => (!playbook.env.iter().any(|e| e == name)).then(|| {
                format!(
                    "undefined template variable `env.{name}`: only environment variables listed under `env` are readable (listed: {})",
                    listing(&playbook.env)
                )
            }),
        },
        "steps" => {
            let id = first?;
            if !scope.earlier.iter().any(|e| e == id) {
                let exists = playbook.steps.iter().any(|s| s.id == id);
                let why = if id == scope.step {
                    "a step cannot read its own output".to_owned()
                } else if exists {
                    format!("step `{id}` runs later")
                } else {
                    format!("there is no step `{id}`")
                };
                return Some(format!(
                    "undefined template variable `steps.{id}`: {why} (readable here: {})",
                    listing(scope.earlier)
                ));
            }
            second.filter(|field| !STEP_OUTPUTS.contains(field)).map(|field| {
                format!("undefined template variable `steps.{id}.{field}`: a step's outputs are {}", listing(STEP_OUTPUTS))
            })
        }
        "item" if !scope.item => Some(
            "undefined template variable `item`: `item` is defined only in steps with `for_each` (and not in `for_each` itself)".into(),
        ),
        "item" => None,
        "playbook" => first.filter(|key| !PLAYBOOK_KEYS.contains(key)).map(|key| {
            format!("undefined template variable `playbook.{key}`: `playbook` holds {}", listing(PLAYBOOK_KEYS))
        }),
        name if TIME_VALUES.contains(&name) || FUNCTIONS.contains(&name) || BUILTIN_FUNCTIONS.contains(&name) => {
            None
        }
        name => Some(format!(
            "undefined template variable `{name}`: templates read `vars`, `env`, `steps`, `item`, `playbook`, {}, and call {}",
            listing(TIME_VALUES),
            listing(FUNCTIONS)
        )),
    }
}

/// A unit compiled once and rendered for every item.
pub struct Compiled<'env, 's> {
    unit: Unit<'s>,
    form: Form<'env, 's>,
}

enum Form<'env, 's> {
    Template(minijinja::Template<'env, 's>),
    Expression(minijinja::Expression<'env, 's>),
}

impl<'env, 's> Compiled<'env, 's> {
    pub fn new(
        env: &'env Environment<'s>,
        playbook: &Playbook,
        unit: Unit<'s>,
    ) -> Result<Compiled<'env, 's>, Error> {
        let form = if unit.expression {
            env.compile_expression(unit.source).map(Form::Expression)
        } else {
            env.template_from_str(unit.source).map(Form::Template)
        }
        .map_err(|e| unit.error(playbook, &e))?;
        Ok(Compiled { unit, form })
    }

    /// The value (an expression's result, or the rendered text).
    pub fn value(&self, playbook: &Playbook, context: &minijinja::Value) -> Result<minijinja::Value, Error> {
        match &self.form {
            Form::Expression(expression) => {
                expression.eval(context).map_err(|e| self.unit.error(playbook, &e))
            }
            Form::Template(template) => template
                .render(context)
                .map(minijinja::Value::from)
                .map_err(|e| self.unit.error(playbook, &e)),
        }
    }

    /// The rendered text.
    pub fn text(&self, playbook: &Playbook, context: &minijinja::Value) -> Result<String, Error> {
        match &self.form {
            Form::Template(template) => template.render(context).map_err(|e| self.unit.error(playbook, &e)),
            Form::Expression(_) => Ok(self.value(playbook, context)?.to_string()),
        }
    }

    /// The value as JSON (numbers stay numbers).
    pub fn json(&self, playbook: &Playbook, context: &minijinja::Value) -> Result<Value, Error> {
        let value = self.value(playbook, context)?;
        serde_json::to_value(&value).map_err(|e| {
            super::format::invalid(
                &playbook.path,
                self.unit.position(&playbook.text, 0),
                format!("cannot use this value: {e}"),
            )
        })
    }

    /// Where this unit starts in the file.
    pub fn position(&self, playbook: &Playbook) -> Position {
        self.unit.position(&playbook.text, 0)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use chrono::TimeZone;
    use chrono_tz::Europe::Berlin;

    use super::*;
    use crate::playbook::StepKind;

    fn playbook(text: &str) -> Playbook {
        Playbook::parse(Path::new("pb.yaml"), text.to_owned()).unwrap()
    }

    fn text(source: &str, line: u64, column: u64) -> Text {
        Text { source: source.to_owned(), at: Position { line, column } }
    }

    #[test]
    fn a_sole_expression_keeps_its_type_and_its_place() {
        assert_eq!(sole_expression("{{ item.id }}"), Some((3, "item.id")));
        assert_eq!(sole_expression("  {{item.id}} "), Some((4, "item.id")));
        assert_eq!(sole_expression("a {{ b }}"), None);
        assert_eq!(sole_expression("{{ a }} {{ b }}"), None);
    }

    #[test]
    fn places_inside_templates_map_to_the_file() {
        let file = "steps:\n  - plan: \"escalate {{ x }}\"\n  - ask: go {{ y }}\n  - plan: |\n      first\n      second {{ z }}\n";
        let quoted = text("escalate {{ x }}", 2, 11);
        assert_eq!(locate(file, &quoted, 12), Position { line: 2, column: 24 });
        let plain = text("go {{ y }}", 3, 10);
        assert_eq!(locate(file, &plain, 6), Position { line: 3, column: 16 });
        let block = text("first\nsecond {{ z }}\n", 5, 7);
        assert_eq!(locate(file, &block, 16), Position { line: 6, column: 17 });
    }

    #[test]
    fn names_outside_the_scope_are_refused_with_a_reason() {
        let pb = playbook(
            "name: x\nvars: {n: 1}\nenv: [TEAM]\nsteps:\n  - {id: a, ask: q}\n  - {id: b, ask: q}\n  - {id: c, ask: q}\n",
        );
        let earlier = vec!["a".to_owned()];
        let scope = Scope { playbook: &pb, earlier: &earlier, step: "b", item: false };
        for ok in
            ["vars.n", "env.TEAM", "steps.a.rows", "steps.a", "now", "days_ago", "range", "playbook.run_id"]
        {
            assert_eq!(unknown(ok, &scope), None, "{ok}");
        }
        let refused = |path: &str| unknown(path, &scope).unwrap();
        assert!(refused("vars.m").contains("declare `m` under `vars`"));
        assert!(refused("env.HOME").contains("listed: `TEAM`"));
        assert!(refused("env").contains("by name (`env.NAME`)"));
        assert!(refused("steps.b.rows").contains("cannot read its own output"));
        assert!(refused("steps.c.rows").contains("runs later"));
        assert!(refused("steps.z").contains("there is no step `z`"));
        assert!(refused("steps.a.rowz").contains("a step's outputs are"));
        assert!(refused("item.id").contains("only in steps with `for_each`"));
        assert!(refused("playbook.owner").contains("`playbook` holds"));
        assert!(refused("itme").contains("undefined template variable `itme`"));
        let in_loop = Scope { item: true, ..scope };
        assert_eq!(unknown("item.anything", &in_loop), None);
    }

    #[test]
    fn time_helpers_use_the_teams_time_zone() {
        // 00:30 in Berlin is still the previous day in UTC.
        let now = Berlin.with_ymd_and_hms(2026, 11, 4, 0, 30, 0).unwrap();
        let values = time_values(now);
        assert_eq!(values["today"], "2026-11-04");
        assert_eq!(values["yesterday"], "2026-11-03");
        assert_eq!(values["week_start"], "2026-11-02");
        assert_eq!(values["month_start"], "2026-11-01");
        assert_eq!(values["time_zone"], "Europe/Berlin");
        let env = environment(now);
        let render = |source: &str| env.render_str(source, minijinja::context! {}).unwrap();
        assert_eq!(render("{{ days_ago(7) }}"), "2026-10-28");
        assert_eq!(render("{{ hours_ago(1) }}"), "2026-11-03T23:30:00+01:00");
        assert_eq!(render("{{ age_days('2026-11-01T23:30:00Z') }}"), "2.0");
        assert_eq!(render("{{ age_hours('2026-11-03T22:30:00+00:00') }}"), "1.0");
        assert!(env.render_str("{{ age_days('soon') }}", minijinja::context! {}).is_err());
    }

    #[test]
    fn strict_rendering_names_the_undefined_value_and_its_place() {
        let pb =
            playbook("name: x\nsteps:\n  - for_each: range(2)\n    plan: \"escalate {{ item.nope }}\"\n");
        let env = environment(Utc::now().with_timezone(&chrono_tz::Tz::UTC));
        let StepKind::Plan(source) = &pb.steps[0].kind else { panic!() };
        let compiled = Compiled::new(&env, &pb, Unit::template(source)).unwrap();
        let context = minijinja::context! { item => minijinja::context! { id => 3 } };
        let error = compiled.text(&pb, &context).unwrap_err().to_string();
        assert!(error.starts_with("pb.yaml:4:24: undefined value: `item.nope` is undefined"), "{error}");
    }
}
