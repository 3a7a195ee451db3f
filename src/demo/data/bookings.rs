//! Bookings: the money-carrying rows, with payment states that agree with booking states.

use chrono::{DateTime, NaiveTime, Utc};

use super::people::{Provider, User};
use super::rng::Rng;
use super::{DAY, HOUR, MINUTE, floor_to, seconds_between, shift};
use crate::error::{Error, Result};
use crate::store::{Tx, on_tx};

pub(super) const BOOKING_COUNT: usize = 600;

/// Booking 7 is the documented "upcoming, confirmed" example.
pub(super) const CONFIRMED_EXAMPLE: usize = 7;
/// Booking 142 is the documented refund candidate: completed and paid, not settled.
pub(super) const REFUND_EXAMPLE: usize = 142;

const CANCEL_REASONS: [&str; 6] = [
    "customer changed plans",
    "provider unavailable",
    "booked by mistake",
    "found a cheaper offer",
    "weather",
    "duplicate booking",
];

fn services(category: &str) -> [&'static str; 3] {
    match category {
        "cleaning" => ["Standard cleaning", "Deep cleaning", "Move-out cleaning"],
        "plumbing" => ["Leak repair", "Drain unblocking", "Boiler service"],
        "electrical" => ["Socket installation", "Lighting repair", "Electrical safety check"],
        "beauty" => ["Haircut and styling", "Manicure", "Facial treatment"],
        "tutoring" => ["Maths tutoring", "German lesson", "Exam preparation"],
        "moving" => ["Flat move", "Furniture transport", "Packing service"],
        "gardening" => ["Lawn mowing", "Hedge trimming", "Garden clean-up"],
        _ => ["Furniture assembly", "Shelf mounting", "Door repair"],
    }
}

