//! Playbooks: YAML files that cron and CI run. A playbook asks questions and
//! plans actions through the same pipeline as `ask` and `plan`, with the
//! permissions of the person it runs as; by default it only suggests, so a
//! scheduled job never writes on its own. The format is documented in
//! `playbooks/README.md`.

mod fixed;
mod format;
mod inputs;
mod lock;
mod reads;
mod report;
mod run;
mod template;
mod work;

use serde::Serialize;
use serde_json::Value;

pub use format::{DEFAULT_LOCK_TIMEOUT, Mode, OnError, Params, Playbook, Position, StepKind, StepSpec, Text};
pub use inputs::{resolve_mode, resolve_vars};
pub use report::{
    ActionReport, AnswerReport, PlanReport, RecoveredLock, RunId, RunReport, RunStatus, StepReport,
    StepStatus, Totals,
};
pub use run::{Progress, Quiet, RunRequest, Terminal, run};
pub use template::{STEP_OUTPUTS, locate};

use crate::catalog::Catalog;
use crate::error::Result;
use template::{Scope, Unit};

/// Checks what can be checked before running: `mode: execute` comes with
/// `allow_execute: true`; every template and expression compiles and reads
/// only what its step can see (declared `vars`, listed `env`, earlier steps'
/// outputs, `item` under `for_each`); filters and tests exist; literal action
/// names are in the catalog and literal params fit the action's schema.
pub fn check(playbook: &Playbook, catalog: &Catalog) -> Result<()> {
    if playbook.mode == Mode::Execute && !playbook.allow_execute {
        return Err(format::invalid(
            &playbook.path,
            playbook.mode_at,
            "`mode: execute` needs `allow_execute: true` in the file (and --allow-execute when run); scheduled runs should stay `suggest`",
        ));
    }
    let env = template::environment(crate::time::now_micros().with_timezone(&chrono_tz::Tz::UTC));
    let mut earlier: Vec<String> = Vec::new();
    for step in &playbook.steps {
        let outer = Scope { playbook, earlier: &earlier, step: &step.id, item: false };
        if let Some(for_each) = &step.for_each {
            template::check(&env, &Unit::expression(for_each), &outer)?;
        }
        let scope = Scope { item: step.for_each.is_some(), ..outer };
        if let Some(when) = &step.when {
            template::check(&env, &Unit::expression(when), &scope)?;
        }
        match &step.kind {
            StepKind::Ask(text) | StepKind::Plan(text) => {
                template::check(&env, &Unit::template(text), &scope)?
            }
            StepKind::Action { action, params } => {
                template::check(&env, &Unit::template(action), &scope)?;
                check_params(&env, params, &scope)?;
                let literal = !action.source.contains("{{") && !action.source.contains("{%");
                if literal {
                    let name = action.source.trim();
                    if catalog.get(name).is_none() {
                        let at = template::locate(&playbook.text, action, 0);
                        return Err(format::invalid(
                            &playbook.path,
                            at,
                            format!("unknown action `{name}`: `opsgate actions` lists the catalog"),
                        ));
                    }
                    if let Some(value) = literal_params(params) {
                        catalog.validate(name, &value).map_err(|e| {
                            format::invalid(&playbook.path, step.at, format!("step `{}`: {e}", step.id))
                        })?;
                    }
                }
            }
        }
        earlier.push(step.id.clone());
    }
    Ok(())
}

fn check_params<'s>(env: &minijinja::Environment<'s>, params: &'s Params, scope: &Scope<'_>) -> Result<()> {
    match params {
        Params::Literal(_) => Ok(()),
        Params::Text(text) => template::check(env, &Unit::value(text), scope),
        Params::List(items) => items.iter().try_for_each(|p| check_params(env, p, scope)),
        Params::Map(entries) => entries.iter().try_for_each(|(_, p)| check_params(env, p, scope)),
    }
}

/// Params without any template, as a value.
fn literal_params(params: &Params) -> Option<Value> {
    match params {
        Params::Literal(value) => Some(value.clone()),
        Params::Text(text) if !text.source.contains("{{") && !text.source.contains("{%") => {
            Some(Value::String(text.source.clone()))
        }
        Params::Text(_) => None,
        Params::List(items) => items.iter().map(literal_params).collect::<Option<Vec<_>>>().map(Value::Array),
        Params::Map(entries) => entries
            .iter()
            .map(|(k, p)| literal_params(p).map(|v| (k.clone(), v)))
            .collect::<Option<serde_json::Map<_, _>>>()
            .map(Value::Object),
    }
}

/// A checked playbook, as `playbook validate` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Outline {
    pub file: String,
    pub valid: bool,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub mode: Mode,
    pub allow_execute: bool,
    pub vars: serde_json::Map<String, Value>,
    pub env: Vec<String>,
    pub lock_timeout_seconds: i64,
    pub steps: Vec<StepOutline>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepOutline {
    pub id: String,
    pub kind: &'static str,
    /// The prompt or action, as written.
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub for_each: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    pub on_error: OnError,
}

impl Outline {
    pub fn of(playbook: &Playbook) -> Outline {
        Outline {
            file: playbook.file_name(),
            valid: true,
            name: playbook.name.clone(),
            description: playbook.description.clone(),
            mode: playbook.mode,
            allow_execute: playbook.allow_execute,
            vars: playbook.vars.iter().map(|(k, v)| (k.clone(), v.default.clone())).collect(),
            env: playbook.env.clone(),
            lock_timeout_seconds: playbook.lock_timeout.num_seconds(),
            steps: playbook
                .steps
                .iter()
                .map(|step| StepOutline {
                    id: step.id.clone(),
                    kind: step.kind.name(),
                    text: match &step.kind {
                        StepKind::Ask(text) | StepKind::Plan(text) => text.source.trim().to_owned(),
                        StepKind::Action { action, .. } => action.source.trim().to_owned(),
                    },
                    for_each: step.for_each.as_ref().map(|t| t.source.trim().to_owned()),
                    when: step.when.as_ref().map(|t| t.source.trim().to_owned()),
                    on_error: step.on_error,
                })
                .collect(),
        }
    }
}
