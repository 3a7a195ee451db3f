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
    if let Payload::HttpRead { request, rows, timeout, .. } = payload {
        return http_read(action, request, rows.as_deref(), *timeout).await;
    }
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

/// A pack read: the GET, and its JSON as rows (the pack's `rows` path, or
/// the document as one row). Columns are the union of the rows' fields in
/// first-seen order.
async fn http_read(
    action: &ActionSpec,
    request: &crate::payload::HttpCall,
    rows: Option<&str>,
    timeout: crate::pack::Timeouts,
) -> Result<Finding> {
    let document = crate::executor::http::get_json(&request.url, &request.headers, timeout).await?;
    let path = rows.and_then(crate::pack::RowsPath::parse);
    let items = match &path {
        Some(path) => path.rows(&document).ok_or_else(|| {
            Error::Provider(format!("GET {}: the response has no `{}`", request.url, rows.unwrap_or("")))
        })?,
        None => match document {
            Value::Array(items) => items,
            other => vec![other],
        },
    };
    // The pack's own order of fields when it names them; else as they come.
    let mut columns: Vec<String> = path.map(|p| p.fields).unwrap_or_default();
    for item in &items {
        if let Value::Object(map) = item {
            for key in map.keys() {
                if !columns.contains(key) {
                    columns.push(key.clone());
                }
            }
        }
    }
    let table_rows: Vec<Vec<Value>> = items
        .iter()
        .map(|item| match item {
            Value::Object(map) => {
                columns.iter().map(|c| map.get(c).cloned().unwrap_or(Value::Null)).collect()
            }
            other => vec![other.clone()],
        })
        .collect();
    if columns.is_empty() && !table_rows.is_empty() {
        columns.push("value".into());
    }
    let count = table_rows.len();
    let summary = format!(
        "{}: {count} row{} from GET {}",
        action.description,
        if count == 1 { "" } else { "s" },
        request.url
    );
    let mut finding =
        Finding::new(&action.name, summary, ResultSet { columns, rows: table_rows }).fact("rows", count);
    finding.sources.push(super::finding::Source::Reading {
        name: action.name.clone(),
        detail: format!("GET {} → {count} rows", request.url),
    });
    Ok(finding)
}
