//! SELECT statements for the read actions, filters bound as values.
//! (`opsgate ask` runs them; a plan only shows them.)

use serde_json::Value;

use crate::error::{Error, Result};
use crate::payload::{SqlStatement, SqlValue};
/// A SELECT with optional filters, each bound as a value.
pub struct Select {
    base: String,
    conditions: Vec<String>,
    params: Vec<SqlValue>,
    order: &'static str,
    pub limit: Option<i64>,
}

impl Select {
    pub fn new(base: &str, order: &'static str) -> Select {
        Select { base: base.into(), conditions: Vec::new(), params: Vec::new(), order, limit: None }
    }

    fn bind(&mut self, value: SqlValue) -> String {
        self.params.push(value);
        format!("${}", self.params.len())
    }

    pub fn filter(&mut self, condition: &str, value: Option<SqlValue>) -> &mut Self {
        if let Some(value) = value {
            let placeholder = self.bind(value);
            self.conditions.push(condition.replace('?', &placeholder));
        }
        self
    }

    /// A condition with one `?` per value, bound in order.
    pub fn filter_each(&mut self, condition: &str, values: Vec<SqlValue>) -> &mut Self {
        let mut parts = condition.split('?');
        let mut bound = parts.next().unwrap_or_default().to_owned();
        for (part, value) in parts.zip(values) {
            bound.push_str(&self.bind(value));
            bound.push_str(part);
        }
        self.conditions.push(bound);
        self
    }

    pub fn window(&mut self, column: &str, params: &Value) -> Result<&mut Self> {
        for (name, op) in [("from", ">="), ("to", "<")] {
            if let Some(time) = time(params, name)? {
                self.filter(&format!("{column} {op} ?"), Some(SqlValue::Time(time)));
            }
        }
        Ok(self)
    }

    pub fn limit(&mut self, params: &Value, default: i64) -> &mut Self {
        self.limit = Some(params.get("limit").and_then(Value::as_i64).unwrap_or(default));
        self
    }

    pub fn statement(&mut self) -> SqlStatement {
        let mut sql = self.base.clone();
        if !self.conditions.is_empty() {
            sql.push_str(if sql.contains(" WHERE ") { " AND " } else { " WHERE " });
            sql.push_str(&self.conditions.join(" AND "));
        }
        if !self.order.is_empty() {
            sql.push_str(" ORDER BY ");
            sql.push_str(self.order);
        }
        if let Some(limit) = self.limit {
            let placeholder = self.bind(SqlValue::Int(limit));
            sql.push_str(&format!(" LIMIT {placeholder}"));
        }
        SqlStatement::new(sql, std::mem::take(&mut self.params))
    }
}

pub fn text(params: &Value, name: &str) -> Option<SqlValue> {
    params.get(name).and_then(Value::as_str).map(|s| SqlValue::Text(s.to_owned()))
}

pub fn int(params: &Value, name: &str) -> Option<SqlValue> {
    params.get(name).and_then(Value::as_i64).map(SqlValue::Int)
}

/// At most this many audit entries are analyzed per answer.
pub const LOGS_ANALYZED: i64 = 100_000;

/// The statement over the requested window and, when the window is bounded on
/// both ends, the same statement over the period of equal (elapsed) length just
/// before it (for growth).
pub fn windowed(base: &str, column: &str, params: &Value, tail: &str) -> Result<Vec<SqlStatement>> {
    let mut current = Select::new(base, "");
    current.window(column, params)?;
    let mut statements = vec![with_tail(current.statement(), tail)];
    if let (Some(from), Some(to)) = (time(params, "from")?, time(params, "to")?) {
        // A window still running ("this week") is compared with the same length
        // of time before it, not with a whole one.
        let elapsed_to = to.min(chrono::Utc::now()).max(from);
        let previous_from = from - (elapsed_to - from);
        let mut previous = Select::new(base, "");
        previous.filter(&format!("{column} >= ?"), Some(SqlValue::Time(previous_from)));
        previous.filter(&format!("{column} < ?"), Some(SqlValue::Time(from)));
        statements.push(with_tail(previous.statement(), tail));
    }
    Ok(statements)
}

fn with_tail(mut statement: SqlStatement, tail: &str) -> SqlStatement {
    statement.sql.push(' ');
    statement.sql.push_str(tail);
    statement
}

/// A window parameter (`from`, `to`) as an instant; not RFC 3339 is a usage error.
pub(crate) fn time(params: &Value, name: &str) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
    params
        .get(name)
        .and_then(Value::as_str)
        .map(|text| {
            chrono::DateTime::parse_from_rfc3339(text)
                .map(|t| t.with_timezone(&chrono::Utc))
                .map_err(|_| Error::Usage(format!("`{text}` is not an RFC 3339 time")))
        })
        .transpose()
}
