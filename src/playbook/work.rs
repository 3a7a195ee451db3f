//! A step turned into work: its `for_each` list, its `when` per item, and its
//! templates rendered strictly, every item before any of them runs.

use serde_json::Value;

use super::format::{Params, Playbook, StepKind, StepSpec, invalid};
use super::template::{Compiled, Unit};
use crate::canonical::to_canonical_string;
use crate::error::Result;

/// One iteration's work, rendered.
pub enum Work {
    Ask(String),
    Plan(String),
    Action { action: String, params: Value },
}

impl Work {
    pub fn label(&self) -> String {
        match self {
            Work::Ask(prompt) | Work::Plan(prompt) => prompt.clone(),
            Work::Action { action, params } => format!("{action} {}", to_canonical_string(params)),
        }
    }
}

/// A step's templates, compiled once for all its items.
enum Body<'env, 's> {
    Prompt(Compiled<'env, 's>),
    Action { action: Compiled<'env, 's>, params: CompiledParams<'env, 's> },
}

enum CompiledParams<'env, 's> {
    Literal(Value),
    Unit(Compiled<'env, 's>),
    List(Vec<CompiledParams<'env, 's>>),
    Map(Vec<(String, CompiledParams<'env, 's>)>),
}

impl<'env, 's> CompiledParams<'env, 's> {
    fn new(
        env: &'env minijinja::Environment<'s>,
        playbook: &'s Playbook,
        params: &'s Params,
    ) -> Result<Self> {
        Ok(match params {
            Params::Literal(value) => CompiledParams::Literal(value.clone()),
            Params::Text(text) => CompiledParams::Unit(Compiled::new(env, playbook, Unit::value(text))?),
            Params::List(items) => CompiledParams::List(
                items.iter().map(|p| CompiledParams::new(env, playbook, p)).collect::<Result<_>>()?,
            ),
            Params::Map(entries) => CompiledParams::Map(
                entries
                    .iter()
                    .map(|(k, p)| Ok((k.clone(), CompiledParams::new(env, playbook, p)?)))
                    .collect::<Result<_>>()?,
            ),
        })
    }

    fn render(&self, playbook: &Playbook, context: &minijinja::Value) -> Result<Value> {
        Ok(match self {
            CompiledParams::Literal(value) => value.clone(),
            CompiledParams::Unit(compiled) => compiled.json(playbook, context)?,
            CompiledParams::List(items) => {
                Value::Array(items.iter().map(|p| p.render(playbook, context)).collect::<Result<_>>()?)
            }
            CompiledParams::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, p)| Ok((k.clone(), p.render(playbook, context)?)))
                    .collect::<Result<_>>()?,
            ),
        })
    }
}

/// The work of every item whose `when` holds, and how many were skipped.
pub fn render(
    env: &minijinja::Environment<'_>,
    playbook: &Playbook,
    step: &StepSpec,
    base: &minijinja::Value,
) -> Result<(Vec<Work>, usize)> {
    let items: Vec<Option<minijinja::Value>> = match &step.for_each {
        None => vec![None],
        Some(text) => {
            let compiled = Compiled::new(env, playbook, Unit::expression(text))?;
            let list = compiled.value(playbook, base)?;
            if !matches!(
                list.kind(),
                minijinja::value::ValueKind::Seq | minijinja::value::ValueKind::Iterable
            ) {
                return Err(invalid(
                    &playbook.path,
                    compiled.position(playbook),
                    format!("`for_each` must give a list; `{}` gave a {}", text.source.trim(), list.kind()),
                ));
            }
            list.try_iter()
                .map_err(|e| invalid(&playbook.path, compiled.position(playbook), e.to_string()))?
                .map(Some)
                .collect()
        }
    };
    let when =
        step.when.as_ref().map(|text| Compiled::new(env, playbook, Unit::expression(text))).transpose()?;
    let body = match &step.kind {
        StepKind::Ask(text) | StepKind::Plan(text) => {
            Body::Prompt(Compiled::new(env, playbook, Unit::template(text))?)
        }
        StepKind::Action { action, params } => Body::Action {
            action: Compiled::new(env, playbook, Unit::template(action))?,
            params: CompiledParams::new(env, playbook, params)?,
        },
    };
    let mut works = Vec::with_capacity(items.len());
    let mut skipped = 0;
    for item in items {
        let context = match item {
            Some(item) => minijinja::context! { item => item, ..base.clone() },
            None => base.clone(),
        };
        if let Some(when) = &when
            && !when.value(playbook, &context)?.is_true()
        {
            skipped += 1;
            continue;
        }
        works.push(match (&body, &step.kind) {
            (Body::Prompt(prompt), StepKind::Ask(_)) => Work::Ask(prompt.text(playbook, &context)?),
            (Body::Prompt(prompt), _) => Work::Plan(prompt.text(playbook, &context)?),
            (Body::Action { action, params }, _) => Work::Action {
                action: action.text(playbook, &context)?.trim().to_owned(),
                params: params.render(playbook, &context)?,
            },
        });
    }
    Ok((works, skipped))
}
