//! Result sets of read-only statements as JSON values, the same on both
//! backends: integers, reals, text, booleans and NULL as themselves; times as
//! RFC 3339 text in UTC, exactly as SQLite stores them.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use serde_json::Value;
use sqlx::{AssertSqlSafe, Column, Row, TypeInfo, ValueRef};

use super::{Store, on_pool};
use crate::error::{Error, Result};
use crate::payload::SqlStatement;

/// Binds a statement's values to a sqlx query, in order. `Now` binds `$now`;
/// `Details` carries the key of `$action` (the action executing, if any).
macro_rules! bind_values {
    ($query:expr, $params:expr, $now:expr, $action:expr) => {{
        let mut query = $query;
        for value in $params {
            query = match value {
                $crate::payload::SqlValue::Null($crate::payload::NullKind::Int) => query.bind(None::<i64>),
                $crate::payload::SqlValue::Null($crate::payload::NullKind::Text) => {
                    query.bind(None::<String>)
                }
                $crate::payload::SqlValue::Bool(b) => query.bind(*b),
                $crate::payload::SqlValue::Int(i) => query.bind(*i),
                $crate::payload::SqlValue::Float(f) => query.bind(*f),
                $crate::payload::SqlValue::Text(t) => query.bind(t.clone()),
                $crate::payload::SqlValue::Time(t) => query.bind(*t),
                $crate::payload::SqlValue::Now => query.bind($now),
                $crate::payload::SqlValue::Details(t) => query.bind($crate::payload::details_for(t, $action)),
            };
        }
        query
    }};
}

pub(crate) use bind_values;

/// Rows of one statement, columns in the order the statement names them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ResultSet {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

impl ResultSet {
    /// Index of a column by name.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// The value of `name` in row `row` (`Null` when either is missing).
    pub fn get(&self, row: usize, name: &str) -> &Value {
        static NULL: Value = Value::Null;
        match (self.rows.get(row), self.column(name)) {
            (Some(values), Some(index)) => values.get(index).unwrap_or(&NULL),
            _ => &NULL,
        }
    }

    pub fn int(&self, row: usize, name: &str) -> i64 {
        let value = self.get(row, name);
        value.as_i64().or_else(|| value.as_f64().map(|f| f as i64)).unwrap_or(0)
    }

    pub fn float(&self, row: usize, name: &str) -> Option<f64> {
        self.get(row, name).as_f64()
    }

    pub fn text(&self, row: usize, name: &str) -> Option<&str> {
        self.get(row, name).as_str()
    }

    pub fn time(&self, row: usize, name: &str) -> Option<DateTime<Utc>> {
        self.text(row, name).and_then(|t| DateTime::parse_from_rfc3339(t).ok()).map(|t| t.with_timezone(&Utc))
    }

    /// Rows as JSON objects (keys sorted), for `--output json`.
    pub fn objects(&self) -> Vec<Value> {
        self.rows
            .iter()
            .map(|row| Value::Object(self.columns.iter().cloned().zip(row.iter().cloned()).collect()))
            .collect()
    }
}

/// RFC 3339 as SQLite stores a bound `DateTime<Utc>`.
pub fn format_time(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::AutoSi, false)
}

impl Store {
    /// Runs one read-only statement and returns every row.
    pub async fn query_rows(&self, statement: &SqlStatement, now: DateTime<Utc>) -> Result<ResultSet> {
        let sql = statement.sql.clone();
        on_pool!(self, pool => {
            let query = bind_values!(sqlx::query(AssertSqlSafe(sql)), &statement.params, now, None);
            result_set(&query.fetch_all(pool).await?)
        })
    }
}

impl super::Tx {
    /// [`Store::query_rows`] inside a transaction.
    pub async fn query_rows(&mut self, statement: &SqlStatement, now: DateTime<Utc>) -> Result<ResultSet> {
        let sql = statement.sql.clone();
        super::on_tx!(self, tx => {
            let query = bind_values!(sqlx::query(AssertSqlSafe(sql)), &statement.params, now, None);
            result_set(&query.fetch_all(&mut **tx).await?)
        })
    }
}

/// Rows as a result set, columns as the statement names them.
fn result_set<R: Row + DecodeCell>(rows: &[R]) -> Result<ResultSet> {
    let mut set = ResultSet::default();
    if let Some(first) = rows.first() {
        set.columns = first.columns().iter().map(|c| c.name().to_owned()).collect();
    }
    for row in rows {
        set.rows.push((0..row.columns().len()).map(|i| row.cell(i)).collect::<Result<Vec<_>>>()?);
    }
    Ok(set)
}

trait DecodeCell {
    fn cell(&self, index: usize) -> Result<Value>;
}

fn undecodable(column: &str, type_name: &str) -> Error {
    Error::Internal(format!("column `{column}` has type {type_name}, which answers cannot show"))
}

fn number(f: f64) -> Value {
    serde_json::Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null)
}

impl DecodeCell for sqlx::sqlite::SqliteRow {
    fn cell(&self, index: usize) -> Result<Value> {
        let raw = self.try_get_raw(index)?;
        if raw.is_null() {
            return Ok(Value::Null);
        }
        // SQLite is dynamically typed: the stored value's own type decides.
        let type_name = raw.type_info().name().to_owned();
        Ok(match type_name.as_str() {
            "INTEGER" | "INT8" | "BIGINT" | "INT" => Value::from(self.try_get_unchecked::<i64, _>(index)?),
            "REAL" | "FLOAT" | "DOUBLE" => number(self.try_get_unchecked::<f64, _>(index)?),
            "BOOLEAN" => Value::from(self.try_get_unchecked::<bool, _>(index)?),
            "TEXT" | "DATETIME" | "DATE" | "TIME" => Value::from(self.try_get_unchecked::<String, _>(index)?),
            other => return Err(undecodable(self.columns()[index].name(), other)),
        })
    }
}

impl DecodeCell for sqlx::postgres::PgRow {
    fn cell(&self, index: usize) -> Result<Value> {
        let raw = self.try_get_raw(index)?;
        if raw.is_null() {
            return Ok(Value::Null);
        }
        let type_name = raw.type_info().name().to_owned();
        Ok(match type_name.as_str() {
            "INT8" => Value::from(self.try_get::<i64, _>(index)?),
            "INT4" => Value::from(self.try_get::<i32, _>(index)?),
            "INT2" => Value::from(self.try_get::<i16, _>(index)?),
            "FLOAT8" => number(self.try_get::<f64, _>(index)?),
            "FLOAT4" => number(f64::from(self.try_get::<f32, _>(index)?)),
            "BOOL" => Value::from(self.try_get::<bool, _>(index)?),
            "TEXT" | "VARCHAR" | "BPCHAR" | "NAME" => Value::from(self.try_get::<String, _>(index)?),
            "TIMESTAMPTZ" => Value::from(format_time(self.try_get::<DateTime<Utc>, _>(index)?)),
            other => return Err(undecodable(self.columns()[index].name(), other)),
        })
    }
}
