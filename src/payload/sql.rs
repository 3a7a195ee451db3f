//! SQL statements with typed, bound values.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One bound value. `Now` is bound to the execution time, so that a payload
/// reviewed at 10:00 and executed at 10:03 records 10:03.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "lowercase")]
pub enum SqlValue {
    /// NULL of a given type (PostgreSQL refuses a text NULL in a bigint column).
    Null(NullKind),
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    Time(DateTime<Utc>),
    Now,
    /// The back office's activity-log details: a JSON object, bound with the
    /// id of the action it runs for added as `opsgate_action`, so that the
    /// team's own log says which opsgate action wrote each row (and `--recover`
    /// can find out whether a write on another database committed).
    Details(String),
}

/// The key a write leaves in the back office's activity log.
pub fn action_key(action_id: i64) -> String {
    format!("a{action_id}")
}

/// `details` (a JSON object) with the action's key added, as bound.
pub fn details_for(details: &str, action_id: Option<i64>) -> String {
    let Some(id) = action_id else { return details.to_owned() };
    let mut value: serde_json::Value =
        serde_json::from_str(details).unwrap_or_else(|_| serde_json::json!({}));
    if let Some(object) = value.as_object_mut() {
        object.insert("opsgate_action".into(), serde_json::Value::from(action_key(id)));
    }
    crate::canonical::to_canonical_string(&value)
}

impl SqlValue {
    /// How a person reads the value in a confirmation.
    pub fn display(&self) -> String {
        match self {
            SqlValue::Null(_) => "NULL".into(),
            SqlValue::Bool(b) => b.to_string(),
            SqlValue::Int(i) => i.to_string(),
            SqlValue::Float(f) => f.to_string(),
            SqlValue::Text(t) => format!("{t:?}"),
            SqlValue::Time(t) => t.to_rfc3339(),
            SqlValue::Now => "<execution time>".into(),
            SqlValue::Details(t) => format!("{t:?} + this action's id as opsgate_action"),
        }
    }
}

impl From<i64> for SqlValue {
    fn from(value: i64) -> Self {
        SqlValue::Int(value)
    }
}

impl From<&str> for SqlValue {
    fn from(value: &str) -> Self {
        SqlValue::Text(value.to_owned())
    }
}

impl From<String> for SqlValue {
    fn from(value: String) -> Self {
        SqlValue::Text(value)
    }
}

impl From<Option<String>> for SqlValue {
    fn from(value: Option<String>) -> Self {
        value.map(SqlValue::Text).unwrap_or(SqlValue::Null(NullKind::Text))
    }
}

/// The type of a NULL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NullKind {
    Int,
    Text,
}

/// A statement with `$N` placeholders and the values bound to them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SqlStatement {
    pub sql: String,
    pub params: Vec<SqlValue>,
    /// Rows the statement must affect; anything else rolls the whole action back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect_rows: Option<u64>,
}

impl SqlStatement {
    pub fn new(sql: impl Into<String>, params: Vec<SqlValue>) -> SqlStatement {
        SqlStatement { sql: sql.into(), params, expect_rows: None }
    }

    /// The statement must change exactly one row.
    pub fn one_row(mut self) -> SqlStatement {
        self.expect_rows = Some(1);
        self
    }
}
