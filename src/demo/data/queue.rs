//! The priority queue: scored work items pointing at complaints, refunds, bookings and providers.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::bookings::{Booking, REFUND_EXAMPLE};
use super::complaints::Complaint;
use super::directory::Staff;
use super::people::{Provider, User};
use super::rng::Rng;
use super::{DAY, HOUR, MINUTE, euros, seconds_between, shift};
use crate::error::Result;
use crate::store::{Tx, on_tx};

const OPEN_COMPLAINT_ITEMS: usize = 45;
const CLOSED_COMPLAINT_ITEMS: usize = 15;
const REFUND_ITEMS: usize = 25;
const BOOKING_ITEMS: usize = 20;
const PROVIDER_ITEMS: usize = 15;

/// An item older than this and still pending counts as stale.
const STALE_AFTER: i64 = 3 * DAY;

const BOOKING_REASONS: [&str; 4] = [
    "customer asks to reschedule",
    "provider reported a no-show",
    "double booking suspected",
    "address details incomplete",
];

const REVIEW_NOTES: [&str; 5] = [
    "Checked against the booking history; handled.",
    "Duplicate of an item already in review.",
    "Called the customer; resolved by phone.",
    "No action needed.",
    "Passed to the payments team.",
];

/// The design's priority score: intent·40 + urgency·30 + time decay·20 + user history·10,
/// rounded to cents of a point and kept inside 0..=100 whatever floating point does.
pub(super) fn priority_score(
    intent_confidence: f64,
    sentiment_urgency: f64,
    time_decay: f64,
    user_history_factor: f64,
) -> f64 {
    let raw =
        intent_confidence * 40.0 + sentiment_urgency * 30.0 + time_decay * 20.0 + user_history_factor * 10.0;
    round2(raw).clamp(0.0, 100.0)
}

fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// A factor in `[low, high]` with two decimals, as a model would report it.
fn factor(rng: &mut Rng, low: f64, high: f64) -> f64 {
    round2(low + rng.unit() * (high - low)).clamp(0.0, 1.0)
}

/// Older underlying items are more urgent; three days saturate the factor.
fn time_decay(item_age: i64) -> f64 {
    round2((item_age as f64 / STALE_AFTER as f64).clamp(0.0, 1.0))
}

