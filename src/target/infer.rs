//! `target init-binding`: a starting binding guessed from the live schema.
//! Each of the pack's tables is looked for under its own name, then under
//! the names back offices commonly give it; each column likewise. What is
//! not found is listed for a person to fill in, never guessed further.
//! Money kept as decimals is taken to be in major units with two digits;
//! status spellings and time zones cannot be seen in a schema and are left
//! for a person to add.

use std::collections::BTreeMap;

use super::binding::{Binding, ColumnBinding, TableBinding};
use super::convention::{Money, holds_decimals};
use super::logical;
use super::{LiveColumn, Target};
use crate::error::Result;

/// Other names back offices give the pack's tables.
const TABLE_NAMES: &[(&str, &[&str])] = &[
    ("bookings", &["reservations", "booking", "orders", "appointments", "reservation"]),
    ("users", &["customers", "clients", "accounts", "user", "customer"]),
    ("providers", &["vendors", "suppliers", "partners", "merchants", "provider"]),
    ("complaints", &["tickets", "cases", "support_tickets", "complaint"]),
    ("staff", &["employees", "admins", "operators", "staff_members", "agents"]),
    ("roles", &["staff_roles", "role"]),
    ("permissions", &["staff_permissions", "permission"]),
    (
        "role_permissions",
        &["staff_role_permissions", "roles_permissions", "role_permission", "permission_role"],
    ),
    ("priority_queue", &["queue", "work_queue", "review_queue"]),
    ("alert_rules", &["alert_rule", "alerting_rules"]),
    ("alert_subscriptions", &["alert_subscribers", "alert_subscription"]),
    ("alerts", &["alert", "incidents"]),
    ("ops_config", &["config", "settings", "app_config", "configuration"]),
    ("ops_audit_log", &["audit_log", "activity_log", "audit_logs", "admin_log"]),
    ("staff_sessions", &["sessions", "staff_session"]),
    ("staff_activity_log", &["staff_activity", "activity"]),
];

/// Other names for columns, whatever the table.
const COLUMN_NAMES: &[(&str, &[&str])] = &[
    ("created_at", &["created", "created_on", "inserted_at", "creation_date"]),
    ("updated_at", &["updated", "updated_on", "modified_at", "modified"]),
    ("status", &["state"]),
    ("email", &["mail", "email_address"]),
    ("phone", &["phone_number", "mobile", "telephone"]),
    ("name", &["full_name", "display_name"]),
    ("user_id", &["customer_id", "client_id", "account_id"]),
    ("provider_id", &["vendor_id", "supplier_id", "partner_id"]),
    ("booking_id", &["reservation_id", "order_id", "appointment_id"]),
    ("scheduled_at", &["starts_at", "start_time", "scheduled_for"]),
    ("assigned_to", &["assignee_id", "assigned_staff_id", "owner_id"]),
];

/// What the guess found: the binding, and what it could not place.
pub struct Guess {
    pub binding: Binding,
    /// Logical tables with no candidate in the live schema.
    pub missing_tables: Vec<String>,
    /// Logical table → its columns with no candidate.
    pub missing_columns: BTreeMap<String, Vec<String>>,
}

