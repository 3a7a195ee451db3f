//! Traces of staff at work: sessions, the activity log and the back office's own audit log.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::bookings::Booking;
use super::complaints::Complaint;
use super::directory::Staff;
use super::people::Provider;
use super::{HOUR, MINUTE, shift};
use crate::error::Result;
use crate::store::{Tx, on_tx};

/// (staff, client, started minutes ago, ended minutes ago)
fn sessions(staff: &Staff) -> [(i64, &'static str, i64, Option<i64>); 6] {
    [
        (staff.admin, "web-console", 2 * 24 * 60 + 90, Some(2 * 24 * 60)),
        (staff.senior_agent, "web-console", 32 * 60, Some(24 * 60)),
        (staff.analyst, "opsgate-cli", 6 * 60, Some(4 * 60)),
        (staff.support, "web-console", 5 * 60, None),
        (staff.agent, "web-console", 3 * 60, None),
        (staff.manager, "opsgate-cli", 2 * 60, None),
    ]
}

struct Activity {
    staff_id: i64,
    activity: &'static str,
    details: String,
    created_at: DateTime<Utc>,
}

struct AuditRow {
    staff_id: i64,
    action: &'static str,
    entity_type: &'static str,
    entity_id: Option<i64>,
    details: String,
    created_at: DateTime<Utc>,
}

fn latest<T, K: Ord>(items: impl Iterator<Item = T>, key: impl Fn(&T) -> K, count: usize) -> Vec<T> {
    let mut items: Vec<T> = items.collect();
    items.sort_by_key(|item| std::cmp::Reverse(key(item)));
    items.truncate(count);
    items
}

pub(super) async fn insert(
    tx: &mut Tx,
    now: DateTime<Utc>,
    staff: &Staff,
    complaints: &[Complaint],
    bookings: &[Booking],
    providers: &[Provider],
) -> Result<()> {
    let mut activities = Vec::new();
    for (staff_id, client, started, ended) in sessions(staff) {
        let started_at = shift(now, -started * MINUTE);
        let ended_at = ended.map(|minutes| shift(now, -minutes * MINUTE));
        on_tx!(tx, conn => {
            sqlx::query(
                "INSERT INTO staff_sessions (staff_id, client, started_at, ended_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(staff_id).bind(client).bind(started_at).bind(ended_at)
            .execute(&mut **conn).await?;
        });
        activities.push(Activity {
            staff_id,
            activity: "login",
            details: json!({ "client": client }).to_string(),
            created_at: started_at,
        });
        if let Some(ended_at) = ended_at {
            activities.push(Activity {
                staff_id,
                activity: "logout",
                details: "{}".into(),
                created_at: ended_at,
            });
        }
    }

    let in_progress = complaints.iter().filter(|c| c.status == "in_progress");
    for c in latest(in_progress, |c| c.created_at, 4) {
        if let Some(staff_id) = c.assigned_to {
            activities.push(Activity {
                staff_id,
                activity: "complaint.assign",
                details: json!({ "complaint_id": c.id }).to_string(),
                created_at: shift(c.created_at, 2 * MINUTE).min(now),
            });
        }
    }

    let mut audit = Vec::new();
    let resolved = complaints.iter().filter(|c| c.status == "resolved");
    for c in latest(resolved, |c| c.resolved_at, 4) {
        if let (Some(staff_id), Some(resolved_at)) = (c.assigned_to, c.resolved_at) {
            activities.push(Activity {
                staff_id,
                activity: "complaint.resolve",
                details: json!({ "complaint_id": c.id }).to_string(),
                created_at: resolved_at,
            });
            audit.push(AuditRow {
                staff_id,
                action: "complaint.resolve",
                entity_type: "complaint",
                entity_id: Some(c.id),
                details: json!({ "category": c.category, "priority": c.priority }).to_string(),
                created_at: resolved_at,
            });
        }
    }
    let approved = providers.iter().filter(|p| p.status == "approved");
    for p in latest(approved, |p| p.approved_at, 3) {
        audit.push(AuditRow {
            staff_id: staff.manager,
            action: "provider.approve",
            entity_type: "provider",
            entity_id: Some(p.id),
            details: json!({ "category": p.category }).to_string(),
            created_at: p.approved_at.unwrap_or(p.created_at),
        });
    }
    let refunded = bookings.iter().filter(|b| b.status == "refunded");
    for b in latest(refunded, |b| b.updated_at, 3) {
        audit.push(AuditRow {
            staff_id: staff.senior_agent,
            action: "booking.refund",
            entity_type: "booking",
            entity_id: Some(b.id),
            details: json!({ "amount_cents": b.amount_cents, "currency": "EUR" }).to_string(),
            created_at: b.updated_at,
        });
    }
    audit.push(AuditRow {
        staff_id: staff.admin,
        action: "config.update",
        entity_type: "ops_config",
        entity_id: None,
        details: json!({ "key": "alerts.evaluation_interval_minutes", "from": "10", "to": "5" }).to_string(),
        created_at: shift(now, -(20 * 24 + 3) * HOUR),
    });

    activities.sort_by_key(|a| a.created_at);
    for a in &activities {
        on_tx!(tx, conn => {
            sqlx::query(
                "INSERT INTO staff_activity_log (staff_id, activity, details, created_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(a.staff_id).bind(a.activity).bind(&a.details).bind(a.created_at)
            .execute(&mut **conn).await?;
        });
    }

    audit.sort_by_key(|a| a.created_at);
    for a in &audit {
        on_tx!(tx, conn => {
            sqlx::query(
                "INSERT INTO ops_audit_log (staff_id, action, entity_type, entity_id, details, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(a.staff_id).bind(a.action).bind(a.entity_type).bind(a.entity_id)
            .bind(&a.details).bind(a.created_at)
            .execute(&mut **conn).await?;
        });
    }
    Ok(())
}
