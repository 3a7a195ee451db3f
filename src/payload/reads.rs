//! SELECT statements for the read actions, filters bound as values.
//! (`opsgate ask` runs them; a plan only shows them.)

use serde_json::Value;

use super::Payload;
use super::sql::{SqlStatement, SqlValue};
use crate::catalog::ActionSpec;
use crate::error::{Error, Result};
use crate::store::Store;

/// A SELECT with optional filters, each bound as a value.
struct Select {
    base: String,
    conditions: Vec<String>,
    params: Vec<SqlValue>,
    order: &'static str,
    limit: Option<i64>,
}

impl Select {
    fn new(base: &str, order: &'static str) -> Select {
        Select { base: base.into(), conditions: Vec::new(), params: Vec::new(), order, limit: None }
    }

    fn bind(&mut self, value: SqlValue) -> String {
        self.params.push(value);
        format!("${}", self.params.len())
    }

    fn filter(&mut self, condition: &str, value: Option<SqlValue>) -> &mut Self {
        if let Some(value) = value {
            let placeholder = self.bind(value);
            self.conditions.push(condition.replace('?', &placeholder));
        }
        self
    }

    fn window(&mut self, column: &str, params: &Value) -> Result<&mut Self> {
        for (name, op) in [("from", ">="), ("to", "<")] {
            if let Some(time) = time(params, name)? {
                self.filter(&format!("{column} {op} ?"), Some(SqlValue::Time(time)));
            }
        }
        Ok(self)
    }

    fn limit(&mut self, params: &Value, default: i64) -> &mut Self {
        self.limit = Some(params.get("limit").and_then(Value::as_i64).unwrap_or(default));
        self
    }

