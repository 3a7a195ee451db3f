//! What every write of the built-in pack is made of. Each statement guards its
//! own preconditions in its WHERE clause and must affect exactly one row, so a
//! row that changed underneath makes the whole action roll back. Every write
//! also records itself in the back office's own `ops_audit_log`.

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::identity::StaffMember;
use crate::payload::{NullKind, SqlStatement, SqlValue, TargetRef};
use crate::store::Store;
use crate::target::BackOffice;

/// What a write does: its statements, the row it changes, one line saying
/// so, and the parameters it filled in (the amount of a full refund), which
/// are stored, shown and judged by policy rules as if the person had typed them.
pub struct Change {
    pub statements: Vec<SqlStatement>,
    pub target: Option<TargetRef>,
    pub summary: String,
    pub filled: Map<String, Value>,
}

pub fn int(params: &Value, name: &str) -> Result<i64> {
    params
        .get(name)
        .and_then(Value::as_i64)
        .ok_or_else(|| Error::Usage(format!("missing integer parameter `{name}`")))
}

pub fn text(params: &Value, name: &str) -> Option<String> {
    params.get(name).and_then(Value::as_str).map(str::to_owned)
}

pub fn required_text(params: &Value, name: &str) -> Result<String> {
    text(params, name).ok_or_else(|| Error::Usage(format!("missing parameter `{name}`")))
}

/// The target row, watching the columns `watch` (the action's preconditions).
pub fn target(table: &str, key_column: &str, key: impl ToString, label: String, watch: &[&str]) -> TargetRef {
    TargetRef {
        table: table.into(),
        key_column: key_column.into(),
        key: key.to_string(),
        label,
        watch: watch.iter().map(|c| (*c).to_owned()).collect(),
    }
}

/// The back office's own activity log entry for a write.
pub fn ops_log(
    requester: &StaffMember,
    action: &str,
    entity_type: &str,
    entity_id: Option<i64>,
    details: Value,
) -> SqlStatement {
    SqlStatement::new(
        "INSERT INTO ops_audit_log (staff_id, action, entity_type, entity_id, details, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        vec![
            requester.id.into(),
            action.into(),
            entity_type.into(),
            entity_id.map(SqlValue::Int).unwrap_or(SqlValue::Null(NullKind::Int)),
            SqlValue::Details(crate::canonical::to_canonical_string(&details)),
            SqlValue::Now,
        ],
    )
    .one_row()
}

/// Reads columns of a row as text; a clear error when the row does not exist.
pub async fn row(
    office: BackOffice<'_>,
    table: &str,
    id: i64,
    label: &str,
    columns: &[&str],
) -> Result<Vec<Option<String>>> {
    office
        .row(table, "id", &id.to_string(), columns)
        .await?
        .ok_or_else(|| Error::NotFound(format!("{label} does not exist")))
}

/// Refuses (as a conflict, exit 1) a row whose `column` is not one of `allowed`:
/// the target's current state does not allow the action. Found when planning,
/// so that nothing is stored for a write that could not run.
pub async fn require_state(
    office: BackOffice<'_>,
    table: &str,
    id: i64,
    label: &str,
    column: &str,
    allowed: &[&str],
    action: &str,
) -> Result<String> {
    let value = row(office, table, id, label, &[column]).await?[0].clone().unwrap_or_default();
    if allowed.contains(&value.as_str()) {
        return Ok(value);
    }
    Err(Error::Conflict(format!(
        "{label} is {value}; {action} needs it to be {}",
        match allowed {
            [one] => (*one).to_owned(),
            [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
            [] => "something else".to_owned(),
        }
    )))
}

/// Refuses a row whose `column` is one of `refused`.
pub async fn refuse_state(
    office: BackOffice<'_>,
    table: &str,
    id: i64,
    label: &str,
    column: &str,
    refused: &[&str],
    action: &str,
) -> Result<()> {
    let value = row(office, table, id, label, &[column]).await?[0].clone().unwrap_or_default();
    if refused.contains(&value.as_str()) {
        return Err(Error::Conflict(format!("{label} is {value}; it cannot be {action}")));
    }
    Ok(())
}

pub async fn staff_id(store: &Store, email: &str) -> Result<i64> {
    let member = store
        .staff_by_email(email)
        .await?
        .ok_or_else(|| Error::NotFound(format!("no staff member {email}")))?;
    if !member.is_active() {
        return Err(Error::Usage(format!("{email} is deactivated")));
    }
    Ok(member.id)
}

pub fn money(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}
