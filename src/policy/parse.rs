//! A policy file, parsed strictly and checked against the catalog before
//! anything is stored: an unknown field, action, risk or variable, a bad
//! expression, or a rule that would loosen what the catalog requires is
//! refused with `file:line:col: message`.

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;
use serde_saphyr::Spanned;

use super::facts::{FACTS, environment};
use super::rule::{ActorKind, Cap, Effect, Per, Period, Rate, Requirement, Rule, Selector, Window};
use crate::catalog::{ActionSpec, Catalog, Requires, Risk};
use crate::error::{Error, Result};
use crate::playbook::{Position, Text, locate};
use crate::session::Surface;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    rules: Vec<Spanned<RawRule>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    name: Spanned<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    action: Option<Spanned<Value>>,
    #[serde(default)]
    actor: Option<Spanned<String>>,
    #[serde(default)]
    risk: Option<Spanned<Value>>,
    #[serde(default)]
    surface: Option<Spanned<Value>>,
    #[serde(default)]
    when: Option<Spanned<String>>,
    #[serde(default)]
    deny: Option<Spanned<String>>,
    #[serde(default)]
    require: Option<Spanned<Value>>,
    #[serde(default)]
    cap: Option<Spanned<Value>>,
    #[serde(default)]
    rate: Option<Spanned<Value>>,
}

fn at<T>(spanned: &Spanned<T>) -> Position {
    Position { line: spanned.referenced.line(), column: spanned.referenced.column() }
}

/// Parses and checks a policy file's text (`path` names it in messages).
pub fn parse(path: &Path, text: &str, catalog: &Catalog) -> Result<Vec<Rule>> {
    // serde's message for an unknown field already lists the ones expected.
    let raw: RawPolicy = crate::yaml::from_str(path, text)?;
    let checker = Checker { path, text, catalog };
    let mut names = HashSet::new();
    let mut rules = Vec::with_capacity(raw.rules.len());
    for raw in &raw.rules {
        let rule = checker.rule(&raw.value, at(raw))?;
        if !names.insert(rule.name.clone()) {
            return Err(
                checker.invalid(at(&raw.value.name), format!("a second rule is named `{}`", rule.name))
            );
        }
        rules.push(rule);
    }
    Ok(rules)
}

struct Checker<'a> {
    path: &'a Path,
    text: &'a str,
    catalog: &'a Catalog,
}

