//! Runs one read step: its payload's statements, then the answer its
//! built-in module binds (a list, a record, or business rules over the rows).

use std::time::Instant;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::finding::{Finding, Source};
use super::lists;
use super::window::AnswerWindow;
use crate::builtin::{Answer, Binding, Rows, builtin};
use crate::catalog::ActionSpec;
use crate::error::{Error, Result};
use crate::payload::Payload;
use crate::settings::Settings;
use crate::store::{ResultSet, Store};

pub async fn run(
    store: &Store,
    action: &ActionSpec,
    params: &Value,
    payload: &Payload,
    window: Option<&AnswerWindow>,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<Finding> {
    let bound = builtin(&action.name)?;
    let (Payload::Query { statements, .. }, Binding::Read(read)) = (payload, &bound.binding) else {
        return Err(Error::Internal(format!("`{}` is not a read", action.name)));
    };
    let started = Instant::now();
    let target = store.target();
    let mut sets: Vec<ResultSet> = Vec::with_capacity(statements.len());
    for statement in statements {
        sets.push(target.db().query_rows(statement, now).await?);
    }
    let latency = started.elapsed();
    let sources: Vec<Source> =
        statements.iter().zip(&sets).map(|(s, set)| Source::query(&action.name, s, set.rows.len())).collect();
    let described = window.map(|w| w.describe(settings));
    let label = described.as_deref().unwrap_or("all time");
    let rows = Rows {
        action: &action.name,
        sets: &sets,
        params,
        label,
        window,
        settings,
        now,
        latency,
        backend: target.db().backend(),
    };
    let mut finding = match &read.answer {
        Answer::List { one, many } => lists::list(&rows, one, many, window.map(|w| w.label.as_str()))?,
        Answer::Record { one, param } => lists::record(&rows, one, param)?,
        Answer::Finding(answer) => answer(&rows)?,
    };
    let mut all = sources;
    all.append(&mut finding.sources);
    finding.sources = all;
    Ok(finding)
}