#[derive(Debug, Clone, PartialEq)]
struct Planned {
    item_type: &'static str,
    item_id: i64,
    user_id: Option<i64>,
    summary: String,
    intent_confidence: f64,
    sentiment_urgency: f64,
    time_decay: f64,
    user_history_factor: f64,
    score: f64,
    status: &'static str,
    assigned_to: Option<i64>,
    reviewed_by: Option<i64>,
    reviewed_at: Option<DateTime<Utc>>,
    notes: Option<&'static str>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

/// What an item is about, before statuses and factors are drawn.
struct Subject {
    item_type: &'static str,
    item_id: i64,
    user_id: Option<i64>,
    summary: String,
    /// When the underlying thing happened: the queue item cannot predate it.
    since: DateTime<Utc>,
    /// Whether the underlying thing still needs someone (open complaint, pending provider…).
    open: bool,
    urgency: (f64, f64),
}

fn complaint_subject(c: &Complaint) -> Subject {
    let urgency = match c.priority {
        "critical" => (0.8, 1.0),
        "high" => (0.55, 0.85),
        "medium" => (0.3, 0.6),
        _ => (0.1, 0.4),
    };
    Subject {
        item_type: "complaint",
        item_id: c.id,
        user_id: Some(c.user_id),
        summary: format!("{} {} complaint #{}: {}", c.priority, c.category, c.id, c.subject),
        since: c.created_at,
        open: c.resolved_at.is_none(),
        urgency,
    }
}

fn subjects(
    rng: &mut Rng,
    users: &HashMap<i64, &User>,
    complaints: &[Complaint],
    bookings: &[Booking],
    providers: &[Provider],
) -> Vec<Subject> {
    let mut subjects = Vec::new();

    let mut open: Vec<&Complaint> = complaints.iter().filter(|c| c.resolved_at.is_none()).collect();
    let mut closed: Vec<&Complaint> = complaints.iter().filter(|c| c.resolved_at.is_some()).collect();
    rng.shuffle(&mut open);
    rng.shuffle(&mut closed);
    subjects.extend(open.iter().take(OPEN_COMPLAINT_ITEMS).map(|c| complaint_subject(c)));
    subjects.extend(closed.iter().take(CLOSED_COMPLAINT_ITEMS).map(|c| complaint_subject(c)));

    // Refund candidates: paid and not yet settled. The documented example always has its request queued.
    let mut refundable: Vec<&Booking> = bookings
        .iter()
        .filter(|b| b.payment_status == "paid" && matches!(b.status, "completed" | "no_show" | "confirmed"))
        .collect();
    rng.shuffle(&mut refundable);
    refundable.sort_by_key(|b| b.id != REFUND_EXAMPLE as i64);
    for b in refundable.iter().take(REFUND_ITEMS) {
        let mut summary = format!(
            "Refund request for booking #{}: {}, {} EUR ({}, {})",
            b.id,
            b.service,
            euros(b.amount_cents),
            b.status,
            b.payment_status
        );
        // A few summaries carry a phone number, as hand-typed notes do.
        if let Some(phone) = users.get(&b.user_id).and_then(|u| u.phone.as_deref())
            && rng.chance(0.2)
        {
            summary.push_str(&format!("; customer asks for a call back on {phone}"));
        }
        subjects.push(Subject {
            item_type: "refund",
            item_id: b.id,
            user_id: Some(b.user_id),
            summary,
            since: b.updated_at,
            open: true,
            urgency: (0.4, 0.9),
        });
    }

    let mut attention: Vec<&Booking> = bookings
        .iter()
        .filter(|b| matches!(b.status, "pending" | "confirmed" | "no_show") && b.payment_status != "paid")
        .collect();
    rng.shuffle(&mut attention);
    for b in attention.iter().take(BOOKING_ITEMS) {
        subjects.push(Subject {
            item_type: "booking",
            item_id: b.id,
            user_id: Some(b.user_id),
            summary: format!(
                "Booking #{} ({}) needs attention: {}",
                b.id,
                b.service,
                rng.pick(&BOOKING_REASONS)
            ),
            since: b.created_at,
            open: true,
            urgency: (0.2, 0.6),
        });
    }

    // Every pending application is queued; reviewed ones fill the rest.
    let mut others: Vec<&Provider> = providers.iter().filter(|p| p.status != "pending").collect();
    rng.shuffle(&mut others);
    let pending = providers.iter().filter(|p| p.status == "pending");
    for p in pending.chain(others).take(PROVIDER_ITEMS) {
        let open = p.status == "pending";
        let summary = if open {
            format!("Provider application: {} ({}) awaiting approval", p.name, p.category)
        } else {
            format!("Provider {} ({}): quality review after customer feedback", p.name, p.category)
        };
        subjects.push(Subject {
            item_type: "provider",
            item_id: p.id,
            user_id: None,
            summary,
            since: if open { p.created_at } else { p.approved_at.unwrap_or(p.created_at) },
            open,
            urgency: (0.1, 0.4),
        });
    }
    subjects
}

fn plan(
    rng: &mut Rng,
    now: DateTime<Utc>,
    staff: &Staff,
    users: &[User],
    complaints: &[Complaint],
    bookings: &[Booking],
    providers: &[Provider],
) -> Vec<Planned> {
    let users: HashMap<i64, &User> = users.iter().map(|u| (u.id, u)).collect();
    let mut planned: Vec<Planned> = subjects(rng, &users, complaints, bookings, providers)
        .into_iter()
        .map(|s| {
            // Complaints are queued as they arrive; other items trickle in, some left waiting for days.
            let created_at = if s.item_type == "complaint" && s.open {
                shift(s.since, rng.range(MINUTE, 4 * MINUTE))
            } else if rng.chance(0.6) {
                shift(now, -rng.range(10 * MINUTE, STALE_AFTER - HOUR))
            } else {
                shift(now, -rng.range(STALE_AFTER + HOUR, 14 * DAY))
            };
            let created_at = created_at.max(shift(s.since, MINUTE)).min(now);
            let status = if s.open {
                rng.weighted(&[("pending", 72), ("in_review", 14), ("reviewed", 7), ("dismissed", 7)])
            } else {
                rng.weighted(&[("reviewed", 70), ("dismissed", 30)])
            };
            let touched = shift(created_at, rng.range(5 * MINUTE, 2 * DAY)).min(now);
            let reviewer = rng.pick(&[staff.agent, staff.senior_agent, staff.manager]);
            let (assigned_to, reviewed_by, reviewed_at, notes, updated_at) = match status {
                "in_review" => (Some(reviewer), None, None, None, touched),
                "reviewed" | "dismissed" => {
                    (Some(reviewer), Some(reviewer), Some(touched), Some(rng.pick(&REVIEW_NOTES)), touched)
                }
                _ => (None, None, None, None, created_at),
            };
            let intent_confidence = factor(rng, 0.55, 0.99);
            let sentiment_urgency = factor(rng, s.urgency.0, s.urgency.1);
            let time_decay = time_decay(seconds_between(s.since, now));
            let user_history_factor = factor(rng, 0.0, 1.0);
            Planned {
                item_type: s.item_type,
                item_id: s.item_id,
                user_id: s.user_id,
                summary: s.summary,
                intent_confidence,
                sentiment_urgency,
                time_decay,
                user_history_factor,
                score: priority_score(intent_confidence, sentiment_urgency, time_decay, user_history_factor),
                status,
                assigned_to,
                reviewed_by,
                reviewed_at,
                notes,
                created_at,
                updated_at,
            }
        })
        .collect();
    planned.sort_by_key(|p| p.created_at);
    planned
}

pub(super) async fn insert(
    tx: &mut Tx,
    now: DateTime<Utc>,
    staff: &Staff,
    users: &[User],
    complaints: &[Complaint],
    bookings: &[Booking],
    providers: &[Provider],
) -> Result<u64> {
    let mut rng = Rng::new(0x5EED_0005);
    let planned = plan(&mut rng, now, staff, users, complaints, bookings, providers);
    for p in &planned {
        on_tx!(tx, conn => {
            sqlx::query(
                "INSERT INTO priority_queue (item_type, item_id, user_id, summary, intent_confidence, \
                 sentiment_urgency, time_decay, user_history_factor, score, status, assigned_to, \
                 reviewed_by, reviewed_at, notes, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
            )
            .bind(p.item_type).bind(p.item_id).bind(p.user_id).bind(&p.summary)
            .bind(p.intent_confidence).bind(p.sentiment_urgency).bind(p.time_decay)
            .bind(p.user_history_factor).bind(p.score).bind(p.status).bind(p.assigned_to)
            .bind(p.reviewed_by).bind(p.reviewed_at).bind(p.notes)
            .bind(p.created_at).bind(p.updated_at)
            .execute(&mut **conn).await?;
        });
    }
    Ok(planned.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::data::fixtures::{bookings, complaints, now, providers, staff, users};

    fn planned() -> Vec<Planned> {
        plan(&mut Rng::new(0x5EED_0005), now(), &staff(), &users(), &complaints(), &bookings(), &providers())
    }

    #[test]
    fn score_follows_the_design_formula() {
        assert_eq!(priority_score(0.0, 0.0, 0.0, 0.0), 0.0);
        assert_eq!(priority_score(1.0, 1.0, 1.0, 1.0), 100.0);
        assert_eq!(priority_score(0.5, 0.5, 0.5, 0.5), 50.0);
        assert_eq!(priority_score(0.87, 0.64, 0.33, 0.12), 61.8);
        assert_eq!(priority_score(1.0, 0.0, 0.0, 0.0), 40.0);
        assert_eq!(priority_score(0.0, 1.0, 0.0, 0.0), 30.0);
        assert_eq!(priority_score(0.0, 0.0, 1.0, 0.0), 20.0);
        assert_eq!(priority_score(0.0, 0.0, 0.0, 1.0), 10.0);
    }

    #[test]
    fn time_decay_saturates_after_three_days() {
        assert_eq!(time_decay(0), 0.0);
        assert_eq!(time_decay(36 * HOUR), 0.5);
        assert_eq!(time_decay(10 * DAY), 1.0);
        assert_eq!(time_decay(-HOUR), 0.0);
    }

    #[test]
    fn stored_factors_and_scores_agree() {
        for p in planned() {
            for f in [p.intent_confidence, p.sentiment_urgency, p.time_decay, p.user_history_factor] {
                assert!((0.0..=1.0).contains(&f), "{p:?}");
                assert_eq!(round2(f), f, "{p:?}");
            }
            let recomputed = p.intent_confidence * 40.0
                + p.sentiment_urgency * 30.0
                + p.time_decay * 20.0
                + p.user_history_factor * 10.0;
            assert!((recomputed - p.score).abs() < 0.006, "{p:?}");
            assert!((0.0..=100.0).contains(&p.score), "{p:?}");
        }
    }

    #[test]
    fn statuses_carry_their_reviews() {
        let planned = planned();
        for p in &planned {
            let reviewed = matches!(p.status, "reviewed" | "dismissed");
            assert_eq!(p.reviewed_by.is_some(), reviewed, "{p:?}");
            assert_eq!(p.reviewed_at.is_some(), reviewed, "{p:?}");
            assert!(p.created_at <= now() && p.updated_at >= p.created_at && p.updated_at <= now(), "{p:?}");
        }
        for status in ["pending", "in_review", "reviewed", "dismissed"] {
            assert!(planned.iter().any(|p| p.status == status), "{status}");
        }
        let stale = planned
            .iter()
            .filter(|p| p.status == "pending" && seconds_between(p.created_at, now()) > STALE_AFTER)
            .count();
        assert!(stale >= 5, "{stale}");
    }

    #[test]
    fn items_point_at_rows_that_exist() {
        let (complaints, bookings, providers) = (complaints(), bookings(), providers());
        for p in planned() {
            let exists = match p.item_type {
                "complaint" => complaints.iter().any(|c| c.id == p.item_id),
                "refund" | "booking" => bookings.iter().any(|b| b.id == p.item_id),
                "provider" => providers.iter().any(|v| v.id == p.item_id),
                _ => false,
            };
            assert!(exists, "{p:?}");
        }
        for kind in ["complaint", "refund", "booking", "provider"] {
            assert!(planned().iter().any(|p| p.item_type == kind), "{kind}");
        }
    }
}
