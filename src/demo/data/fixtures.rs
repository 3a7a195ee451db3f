//! Small in-memory stand-ins for earlier sections, so each section's planning is tested without a database.

use chrono::{DateTime, Utc};

use super::bookings::Booking;
use super::complaints::Complaint;
use super::directory::{Directory, Roles, Rules, Staff};
use super::people::{Provider, User};
use super::{DAY, HOUR, MINUTE, shift};

pub(super) fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-23T10:17:42Z").map(|t| t.to_utc()).unwrap_or_default()
}

pub(super) fn staff() -> Staff {
    Staff { admin: 2, manager: 3, senior_agent: 4, agent: 5, support: 6, analyst: 7 }
}

pub(super) fn directory() -> Directory {
    Directory {
        staff: staff(),
        roles: Roles { admin: 2, manager: 3 },
        rules: Rules { sla_breached: 1, sla_at_risk: 2, critical_complaint_opened: 3, high_workload: 4 },
    }
}

pub(super) fn users() -> Vec<User> {
    (1..=30)
        .map(|id| User {
            id,
            email: format!("user{id}@example.net"),
            phone: (id % 3 != 0).then(|| format!("+49 151 2345 {id:04}")),
        })
        .collect()
}

pub(super) fn bookings() -> Vec<Booking> {
    let statuses = ["completed", "cancelled", "refunded", "no_show", "confirmed", "pending"];
    (1..=200)
        .map(|id| {
            let created_at = shift(now(), -(id * 13 * HOUR));
            Booking {
                id,
                user_id: id % 30 + 1,
                service: "Deep cleaning",
                status: statuses[id as usize % statuses.len()],
                payment_status: if id % 4 == 0 { "unpaid" } else { "paid" },
                amount_cents: 4_000 + id * 50,
                created_at,
                scheduled_at: shift(created_at, 2 * DAY),
                updated_at: created_at,
            }
        })
        .collect()
}

pub(super) fn providers() -> Vec<Provider> {
    (1..=20)
        .map(|id| {
            let status = match id % 5 {
                0 => "pending",
                1 => "rejected",
                _ => "approved",
            };
            let created_at = shift(now(), -(id * 7 * DAY));
            Provider {
                id,
                name: format!("Provider {id}"),
                category: "cleaning",
                status,
                created_at,
                approved_at: (status == "approved").then(|| shift(created_at, DAY)),
            }
        })
        .collect()
}

/// Open complaints at ages across all SLA states, then closed ones, some answered late.
pub(super) fn complaints() -> Vec<Complaint> {
    let categories = ["refund", "service", "payment", "provider", "other"];
    let priorities = ["low", "medium", "high", "critical"];
    (1..=80)
        .map(|id| {
            let open = id <= 50;
            let category = categories[id as usize % categories.len()];
            let created_at = if open { shift(now(), -(id * 7 * MINUTE)) } else { shift(now(), -(id * DAY)) };
            let response = (id % 7) * HOUR + 10 * MINUTE;
            Complaint {
                id,
                user_id: id % 30 + 1,
                category,
                subject: format!("Subject {id}"),
                priority: priorities[id as usize % priorities.len()],
                status: if open { "open" } else { "resolved" },
                assigned_to: (id % 2 == 0).then_some(5),
                created_at,
                first_response_at: (!open).then(|| shift(created_at, response)),
                resolved_at: (!open).then(|| shift(created_at, response + HOUR)),
            }
        })
        .collect()
}
