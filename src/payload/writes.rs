//! SQL for every write action of the built-in pack. Each statement guards its
//! own preconditions in its WHERE clause and must affect exactly one row, so a
//! row that changed underneath makes the whole action roll back. Every write
//! also records itself in the back office's own `ops_audit_log`.

use serde_json::{Value, json};

use super::Payload;
use super::sql::{NullKind, SqlStatement, SqlValue};
use super::target::TargetRef;
use crate::catalog::ActionSpec;
use crate::error::{Error, Result};
use crate::identity::StaffMember;
use crate::store::Store;

fn int(params: &Value, name: &str) -> Result<i64> {
    params
        .get(name)
        .and_then(Value::as_i64)
        .ok_or_else(|| Error::Usage(format!("missing integer parameter `{name}`")))
}

fn text(params: &Value, name: &str) -> Option<String> {
    params.get(name).and_then(Value::as_str).map(str::to_owned)
}

fn required_text(params: &Value, name: &str) -> Result<String> {
    text(params, name).ok_or_else(|| Error::Usage(format!("missing parameter `{name}`")))
}

/// The target row, watching the columns `watch` (the action's preconditions).
fn target(table: &str, key_column: &str, key: impl ToString, label: String, watch: &[&str]) -> TargetRef {
    TargetRef {
        table: table.into(),
        key_column: key_column.into(),
        key: key.to_string(),
        label,
        watch: watch.iter().map(|c| (*c).to_owned()).collect(),
    }
}

/// The back office's own activity log entry for a write.
fn ops_log(
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
            SqlValue::Text(crate::canonical::to_canonical_string(&details)),
            SqlValue::Now,
        ],
    )
    .one_row()
}

/// Reads columns of a row as text; a clear error when the row does not exist.
async fn row(
    store: &Store,
    table: &str,
    id: i64,
    label: &str,
    columns: &[&str],
) -> Result<Vec<Option<String>>> {
    store
        .snapshot_row(table, "id", &id.to_string(), columns)
        .await?
        .ok_or_else(|| Error::NotFound(format!("{label} does not exist")))
}