/// A booking as later sections need it.
#[derive(Debug, Clone)]
pub(super) struct Booking {
    pub id: i64,
    pub user_id: i64,
    pub service: &'static str,
    pub status: &'static str,
    pub payment_status: &'static str,
    pub amount_cents: i64,
    pub created_at: DateTime<Utc>,
    pub scheduled_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Everything about a booking's life that follows from its dates and status.
#[derive(Debug, Clone, PartialEq)]
struct Timeline {
    created_at: DateTime<Utc>,
    scheduled_at: DateTime<Utc>,
    status: &'static str,
    payment_status: &'static str,
    refunded_cents: i64,
    cancel_reason: Option<&'static str>,
    cancelled_at: Option<DateTime<Utc>>,
    settled_at: Option<DateTime<Utc>>,
    updated_at: DateTime<Utc>,
}

/// Creation and appointment dates: created within the last ~120 days, denser
/// towards now (growth), appointments from 60 days ago to 30 days ahead, and
/// every 20th booking on today's date so "today" views are never empty.
fn dates(rng: &mut Rng, index: usize, now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    if index.is_multiple_of(20) {
        let midnight = now.date_naive().and_time(NaiveTime::MIN).and_utc();
        let scheduled = shift(midnight, rng.range(8 * HOUR, 20 * HOUR) / (15 * MINUTE) * (15 * MINUTE));
        let created = shift(now, -rng.range(HOUR, 14 * DAY)).min(shift(scheduled, -HOUR));
        return (created, scheduled);
    }
    let u = rng.unit();
    let age = ((u * u) * (120 * DAY) as f64) as i64;
    let created = shift(now, -age.max(5 * MINUTE));
    let earliest = shift(created, 2 * HOUR).max(shift(now, -60 * DAY));
    let latest = shift(created, 45 * DAY).min(shift(now, 30 * DAY));
    let scheduled = if latest > earliest {
        shift(earliest, rng.range(0, seconds_between(earliest, latest)))
    } else {
        shift(earliest, rng.range(0, 10 * DAY))
    };
    // Appointments start on the quarter hour, like a booking form offers them.
    let scheduled = floor_to(scheduled, 15 * MINUTE);
    (created, scheduled.max(shift(created, HOUR)))
}

fn timeline(rng: &mut Rng, index: usize, now: DateTime<Utc>, amount_cents: i64) -> Timeline {
    let (created_at, scheduled_at) = dates(rng, index, now);
    let past = scheduled_at <= now;
    let status = if past {
        let status = rng.weighted(&[
            ("completed", 70),
            ("cancelled", 11),
            ("refunded", 9),
            ("no_show", 7),
            ("confirmed", 3),
        ]);
        // Only very recent appointments can still be waiting to be marked done.
        if status == "confirmed" && seconds_between(scheduled_at, now) > 12 * HOUR {
            "completed"
        } else {
            status
        }
    } else {
        rng.weighted(&[("pending", 30), ("confirmed", 55), ("cancelled", 11), ("refunded", 4)])
    };
    let mut t = Timeline {
        created_at,
        scheduled_at,
        status,
        payment_status: "unpaid",
        refunded_cents: 0,
        cancel_reason: None,
        cancelled_at: None,
        settled_at: None,
        updated_at: created_at,
    };
    let last_moment = scheduled_at.min(now);
    let some_time_after_creation = |rng: &mut Rng| {
        shift(created_at, rng.range(MINUTE, seconds_between(created_at, last_moment).max(MINUTE)))
    };
    match status {
        "pending" => t.payment_status = if rng.chance(0.2) { "paid" } else { "unpaid" },
        "confirmed" => {
            t.payment_status = if rng.chance(0.75) { "paid" } else { "unpaid" };
            t.updated_at = some_time_after_creation(rng);
        }
        "completed" => {
            let settles = shift(scheduled_at, rng.range(DAY, 7 * DAY));
            t.updated_at = after_appointment(rng, scheduled_at, 2 * HOUR, now);
            if rng.chance(0.05) {
                t.payment_status = "partially_refunded";
                t.refunded_cents = amount_cents * rng.range(10, 50) / 100 / 50 * 50;
                let delay = rng.range(3 * HOUR, 3 * DAY);
                t.updated_at = after_appointment(rng, scheduled_at, delay, now);
            } else if settles <= now && rng.chance(0.7) {
                t.payment_status = "settled";
                t.settled_at = Some(settles);
                t.updated_at = settles;
            } else {
                t.payment_status = "paid";
            }
        }
        "cancelled" => {
            let cancelled_at = some_time_after_creation(rng);
            t.cancelled_at = Some(cancelled_at);
            t.cancel_reason = Some(rng.pick(&CANCEL_REASONS));
            t.updated_at = cancelled_at;
            if rng.chance(0.4) {
                t.payment_status = "refunded";
                t.refunded_cents = amount_cents;
            }
        }
        "refunded" => {
            t.payment_status = "refunded";
            t.refunded_cents = amount_cents;
            let delay = rng.range(HOUR, 5 * DAY);
            t.updated_at = if past {
                after_appointment(rng, scheduled_at, delay, now)
            } else {
                some_time_after_creation(rng)
            };
        }
        _ => {
            // no_show: half the providers charge a no-show fee up front.
            t.payment_status = if rng.chance(0.5) { "paid" } else { "unpaid" };
            let delay = rng.range(HOUR, DAY);
            t.updated_at = after_appointment(rng, scheduled_at, delay, now);
        }
    }
    t.updated_at = t.updated_at.min(now).max(created_at);
    t
}

/// When something happened `delay` after an appointment; for appointments too
/// recent for that, some moment since the appointment, so recent rows do not
/// all share the timestamp `now`.
fn after_appointment(
    rng: &mut Rng,
    scheduled_at: DateTime<Utc>,
    delay: i64,
    now: DateTime<Utc>,
) -> DateTime<Utc> {
    let at = shift(scheduled_at, delay);
    if at <= now { at } else { shift(scheduled_at, rng.range(0, seconds_between(scheduled_at, now))) }
}

/// The two documented examples get fixed, unsurprising histories.
fn documented_example(index: usize, now: DateTime<Utc>) -> Option<Timeline> {
    let (created_at, scheduled_at, status, updated_at) = match index {
        CONFIRMED_EXAMPLE => {
            (shift(now, -2 * DAY - 3 * HOUR), shift(now, 2 * DAY), "confirmed", shift(now, -2 * DAY))
        }
        REFUND_EXAMPLE => {
            (shift(now, -12 * DAY), shift(now, -5 * DAY), "completed", shift(now, -5 * DAY + 2 * HOUR))
        }
        _ => return None,
    };
    Some(Timeline {
        created_at,
        scheduled_at: floor_to(scheduled_at, HOUR),
        status,
        payment_status: "paid",
        refunded_cents: 0,
        cancel_reason: None,
        cancelled_at: None,
        settled_at: None,
        updated_at,
    })
}

pub(super) async fn insert(
    tx: &mut Tx,
    now: DateTime<Utc>,
    users: &[User],
    providers: &[Provider],
) -> Result<Vec<Booking>> {
    let mut rng = Rng::new(0x5EED_0003);
    let active: Vec<&Provider> = providers.iter().filter(|p| p.status == "approved").collect();
    // Suspended providers used to work: they keep their past bookings.
    let former: Vec<&Provider> =
        providers.iter().filter(|p| matches!(p.status, "approved" | "suspended")).collect();
    let mut bookings = Vec::with_capacity(BOOKING_COUNT);
    for index in 1..=BOOKING_COUNT {
        let amount_cents = rng.range(20, 399) * 100 + rng.pick(&[0, 0, 50, 90]);
        let mut t = timeline(&mut rng, index, now, amount_cents);
        if let Some(example) = documented_example(index, now) {
            t = example;
        }
        let user = rng.choose(users).ok_or_else(|| Error::Internal("demo data has no users".into()))?;
        let pool = if t.scheduled_at <= now { &former } else { &active };
        let provider =
            rng.choose(pool).ok_or_else(|| Error::Internal("demo data has no approved providers".into()))?;
        let service = rng.pick(&services(provider.category));
        let id: i64 = on_tx!(tx, conn => {
            sqlx::query_scalar(
                "INSERT INTO bookings (user_id, provider_id, service, status, scheduled_at, amount_cents, \
                 currency, payment_status, refunded_cents, cancel_reason, created_at, updated_at, \
                 cancelled_at, settled_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, 'EUR', $7, $8, $9, $10, $11, $12, $13) RETURNING id",
            )
            .bind(user.id).bind(provider.id).bind(service).bind(t.status).bind(t.scheduled_at)
            .bind(amount_cents)
            .bind(t.payment_status).bind(t.refunded_cents).bind(t.cancel_reason)
            .bind(t.created_at).bind(t.updated_at).bind(t.cancelled_at).bind(t.settled_at)
            .fetch_one(&mut **conn).await?
        });
        bookings.push(Booking {
            id,
            user_id: user.id,
            service,
            status: t.status,
            payment_status: t.payment_status,
            amount_cents,
            created_at: t.created_at,
            scheduled_at: t.scheduled_at,
            updated_at: t.updated_at,
        });
    }
    Ok(bookings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T10:17:42Z").unwrap().to_utc()
    }

    fn all() -> Vec<(Timeline, i64)> {
        let mut rng = Rng::new(0x5EED_0003);
        (1..=BOOKING_COUNT)
            .map(|index| {
                let amount = rng.range(20, 399) * 100;
                (
                    documented_example(index, now())
                        .unwrap_or_else(|| timeline(&mut rng, index, now(), amount)),
                    amount,
                )
            })
            .collect()
    }

    #[test]
    fn payment_agrees_with_status() {
        for (t, amount) in all() {
            let consistent = match t.status {
                "pending" | "confirmed" | "no_show" => matches!(t.payment_status, "unpaid" | "paid"),
                "completed" => match t.payment_status {
                    "settled" => t.settled_at.is_some(),
                    "partially_refunded" => t.refunded_cents > 0 && t.refunded_cents < amount,
                    other => other == "paid",
                },
                "cancelled" => {
                    t.cancelled_at.is_some()
                        && (t.payment_status == "unpaid"
                            || (t.payment_status == "refunded" && t.refunded_cents == amount))
                }
                "refunded" => t.payment_status == "refunded" && t.refunded_cents == amount,
                _ => false,
            };
            assert!(consistent, "{t:?}");
            assert_eq!(t.settled_at.is_some(), t.payment_status == "settled", "{t:?}");
        }
    }

    #[test]
    fn dates_stay_in_their_windows() {
        for (t, _) in all() {
            assert!(t.created_at <= now() && t.created_at >= shift(now(), -121 * DAY), "{t:?}");
            assert!(t.scheduled_at > t.created_at, "{t:?}");
            assert!(
                t.scheduled_at >= shift(now(), -61 * DAY) && t.scheduled_at <= shift(now(), 31 * DAY),
                "{t:?}"
            );
            assert!(t.updated_at >= t.created_at && t.updated_at <= now(), "{t:?}");
            for time in [t.cancelled_at, t.settled_at].into_iter().flatten() {
                assert!(time >= t.created_at && time <= now(), "{t:?}");
            }
        }
    }

    #[test]
    fn recent_rows_do_not_pile_up_at_now() {
        let at_now = all().iter().filter(|(t, _)| t.updated_at == now()).count();
        assert!(at_now <= 3, "{at_now}");
    }

    #[test]
    fn every_status_and_today_turn_up() {
        let all = all();
        for status in ["pending", "confirmed", "completed", "cancelled", "refunded", "no_show"] {
            assert!(all.iter().filter(|(t, _)| t.status == status).count() >= 5, "{status}");
        }
        let today = all.iter().filter(|(t, _)| t.scheduled_at.date_naive() == now().date_naive()).count();
        assert!(today >= BOOKING_COUNT / 20, "{today}");
        let upcoming = all.iter().filter(|(t, _)| t.scheduled_at > now()).count();
        assert!(upcoming >= 50, "{upcoming}");
    }

    #[test]
    fn documented_examples_are_what_the_docs_say() {
        let all = all();
        let (confirmed, _) = &all[CONFIRMED_EXAMPLE - 1];
        assert_eq!((confirmed.status, confirmed.payment_status), ("confirmed", "paid"));
        assert_eq!(confirmed.scheduled_at.timestamp() % HOUR, 0);
        assert_eq!(confirmed.scheduled_at.timestamp_subsec_nanos(), 0);
        assert!(confirmed.scheduled_at > now());
        let (refund, _) = &all[REFUND_EXAMPLE - 1];
        assert_eq!((refund.status, refund.payment_status, refund.refunded_cents), ("completed", "paid", 0));
        assert!(refund.scheduled_at < now());
    }
}