pub async fn guess(target: &Target) -> Result<Guess> {
    let live = target.db().tables().await?;
    let mut binding = Binding::default();
    let mut guess_schema: Option<String> = None;
    let mut missing_tables = Vec::new();
    let mut missing_columns = BTreeMap::new();
    for table in logical::TABLES {
        let candidates = std::iter::once(table.name).chain(
            TABLE_NAMES
                .iter()
                .filter(|(name, _)| *name == table.name)
                .flat_map(|(_, others)| others.iter().copied()),
        );
        let found = candidates
            .filter_map(|candidate| live.iter().find(|(_, name)| name.eq_ignore_ascii_case(candidate)))
            .next();
        let Some((schema, physical)) = found else {
            missing_tables.push(table.name.to_owned());
            continue;
        };
        if let Some(schema) = schema.as_deref().filter(|s| *s != "public") {
            guess_schema.get_or_insert_with(|| schema.to_owned());
        }
        let columns = target.db().live_columns(schema.as_deref(), physical).await?;
        let mut bound = TableBinding::default();
        if physical != table.name {
            bound.table = Some(physical.clone());
        }
        let mut missing = Vec::new();
        for (column, _) in table.columns {
            let Some(name) = column_candidate(table.name, column, &columns) else {
                missing.push((*column).to_owned());
                continue;
            };
            let mut entry = ColumnBinding::default();
            if name != *column {
                entry.column = Some(name.clone());
            }
            if column.ends_with("_cents")
                && columns.iter().any(|c| c.name == name && holds_decimals(&c.data_type))
            {
                entry.money = Some(Money::Major { scale: 2 });
            }
            if entry != ColumnBinding::default() {
                bound.columns.insert((*column).to_owned(), entry);
            }
        }
        if !missing.is_empty() {
            missing_columns.insert(table.name.to_owned(), missing);
        }
        if bound.table.is_some() || !bound.columns.is_empty() {
            binding.tables.insert(table.name.to_owned(), bound);
        }
    }
    binding.schema = guess_schema;
    Ok(Guess { binding, missing_tables, missing_columns })
}

/// The live column that most likely holds `table.column`.
fn column_candidate(table: &str, column: &str, live: &[LiveColumn]) -> Option<String> {
    let has = |name: &str| live.iter().find(|c| c.name.eq_ignore_ascii_case(name)).map(|c| c.name.clone());
    if let Some(name) = has(column) {
        return Some(name);
    }
    // Money in minor units: `_cents` is also called `_minor`, or `_amount_minor`.
    if let Some(stem) = column.strip_suffix("_cents") {
        for name in [format!("{stem}_minor"), format!("{stem}_amount_minor"), format!("{stem}_in_cents")] {
            if let Some(found) = has(&name) {
                return Some(found);
            }
        }
        if stem == "amount" {
            for name in
                ["total_minor", "total_cents", "price_minor", "price_cents", "total", "price", "amount"]
            {
                if let Some(found) = has(name) {
                    return Some(found);
                }
            }
        }
    }
    // Money in major units is often the bare stem (`refunded`, `wallet_balance`).
    if let Some(stem) = column.strip_suffix("_cents")
        && let Some(found) =
            live.iter().find(|c| c.name.eq_ignore_ascii_case(stem) && holds_decimals(&c.data_type))
    {
        return Some(found.name.clone());
    }
    let others =
        COLUMN_NAMES.iter().filter(|(name, _)| *name == column).flat_map(|(_, others)| others.iter());
    for other in others {
        if let Some(found) = has(other) {
            return Some(found);
        }
    }
    // `<table>_<column>` (reservation_status) is a common prefix style.
    let singular = table.strip_suffix('s').unwrap_or(table);
    has(&format!("{singular}_{column}"))
}

/// The guess as a binding file a person can read and finish.
pub fn render(guess: &Guess, shown: &str) -> Result<String> {
    let mut out = format!(
        "# A starting binding for {shown}, guessed from its live schema by `opsgate target init-binding`.\n\
         # Names not listed keep the pack's own. Check it with `opsgate --binding FILE target check`.\n"
    );
    if !guess.missing_tables.is_empty() {
        out.push_str(&format!(
            "# Tables not found (their actions stay unavailable): {}\n",
            guess.missing_tables.join(", ")
        ));
    }
    for (table, columns) in &guess.missing_columns {
        out.push_str(&format!("# {table}: columns not found: {}\n", columns.join(", ")));
    }
    if guess.binding.tables.is_empty() && guess.binding.schema.is_none() {
        out.push_str("tables: {}\n");
    } else {
        out.push_str(&crate::yaml::to_string(&guess.binding)?);
    }
    Ok(out)
}