/// Refuses (as a conflict, exit 1) a row whose `column` is not one of `allowed`:
/// the target's current state does not allow the action. Found when planning,
/// so that nothing is stored for a write that could not run.
async fn require_state(
    store: &Store,
    table: &str,
    id: i64,
    label: &str,
    column: &str,
    allowed: &[&str],
    action: &str,
) -> Result<String> {
    let value = row(store, table, id, label, &[column]).await?[0].clone().unwrap_or_default();
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
async fn refuse_state(
    store: &Store,
    table: &str,
    id: i64,
    label: &str,
    column: &str,
    refused: &[&str],
    action: &str,
) -> Result<()> {
    let value = row(store, table, id, label, &[column]).await?[0].clone().unwrap_or_default();
    if refused.contains(&value.as_str()) {
        return Err(Error::Conflict(format!("{label} is {value}; it cannot be {action}")));
    }
    Ok(())
}

async fn staff_id(store: &Store, email: &str) -> Result<i64> {
    let member = store
        .staff_by_email(email)
        .await?
        .ok_or_else(|| Error::NotFound(format!("no staff member {email}")))?;
    if !member.is_active() {
        return Err(Error::Usage(format!("{email} is deactivated")));
    }
    Ok(member.id)
}

fn money(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

pub(super) async fn build(
    store: &Store,
    action: &ActionSpec,
    params: &Value,
    requester: &StaffMember,
    resolved: &mut Value,
) -> Result<Payload> {
    let name = action.name.as_str();
    let (statements, target, summary): (Vec<SqlStatement>, Option<TargetRef>, String) = match name {
        "bookings.reschedule" => {
            let id = int(params, "booking_id")?;
            let label = format!("booking {id}");
            let when = required_text(params, "scheduled_at")?;
            let when = chrono::DateTime::parse_from_rfc3339(&when)
                .map_err(|_| Error::Usage(format!("`{when}` is not an RFC 3339 time")))?
                .with_timezone(&chrono::Utc);
            require_state(store, "bookings", id, &label, "status", &["pending", "confirmed"], "rescheduling")
                .await?;
            (
                vec![
                    SqlStatement::new(
                        "UPDATE bookings SET scheduled_at = $1, updated_at = $2 WHERE id = $3 AND status IN ('pending', 'confirmed')",
                        vec![SqlValue::Time(when), SqlValue::Now, id.into()],
                    )
                    .one_row(),
                    ops_log(requester, name, "booking", Some(id), json!({"scheduled_at": when.to_rfc3339()})),
                ],
                Some(target("bookings", "id", id, label.clone(), &["status", "scheduled_at"])),
                format!("move {label} to {}", when.format("%Y-%m-%d %H:%M UTC")),
            )
        }
        "bookings.cancel" => {
            let id = int(params, "booking_id")?;
            let label = format!("booking {id}");
            let status = require_state(
                store,
                "bookings",
                id,
                &label,
                "status",
                &["pending", "confirmed"],
                "cancelling",
            )
            .await?;
            let reason = text(params, "reason");
            (
                vec![
                    SqlStatement::new(
                        "UPDATE bookings SET status = 'cancelled', cancel_reason = $1, cancelled_at = $2, updated_at = $2 \
                         WHERE id = $3 AND status IN ('pending', 'confirmed')",
                        vec![reason.clone().into(), SqlValue::Now, id.into()],
                    )
                    .one_row(),
                    ops_log(requester, name, "booking", Some(id), json!({"reason": reason})),
                ],
                Some(target("bookings", "id", id, label.clone(), &["status"])),
                format!("cancel {label} (now {status})"),
            )
        }
        "bookings.refund" => {
            let id = int(params, "booking_id")?;
            let label = format!("booking {id}");
            let values = row(
                store,
                "bookings",
                id,
                &label,
                &["amount_cents", "refunded_cents", "payment_status", "currency"],
            )
            .await?;
            let parse = |v: &Option<String>| v.as_deref().and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
            let (amount, refunded) = (parse(&values[0]), parse(&values[1]));
            let payment_status = values[2].clone().unwrap_or_default();
            let currency = values[3].clone().unwrap_or_default();
            if !matches!(payment_status.as_str(), "paid" | "settled" | "partially_refunded") {
                return Err(Error::Conflict(format!(
                    "{label} is {payment_status}; only paid bookings can be refunded"
                )));
            }
            let refundable = amount - refunded;
            let refund = params.get("amount_cents").and_then(Value::as_i64).unwrap_or(refundable);
            if refundable <= 0 {
                return Err(Error::Conflict(format!("{label} is already refunded in full")));
            }
            if refund > refundable {
                return Err(Error::Conflict(format!(
                    "{label} has {} {currency} left to refund; {} {currency} is too much",
                    money(refundable),
                    money(refund)
                )));
            }
            let full = refund == refundable;
            // Policy rules (caps, conditions) see the amount a full refund comes to.
            resolved["amount_cents"] = json!(refund);
            let reason = text(params, "reason");
            (
                vec![
                    SqlStatement::new(
                        if full {
                            "UPDATE bookings SET refunded_cents = refunded_cents + $1, payment_status = 'refunded', status = 'refunded', \
                             updated_at = $2 WHERE id = $3 AND payment_status IN ('paid', 'settled', 'partially_refunded') \
                             AND refunded_cents + $1 = amount_cents"
                        } else {
                            "UPDATE bookings SET refunded_cents = refunded_cents + $1, payment_status = 'partially_refunded', \
                             updated_at = $2 WHERE id = $3 AND payment_status IN ('paid', 'settled', 'partially_refunded') \
                             AND refunded_cents + $1 < amount_cents"
                        },
                        vec![refund.into(), SqlValue::Now, id.into()],
                    )
                    .one_row(),
                    ops_log(requester, name, "booking", Some(id), json!({"amount_cents": refund, "currency": currency, "reason": reason})),
                ],
                Some(target("bookings", "id", id, label.clone(), &["amount_cents", "refunded_cents", "payment_status"])),
                format!("refund {} {currency} of {label} ({})", money(refund), if full { "in full" } else { "in part" }),
            )
        }
        "users.update" => {
            let id = int(params, "user_id")?;
            let label = format!("user {id}");
            refuse_state(store, "users", id, &label, "status", &["deleted"], "changed").await?;
            let mut sets = Vec::new();
            let mut values: Vec<SqlValue> = Vec::new();
            let mut changed = serde_json::Map::new();
            for column in ["name", "email", "phone", "status"] {
                if let Some(value) = text(params, column) {
                    values.push(value.clone().into());
                    sets.push(format!("{column} = ${}", values.len()));
                    changed.insert(column.into(), Value::String(value));
                }
            }
            if sets.is_empty() {
                return Err(Error::Usage(format!("nothing to change for {label}")));
            }
            values.push(SqlValue::Now);
            sets.push(format!("updated_at = ${}", values.len()));
            values.push(id.into());
            let sql = format!(
                "UPDATE users SET {} WHERE id = ${} AND status <> 'deleted'",
                sets.join(", "),
                values.len()
            );
            let fields: Vec<String> = changed.keys().cloned().collect();
            (
                vec![
                    SqlStatement::new(sql, values).one_row(),
                    ops_log(requester, name, "user", Some(id), Value::Object(changed)),
                ],
                Some(target("users", "id", id, label.clone(), &["name", "email", "phone", "status"])),
                format!("change {} of {label}", fields.join(", ")),
            )
        }
        "users.delete" => {
            let id = int(params, "user_id")?;
            let label = format!("user {id}");
            refuse_state(store, "users", id, &label, "status", &["deleted"], "deleted again").await?;
            let reason = text(params, "reason");
            (
                vec![
                    SqlStatement::new(
                        "UPDATE users SET status = 'deleted', updated_at = $1 WHERE id = $2 AND status <> 'deleted'",
                        vec![SqlValue::Now, id.into()],
                    )
                    .one_row(),
                    ops_log(requester, name, "user", Some(id), json!({"reason": reason})),
                ],
                Some(target("users", "id", id, label.clone(), &["status"])),
                format!("delete {label} (their bookings stay)"),
            )
        }
        "users.wallet_credit" => {
            let id = int(params, "user_id")?;
            let label = format!("user {id}");
            require_state(store, "users", id, &label, "status", &["active"], "a wallet credit").await?;
            let amount = int(params, "amount_cents")?;
            let reason = text(params, "reason");
            (
                vec![
                    SqlStatement::new(
                        "UPDATE users SET wallet_balance_cents = wallet_balance_cents + $1, updated_at = $2 WHERE id = $3 AND status = 'active'",
                        vec![amount.into(), SqlValue::Now, id.into()],
                    )
                    .one_row(),
                    ops_log(requester, name, "user", Some(id), json!({"amount_cents": amount, "reason": reason})),
                ],
                Some(target("users", "id", id, label.clone(), &["status"])),
                format!("credit {} to the wallet of {label}", money(amount)),
            )
        }
        "providers.approve" | "providers.reject" => {
            let id = int(params, "provider_id")?;
            let label = format!("provider {id}");
            let status =
                row(store, "providers", id, &label, &["status"]).await?[0].clone().unwrap_or_default();
            if status != "pending" {
                return Err(Error::Conflict(format!(
                    "{label} is {status}; only pending applications can be decided"
                )));
            }
            let approve = name == "providers.approve";
            let sql = if approve {
                "UPDATE providers SET status = 'approved', approved_at = $1, updated_at = $1 WHERE id = $2 AND status = 'pending'"
            } else {
                "UPDATE providers SET status = 'rejected', updated_at = $1 WHERE id = $2 AND status = 'pending'"
            };
            (
                vec![
                    SqlStatement::new(sql, vec![SqlValue::Now, id.into()]).one_row(),
                    ops_log(requester, name, "provider", Some(id), json!({"reason": text(params, "reason")})),
                ],
                Some(target("providers", "id", id, label.clone(), &["status"])),
                format!("{} {label}", if approve { "approve" } else { "reject" }),
            )
        }
        "providers.delete" => {
            let id = int(params, "provider_id")?;
            let label = format!("provider {id}");
            refuse_state(store, "providers", id, &label, "status", &["deleted"], "deleted again").await?;
            (
                vec![
                    SqlStatement::new(
                        "UPDATE providers SET status = 'deleted', updated_at = $1 WHERE id = $2 AND status <> 'deleted'",
                        vec![SqlValue::Now, id.into()],
                    )
                    .one_row(),
                    ops_log(requester, name, "provider", Some(id), json!({"reason": text(params, "reason")})),
                ],
                Some(target("providers", "id", id, label.clone(), &["status"])),
                format!("delete {label}"),
            )
        }
        "complaints.assign" => {
            let id = int(params, "complaint_id")?;
            let label = format!("complaint {id}");
            refuse_state(store, "complaints", id, &label, "status", &["resolved", "closed"], "assigned")
                .await?;
            let email = required_text(params, "staff_email")?;
            let assignee = staff_id(store, &email).await?;
            (
                vec![
                    SqlStatement::new(
                        "UPDATE complaints SET assigned_to = $1, status = CASE WHEN status = 'open' THEN 'in_progress' ELSE status END, updated_at = $2 \
                         WHERE id = $3 AND status NOT IN ('resolved', 'closed')",
                        vec![assignee.into(), SqlValue::Now, id.into()],
                    )
                    .one_row(),
                    ops_log(requester, name, "complaint", Some(id), json!({"assigned_to": email})),
                ],
                Some(target("complaints", "id", id, label.clone(), &["status", "assigned_to"])),
                format!("assign {label} to {email}"),
            )
        }
        "complaints.resolve" => {
            let id = int(params, "complaint_id")?;
            let label = format!("complaint {id}");
            refuse_state(
                store,
                "complaints",
                id,
                &label,
                "status",
                &["resolved", "closed"],
                "resolved again",
            )
            .await?;
            let resolution = text(params, "resolution");
            (
                vec![
                    SqlStatement::new(
                        "UPDATE complaints SET status = 'resolved', resolution = $1, resolved_at = $2, \
                         first_response_at = COALESCE(first_response_at, $2), updated_at = $2 \
                         WHERE id = $3 AND status NOT IN ('resolved', 'closed')",
                        vec![resolution.clone().into(), SqlValue::Now, id.into()],
                    )
                    .one_row(),
                    ops_log(requester, name, "complaint", Some(id), json!({"resolution": resolution})),
                ],
                Some(target("complaints", "id", id, label.clone(), &["status"])),
                format!("resolve {label}"),
            )
        }
        "complaints.escalate" => {
            let id = int(params, "complaint_id")?;
            let label = format!("complaint {id}");
            require_state(store, "complaints", id, &label, "status", &["open", "in_progress"], "escalating")
                .await?;
            let reason = text(params, "reason");
            (
                vec![
                    SqlStatement::new(
                        "UPDATE complaints SET status = 'escalated', escalated_at = $1, updated_at = $1 \
                         WHERE id = $2 AND status IN ('open', 'in_progress')",
                        vec![SqlValue::Now, id.into()],
                    )
                    .one_row(),
                    ops_log(requester, name, "complaint", Some(id), json!({"reason": reason})),
                ],
                Some(target("complaints", "id", id, label.clone(), &["status"])),
                format!("escalate {label}"),
            )
        }
        "priority_queue.review" => {
            let id = int(params, "item_id")?;
            let label = format!("queue item {id}");
            require_state(
                store,
                "priority_queue",
                id,
                &label,
                "status",
                &["pending", "in_review"],
                "a review",
            )
            .await?;
            let decision = required_text(params, "decision")?;
            let notes = text(params, "notes");
            (
                vec![
                    SqlStatement::new(
                        "UPDATE priority_queue SET status = $1, reviewed_by = $2, reviewed_at = $3, notes = $4, updated_at = $3 \
                         WHERE id = $5 AND status IN ('pending', 'in_review')",
                        vec![decision.clone().into(), requester.id.into(), SqlValue::Now, notes.into(), id.into()],
                    )
                    .one_row(),
                    ops_log(requester, name, "priority_queue", Some(id), json!({"decision": decision})),
                ],
                Some(target("priority_queue", "id", id, label.clone(), &["status"])),
                format!("mark {label} {decision}"),
            )
        }
        "metrics.export" => {
            let metric = required_text(params, "metric")?;
            let from = text(params, "from");
            let to = text(params, "to");
            (
                vec![ops_log(
                    requester,
                    name,
                    "metrics",
                    None,
                    json!({"metric": metric, "from": from, "to": to}),
                )],
                None,
                format!("record an export of {metric} metrics"),
            )
        }
        "alerts.rule_update" => {
            let rule = required_text(params, "rule")?;
            let label = format!("alert rule {rule}");
            store
                .snapshot_row("alert_rules", "name", &rule, &["id"])
                .await?
                .ok_or_else(|| Error::NotFound(format!("{label} does not exist")))?;
            let mut sets = Vec::new();
            let mut values: Vec<SqlValue> = Vec::new();
            if let Some(enabled) = params.get("enabled").and_then(Value::as_bool) {
                values.push(SqlValue::Bool(enabled));
                sets.push(format!("enabled = ${}", values.len()));
            }
            if let Some(threshold) = params.get("threshold").and_then(Value::as_f64) {
                values.push(SqlValue::Float(threshold));
                sets.push(format!("threshold = ${}", values.len()));
            }
            if let Some(severity) = text(params, "severity") {
                values.push(severity.into());
                sets.push(format!("severity = ${}", values.len()));
            }
            if sets.is_empty() {
                return Err(Error::Usage(format!("nothing to change for {label}")));
            }
            values.push(SqlValue::Now);
            sets.push(format!("updated_at = ${}", values.len()));
            values.push(rule.clone().into());
            let sql = format!("UPDATE alert_rules SET {} WHERE name = ${}", sets.join(", "), values.len());
            (
                vec![
                    SqlStatement::new(sql, values).one_row(),
                    ops_log(requester, name, "alert_rule", None, params.clone()),
                ],
                Some(target(
                    "alert_rules",
                    "name",
                    &rule,
                    label.clone(),
                    &["enabled", "threshold", "severity"],
                )),
                format!("change {label}"),
            )
        }
        "alerts.subscribe" => {
            let rule = required_text(params, "rule")?;
            let email = required_text(params, "staff_email")?;
            let rule_id = store
                .snapshot_row("alert_rules", "name", &rule, &["id"])
                .await?
                .and_then(|v| v[0].as_deref().and_then(|s| s.parse::<i64>().ok()))
                .ok_or_else(|| Error::NotFound(format!("alert rule {rule} does not exist")))?;
            let subscriber = staff_id(store, &email).await?;
            (
                vec![
                    SqlStatement::new(
                        "INSERT INTO alert_subscriptions (rule_id, staff_id, channel, created_at) VALUES ($1, $2, 'cli', $3)",
                        vec![rule_id.into(), subscriber.into(), SqlValue::Now],
                    )
                    .one_row(),
                    ops_log(requester, name, "alert_rule", Some(rule_id), json!({"staff_email": email})),
                ],
                None,
                format!("subscribe {email} to {rule} alerts"),
            )
        }
        "config.set" => {
            let key = required_text(params, "key")?;
            let value = required_text(params, "value")?;
            let label = format!("config {key}");
            let current = store
                .snapshot_row("ops_config", "key", &key, &["value"])
                .await?
                .ok_or_else(|| Error::NotFound(format!("{label} does not exist")))?;
            let old = current[0].clone().unwrap_or_default();
            (
                vec![
                    SqlStatement::new(
                        "UPDATE ops_config SET value = $1, updated_at = $2, updated_by = $3 WHERE key = $4",
                        vec![value.clone().into(), SqlValue::Now, requester.id.into(), key.clone().into()],
                    )
                    .one_row(),
                    ops_log(requester, name, "config", None, json!({"key": key, "from": old, "to": value})),
                ],
                Some(target("ops_config", "key", &key, label.clone(), &["value"])),
                format!("set {key} from {old} to {value}"),
            )
        }
        "staff.set_role" | "staff.deactivate" => {
            let email = required_text(params, "staff_email")?;
            let member = store
                .staff_by_email(&email)
                .await?
                .ok_or_else(|| Error::NotFound(format!("no staff member {email}")))?;
            let label = format!("staff member {email}");
            if !member.is_active() {
                return Err(Error::Conflict(format!(
                    "{label} is {}; only active staff can be changed",
                    member.status
                )));
            }
            if name == "staff.set_role" {
                let role = required_text(params, "role")?;
                if role == member.role {
                    return Err(Error::Conflict(format!("{label} already has the role {role}")));
                }
                let role_id = store
                    .snapshot_row("roles", "name", &role, &["id"])
                    .await?
                    .and_then(|v| v[0].as_deref().and_then(|s| s.parse::<i64>().ok()))
                    .ok_or_else(|| Error::NotFound(format!("unknown role `{role}`")))?;
                (
                    vec![
                        SqlStatement::new(
                            "UPDATE staff SET role_id = $1, updated_at = $2 WHERE id = $3",
                            vec![role_id.into(), SqlValue::Now, member.id.into()],
                        )
                        .one_row(),
                        ops_log(
                            requester,
                            name,
                            "staff",
                            Some(member.id),
                            json!({"from": member.role, "to": role}),
                        ),
                    ],
                    Some(target("staff", "id", member.id, label.clone(), &["role_id", "status"])),
                    format!("change the role of {email} from {} to {role}", member.role),
                )
            } else {
                (
                    vec![
                        SqlStatement::new(
                            "UPDATE staff SET status = 'inactive', updated_at = $1 WHERE id = $2 AND status = 'active'",
                            vec![SqlValue::Now, member.id.into()],
                        )
                        .one_row(),
                        ops_log(requester, name, "staff", Some(member.id), json!({})),
                    ],
                    Some(target("staff", "id", member.id, label.clone(), &["status"])),
                    format!("deactivate {email}"),
                )
            }
        }
        other => return Err(Error::Internal(format!("no SQL executor bound to `{other}`"))),
    };
    Ok(Payload::Sql { statements, target, summary })
}