    fn statement(&mut self) -> SqlStatement {
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

fn text(params: &Value, name: &str) -> Option<SqlValue> {
    params.get(name).and_then(Value::as_str).map(|s| SqlValue::Text(s.to_owned()))
}

fn int(params: &Value, name: &str) -> Option<SqlValue> {
    params.get(name).and_then(Value::as_i64).map(SqlValue::Int)
}

pub(super) async fn build(_store: &Store, action: &ActionSpec, params: &Value) -> Result<Payload> {
    let mut select = match action.name.as_str() {
        "bookings.list" => {
            let mut s = Select::new(
                "SELECT id, user_id, provider_id, service, status, scheduled_at, amount_cents, currency, payment_status FROM bookings",
                "created_at DESC",
            );
            s.filter("status = ?", text(params, "status"))
                .filter("user_id = ?", int(params, "user_id"))
                .filter("provider_id = ?", int(params, "provider_id"))
                .window("created_at", params)?
                .limit(params, 50);
            s
        }
        "bookings.get" => {
            let mut s = Select::new("SELECT * FROM bookings", "");
            s.filter("id = ?", int(params, "booking_id"));
            s
        }
        "users.search" => {
            let mut s =
                Select::new("SELECT id, name, email, phone, status, wallet_balance_cents FROM users", "id");
            let pattern = params
                .get("query")
                .and_then(Value::as_str)
                .map(|q| SqlValue::Text(format!("%{}%", q.to_lowercase())));
            s.filter("(lower(name) LIKE ? OR lower(email) LIKE ? OR phone LIKE ?)", pattern)
                .filter("status = ?", text(params, "status"))
                .limit(params, 50);
            s
        }
        "users.get" => {
            let mut s = Select::new("SELECT * FROM users", "");
            s.filter("id = ?", int(params, "user_id"));
            s
        }
        "providers.list" => {
            let mut s = Select::new(
                "SELECT id, name, email, category, city, status, rating, created_at FROM providers",
                "created_at",
            );
            s.filter("status = ?", text(params, "status"))
                .filter("category = ?", text(params, "category"))
                .limit(params, 50);
            s
        }
        "complaints.list" => {
            let mut s = Select::new(
                "SELECT id, user_id, booking_id, category, subject, priority, status, assigned_to, created_at FROM complaints",
                "created_at DESC",
            );
            s.filter("status = ?", text(params, "status"))
                .filter("priority = ?", text(params, "priority"))
                .window("created_at", params)?
                .limit(params, 50);
            s
        }
        "complaints.sla_report" => Select::new(
            "SELECT id, category, priority, status, subject, assigned_to, created_at, first_response_at FROM complaints \
             WHERE status IN ('open', 'in_progress', 'escalated')",
            "created_at, id",
        ),
        "priority_queue.list" => {
            let mut s = Select::new(
                "SELECT id, item_type, item_id, summary, intent_confidence, sentiment_urgency, time_decay, user_history_factor, \
                 score, status, assigned_to, created_at FROM priority_queue",
                "score DESC, id",
            );
            s.filter("status = ?", text(params, "status").or(Some(SqlValue::Text("pending".into()))))
                .limit(params, 20);
            s
        }
        "metrics.revenue" => {
            let paid =
                "FROM bookings WHERE payment_status IN ('paid', 'settled', 'partially_refunded', 'refunded')";
            let period = format!(
                "SELECT currency, COUNT(*) AS bookings, CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) AS gross_cents, \
                 CAST(COALESCE(SUM(refunded_cents), 0) AS BIGINT) AS refunded_cents {paid}"
            );
            let mut statements =
                windowed(&period, "created_at", params, "GROUP BY currency ORDER BY currency")?;
            statements.push(SqlStatement::new(
                "SELECT currency, COUNT(*) AS bookings, CAST(COALESCE(SUM(amount_cents - refunded_cents), 0) AS BIGINT) AS pending_cents \
                 FROM bookings WHERE payment_status IN ('paid', 'partially_refunded') AND settled_at IS NULL \
                 GROUP BY currency ORDER BY currency",
                Vec::new(),
            ));
            statements.push(SqlStatement::new(
                format!(
                    "SELECT currency, CAST(COALESCE(SUM(amount_cents - refunded_cents), 0) AS BIGINT) AS net_cents {paid} \
                     GROUP BY currency ORDER BY currency"
                ),
                Vec::new(),
            ));
            return Ok(query(action, statements));
        }
        "metrics.bookings" => {
            let statements = windowed(
                "SELECT status, COUNT(*) AS bookings FROM bookings",
                "created_at",
                params,
                "GROUP BY status ORDER BY status",
            )?;
            return Ok(query(action, statements));
        }
        "metrics.complaints" => {
            let mut statements = windowed(
                "SELECT priority, status, COUNT(*) AS complaints FROM complaints",
                "created_at",
                params,
                "GROUP BY priority, status ORDER BY priority, status",
            )?;
            statements.truncate(1);
            let mut resolved = Select::new(
                "SELECT priority, created_at, resolved_at FROM complaints WHERE resolved_at IS NOT NULL",
                "id",
            );
            resolved.window("created_at", params)?;
            statements.push(resolved.statement());
            return Ok(query(action, statements));
        }
        "metrics.sla" => {
            let mut created = Select::new(
                "SELECT id, category, status, created_at, first_response_at, resolved_at FROM complaints",
                "id",
            );
            created.window("created_at", params)?;
            let open = SqlStatement::new(
                "SELECT id, category, status, created_at FROM complaints WHERE status IN ('open', 'in_progress', 'escalated') ORDER BY id",
                Vec::new(),
            );
            return Ok(query(action, vec![created.statement(), open]));
        }
        "alerts.list" => {
            let mut s = Select::new(
                "SELECT id, severity, title, status, entity_type, entity_id, created_at FROM alerts",
                "created_at DESC",
            );
            s.filter("status = ?", text(params, "status")).limit(params, 50);
            s
        }
        "config.get" => {
            let mut s = Select::new("SELECT key, value, description, updated_at FROM ops_config", "key");
            s.filter("key = ?", text(params, "key"));
            s
        }
        "staff.list" => {
            let mut s = Select::new(
                "SELECT s.email, s.name, r.name AS role, r.level, s.status FROM staff s JOIN roles r ON r.id = s.role_id",
                "r.level, s.email",
            );
            s.filter("r.name = ?", text(params, "role"));
            s
        }
        "ops.health" => {
            let statements = vec![
                SqlStatement::new(
                    "SELECT COUNT(*) AS pending_approvals, MIN(created_at) AS oldest_pending FROM actions WHERE status = 'pending_approval'",
                    Vec::new(),
                ),
                SqlStatement::new(
                    "SELECT status, COUNT(*) AS actions FROM actions WHERE status IN ('approved', 'executing') \
                     OR (status = 'failed' AND updated_at >= $1) GROUP BY status ORDER BY status",
                    vec![SqlValue::Time(chrono::Utc::now() - chrono::Duration::hours(24))],
                ),
            ];
            return Ok(query(action, statements));
        }
        "logs.analyze" => {
            let mut s = Select::new(
                "SELECT time, event, status, actor_id FROM audit_log WHERE status IN ('denied', 'failed', 'error')",
                "id",
            );
            s.window("time", params)?;
            s.limit = Some(LOGS_ANALYZED);
            return Ok(query(action, vec![s.statement()]));
        }
        other => return Err(Error::Internal(format!("no query bound to `{other}`"))),
    };
    Ok(query(action, vec![select.statement()]))
}

/// At most this many audit entries are analyzed per answer.
pub const LOGS_ANALYZED: i64 = 100_000;

/// The statement over the requested window and, when the window is bounded on
/// both ends, the same statement over the period of equal (elapsed) length just
/// before it (for growth).
fn windowed(base: &str, column: &str, params: &Value, tail: &str) -> Result<Vec<SqlStatement>> {
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

fn query(action: &ActionSpec, statements: Vec<SqlStatement>) -> Payload {
    Payload::Query { statements, summary: format!("read only: {}", action.description.to_lowercase()) }
}