impl Checker<'_> {
    fn invalid(&self, at: Position, message: impl Into<String>) -> Error {
        let location = (at.line > 0).then_some((at.line, at.column));
        Error::InvalidFile { path: self.path.to_owned(), location, message: message.into() }
    }

    fn rule(&self, raw: &RawRule, rule_at: Position) -> Result<Rule> {
        let name = raw.name.value.trim().to_owned();
        if !is_rule_name(&name) {
            return Err(self.invalid(
                at(&raw.name),
                format!(
                    "`{name}` is not a rule name: use letters, digits, `-`, `_` and `.` (denials name it)"
                ),
            ));
        }
        let selector = Selector {
            actions: self.list(&raw.action, "action")?,
            actor: match &raw.actor {
                None => None,
                Some(actor) => match actor.value.as_str() {
                    "person" => Some(ActorKind::Person),
                    "agent" => Some(ActorKind::Agent),
                    "any" => None,
                    other => {
                        return Err(self.invalid(
                            at(actor),
                            format!("unknown actor `{other}`; use person, agent or any"),
                        ));
                    }
                },
            },
            risks: self.risks(&raw.risk)?,
            surfaces: self.surfaces(&raw.surface)?,
        };
        if let Some(action) = &raw.action {
            for glob in &selector.actions {
                if !self.catalog.actions().iter().any(|a| crate::session::glob_matches(glob, &a.name)) {
                    return Err(self.invalid(
                        at(action),
                        format!("`{glob}` matches no action in the catalog (`opsgate actions` lists them)"),
                    ));
                }
            }
        }
        let covered: Vec<&ActionSpec> =
            self.catalog.actions().iter().filter(|a| selector.covers(a)).collect();
        if covered.is_empty() {
            return Err(self.invalid(
                rule_at,
                format!("rule `{name}` selects no action: its `action` and `risk` exclude each other"),
            ));
        }

        let effects = [raw.deny.is_some(), raw.require.is_some(), raw.cap.is_some(), raw.rate.is_some()];
        let effect = match effects.iter().filter(|present| **present).count() {
            0 => {
                return Err(self.invalid(
                    rule_at,
                    format!("rule `{name}` has no effect: give it one of `deny`, `require`, `cap` or `rate`"),
                ));
            }
            1 => self.effect(raw, &name, &covered)?,
            _ => {
                return Err(self.invalid(
                    rule_at,
                    format!("rule `{name}` has more than one effect: split it into one rule per effect"),
                ));
            }
        };

        let mut reads_target = false;
        if let Some(when) = &raw.when {
            reads_target = self.condition(when, &covered)?;
        }
        Ok(Rule {
            name,
            description: raw.description.clone(),
            selector,
            when: raw.when.as_ref().map(|when| when.value.clone()),
            effect,
            reads_target,
        })
    }

    /// A name or a list of names.
    fn list(&self, value: &Option<Spanned<Value>>, field: &str) -> Result<Vec<String>> {
        let Some(value) = value else { return Ok(Vec::new()) };
        let items = match &value.value {
            Value::String(one) => vec![one.clone()],
            Value::Array(many) if !many.is_empty() => many
                .iter()
                .map(|item| item.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| {
                    self.invalid(at(value), format!("`{field}` takes a name or a list of names"))
                })?,
            _ => return Err(self.invalid(at(value), format!("`{field}` takes a name or a list of names"))),
        };
        Ok(items)
    }

    fn risks(&self, value: &Option<Spanned<Value>>) -> Result<Vec<Risk>> {
        let Some(spanned) = value else { return Ok(Vec::new()) };
        self.list(value, "risk")?
            .iter()
            .map(|name| {
                serde_json::from_value::<Risk>(Value::String(name.clone())).map_err(|_| {
                    self.invalid(
                        at(spanned),
                        format!(
                            "unknown risk `{name}`; use read, draft, write, destructive, financial or admin"
                        ),
                    )
                })
            })
            .collect()
    }

    fn surfaces(&self, value: &Option<Spanned<Value>>) -> Result<Vec<Surface>> {
        let Some(spanned) = value else { return Ok(Vec::new()) };
        self.list(value, "surface")?
            .iter()
            .map(|name| {
                Surface::parse(name).ok_or_else(|| {
                    let known: Vec<&str> = Surface::ALL.iter().map(|s| s.as_str()).collect();
                    self.invalid(at(spanned), format!("unknown surface `{name}`; use {}", known.join(", ")))
                })
            })
            .collect()
    }

    fn effect(&self, raw: &RawRule, name: &str, covered: &[&ActionSpec]) -> Result<Effect> {
        if let Some(deny) = &raw.deny {
            let message = deny.value.trim();
            if message.is_empty() {
                return Err(self.invalid(at(deny), "`deny` takes the message a denied person reads"));
            }
            return Ok(Effect::Deny(message.to_owned()));
        }
        if let Some(require) = &raw.require {
            return self.requirement(require, name, covered).map(Effect::Require);
        }
        if let Some(cap) = &raw.cap {
            return self.cap(cap, covered).map(Effect::Cap);
        }
        let rate = raw.rate.as_ref().ok_or_else(|| Error::Internal("a rule without an effect".into()))?;
        self.rate(rate).map(Effect::Rate)
    }

    fn requirement(
        &self,
        spanned: &Spanned<Value>,
        name: &str,
        covered: &[&ActionSpec],
    ) -> Result<Requirement> {
        let here = at(spanned);
        let mut requirement = Requirement { level: Requires::None, approvals: 0, second_factor: false };
        let mut loosens: Vec<String> = Vec::new();
        match &spanned.value {
            Value::String(level) => {
                requirement.level = parse_level(level).ok_or_else(|| {
                    self.invalid(here, format!("unknown requirement `{level}`; use confirm or approval"))
                })?;
                requirement.approvals = u32::from(requirement.level == Requires::Approval);
            }
            Value::Object(fields) => {
                for (key, value) in fields {
                    match (key.as_str(), value) {
                        ("confirm", Value::Bool(true)) => {
                            requirement.level = requirement.level.max(Requires::Confirm)
                        }
                        ("confirm", Value::Bool(false)) => loosens.push("`confirm: false`".into()),
                        ("level", Value::String(level)) => {
                            let level = parse_level(level).ok_or_else(|| {
                                self.invalid(
                                    here,
                                    format!("unknown level `{level}`; use none, confirm or approval"),
                                )
                            })?;
                            requirement.level = requirement.level.max(level);
                            if level == Requires::None {
                                loosens.push("`level: none`".into());
                            }
                        }
                        ("approvals", Value::Number(n)) => {
                            let n = n.as_u64().filter(|n| *n <= 10).ok_or_else(|| {
                                self.invalid(here, "`approvals` is a whole number from 1 to 10")
                            })?;
                            if n == 0 {
                                loosens.push("`approvals: 0`".into());
                            }
                            requirement.approvals = n as u32;
                            if n > 0 {
                                requirement.level = Requires::Approval;
                            }
                        }
                        ("second_factor", Value::Bool(wanted)) => {
                            requirement.second_factor = *wanted;
                            if !wanted {
                                for action in covered.iter().filter(|a| a.second_factor) {
                                    loosens.push(format!("`second_factor: false` for {}", action.name));
                                }
                            }
                        }
                        ("confirm" | "level" | "approvals" | "second_factor", _) => {
                            return Err(self.invalid(here, format!("`{key}` has the wrong type: `confirm` and `second_factor` are true or false, `approvals` a number, `level` none, confirm or approval")));
                        }
                        _ => {
                            return Err(self.invalid(
                                here,
                                format!("unknown field `{key}` in `require`; use `confirm`, `approvals`, `second_factor` or `level`"),
                            ));
                        }
                    }
                }
            }
            Value::Null => loosens.push("`require: none`".into()),
            _ => {
                return Err(self.invalid(
                    here,
                    "`require` takes confirm, approval, or a map of `confirm`, `approvals`, `second_factor`",
                ));
            }
        }
        if matches!(&spanned.value, Value::String(level) if level == "none") {
            loosens.push("`require: none`".into());
        }
        // Asking for fewer approvals than the catalog is loosening even when other fields tighten.
        for action in covered {
            let catalog_approvals = u32::from(action.requires == Requires::Approval);
            if requirement.level == Requires::Approval && requirement.approvals < catalog_approvals {
                loosens.push(format!("fewer approvals than {} needs", action.name));
            }
            if requirement.level < action.requires && loosens.iter().any(|l| l.contains("none")) {
                loosens.push(format!("less than {} needs ({})", action.name, action.requires.as_str()));
            }
        }
        if let Some(first) = loosens.first() {
            return Err(self.invalid(
                here,
                format!("rule `{name}` would loosen the catalog ({first}); rules can only tighten"),
            ));
        }
        if requirement.level == Requires::None && !requirement.second_factor {
            return Err(self.invalid(
                here,
                format!("rule `{name}` requires nothing: give `confirm`, `approvals` or `second_factor`"),
            ));
        }
        Ok(requirement)
    }

    fn cap(&self, spanned: &Spanned<Value>, covered: &[&ActionSpec]) -> Result<Cap> {
        let here = at(spanned);
        let fields = self.fields(spanned, "cap", &["sum", "per", "period", "max"])?;
        let sum = fields
            .get("sum")
            .and_then(Value::as_str)
            .ok_or_else(|| self.invalid(here, "`cap` needs `sum: params.<parameter>`"))?
            .trim()
            .to_owned();
        let param = sum
            .strip_prefix("params.")
            .filter(|p| is_rule_name(p))
            .ok_or_else(|| {
                self.invalid(here, format!("`sum: {sum}` must name a parameter: `params.<parameter>`"))
            })?
            .to_owned();
        for action in covered {
            let kind = action.params.pointer(&format!("/properties/{param}/type")).and_then(Value::as_str);
            if !matches!(kind, Some("integer" | "number")) {
                return Err(self.invalid(
                    here,
                    format!("{} has no numeric parameter `{param}` to sum (`opsgate actions {}` shows its schema)", action.name, action.name),
                ));
            }
        }
        let per = match fields.get("per").and_then(Value::as_str) {
            Some("person") => Per::Person,
            Some("agent") => Per::Agent,
            _ => return Err(self.invalid(here, "`cap` needs `per: person` or `per: agent`")),
        };
        let period = match fields.get("period").and_then(Value::as_str) {
            Some("hour") => Period::Hour,
            Some("day") => Period::Day,
            Some("week") => Period::Week,
            Some("month") => Period::Month,
            _ => return Err(self.invalid(here, "`cap` needs `period`: hour, day, week or month")),
        };
        let max = fields
            .get("max")
            .and_then(Value::as_i64)
            .filter(|max| *max >= 0)
            .ok_or_else(|| self.invalid(here, "`cap` needs `max`, a whole number of at least 0"))?;
        Ok(Cap { sum, param, per, period, max })
    }

    fn rate(&self, spanned: &Spanned<Value>) -> Result<Rate> {
        let here = at(spanned);
        let fields = self.fields(spanned, "rate", &["max", "per", "by"])?;
        let max = fields
            .get("max")
            .and_then(Value::as_i64)
            .filter(|max| *max >= 1)
            .ok_or_else(|| self.invalid(here, "`rate` needs `max`, a whole number of at least 1"))?;
        let per = match fields.get("per").and_then(Value::as_str) {
            Some("minute") => Window::Minute,
            Some("hour") => Window::Hour,
            Some("day") => Window::Day,
            _ => return Err(self.invalid(here, "`rate` needs `per`: minute, hour or day")),
        };
        let by = match fields.get("by").map(|v| v.as_str()) {
            None => None,
            Some(Some("person")) => Some(Per::Person),
            Some(Some("agent")) => Some(Per::Agent),
            Some(_) => return Err(self.invalid(here, "`by` is person or agent")),
        };
        Ok(Rate { max, per, by })
    }

    fn fields<'v>(
        &self,
        spanned: &'v Spanned<Value>,
        effect: &str,
        known: &[&str],
    ) -> Result<&'v serde_json::Map<String, Value>> {
        let map = spanned.value.as_object().ok_or_else(|| {
            self.invalid(at(spanned), format!("`{effect}` takes a map of {}", known.join(", ")))
        })?;
        if let Some(unknown) = map.keys().find(|key| !known.contains(&key.as_str())) {
            return Err(self.invalid(
                at(spanned),
                format!("unknown field `{unknown}` in `{effect}`; use {}", known.join(", ")),
            ));
        }
        Ok(map)
    }

    /// Checks a `when` expression: it compiles, reads only the facts, and names
    /// only parameters the rule's actions have. True when it reads `target`.
    fn condition(&self, when: &Spanned<String>, covered: &[&ActionSpec]) -> Result<bool> {
        let text = Text { source: when.value.clone(), at: at(when) };
        let env = environment();
        let expression = env.compile_expression(&when.value).map_err(|error| {
            let index = error.range().map(|r| r.start).unwrap_or(0);
            let mut message = crate::error::one_line(&error.to_string());
            if let Some(cut) = message.rfind(" (in ") {
                message.truncate(cut);
            }
            self.invalid(locate(self.text, &text, index), message)
        })?;
        let mut names: Vec<String> = expression.undeclared_variables(true).into_iter().collect();
        names.sort();
        let mut reads_target = false;
        for name in &names {
            let root = name.split('.').next().unwrap_or(name);
            let place = || locate(self.text, &text, when.value.find(name.as_str()).unwrap_or(0));
            if !FACTS.contains(&root) {
                return Err(self.invalid(
                    place(),
                    format!("unknown variable `{root}`; a condition reads {}", FACTS.join(", ")),
                ));
            }
            reads_target |= root == "target";
            if let Some(param) =
                name.strip_prefix("params.").map(|rest| rest.split('.').next().unwrap_or(rest))
                && !covered.iter().any(|action| action.param_names().contains(&param))
            {
                let actions: Vec<&str> = covered.iter().map(|a| a.name.as_str()).collect();
                return Err(
                    self.invalid(place(), format!("no parameter `{param}` in {}", actions.join(", ")))
                );
            }
        }
        Ok(reads_target)
    }
}

fn parse_level(text: &str) -> Option<Requires> {
    match text {
        "none" => Some(Requires::None),
        "confirm" => Some(Requires::Confirm),
        "approval" => Some(Requires::Approval),
        _ => None,
    }
}

fn is_rule_name(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 100
        && text.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}
