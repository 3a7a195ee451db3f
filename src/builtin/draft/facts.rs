//! Reading the rows a draft is filled with, each read recorded as a source.

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::answer::Source;
use crate::error::{Error, Result};
use crate::payload::{SqlStatement, SqlValue};
use crate::settings::Settings;
use crate::store::Store;

/// The row `sql` finds for `id`; a clear "does not exist" when there is none.
pub async fn one_row(
    store: &Store,
    sources: &mut Vec<Source>,
    action: &str,
    sql: &str,
    id: i64,
    now: DateTime<Utc>,
    what: &str,
) -> Result<Value> {
    let target = store.target();
    let uses = &crate::catalog::Catalog::builtin().require(action)?.uses;
    let statement = target.bind(uses, &SqlStatement::new(sql, vec![SqlValue::Int(id)]))?;
    let set = target.db().query_rows(&statement, now).await?;
    sources.push(Source::query(action, &statement, set.rows.len()));
    set.objects().into_iter().next().ok_or_else(|| Error::NotFound(format!("{what} {id} does not exist")))
}

/// A stored time as the team reads it: `2026-11-16 09:30` in its time zone.
pub fn local_time(settings: &Settings, text: Option<&str>) -> String {
    text.and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| settings.local(t.with_timezone(&Utc)).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}
