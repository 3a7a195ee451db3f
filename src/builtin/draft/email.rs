//! `draft.email`: a reply to the customer of a complaint or booking.

use serde_json::{Value, json};

use super::facts::{local_time, one_row};
use crate::answer::money;
use crate::builtin::{Builtin, DraftInput, Drafted};
use crate::error::{Error, Result};

pub static ACTION: Builtin =
    Builtin::draft("draft.email", include_str!("../../../templates/draft.email.j2"), context, None);

fn context(input: DraftInput<'_>) -> futures_util::future::BoxFuture<'_, Result<Drafted>> {
    Box::pin(async move {
        let DraftInput { session, action, params, person, settings, now, .. } = input;
        let store = session.store();
        let mut sources = Vec::new();
        let complaint_id = params.get("complaint_id").and_then(Value::as_i64);
        let mut booking_id = params.get("booking_id").and_then(Value::as_i64);
        if complaint_id.is_none() && booking_id.is_none() {
            return Err(Error::Unplannable(
                "draft.email needs a complaint or booking id, e.g. `draft an email to the customer of complaint 17`"
                    .into(),
            ));
        }
        let mut customer = Value::Null;
        let mut complaint = Value::Null;
        if let Some(id) = complaint_id {
            let row = one_row(
                store,
                &mut sources,
                action,
                "SELECT c.id, c.subject, c.category, c.status, c.created_at, c.booking_id, u.name, u.email \
                 FROM complaints c JOIN users u ON u.id = c.user_id WHERE c.id = $1",
                id,
                now,
                "complaint",
            )
            .await?;
            booking_id = booking_id.or(row["booking_id"].as_i64());
            customer = json!({"name": row["name"], "email": row["email"]});
            complaint = json!({
                "id": row["id"], "subject": row["subject"], "category": row["category"], "status": row["status"],
                "created_at": local_time(settings, row["created_at"].as_str()),
            });
        }
        let mut booking = Value::Null;
        if let Some(id) = booking_id {
            let row = one_row(
                store,
                &mut sources,
                action,
                "SELECT b.id, b.service, b.status, b.scheduled_at, b.amount_cents, b.currency, b.payment_status, u.name, u.email \
                 FROM bookings b JOIN users u ON u.id = b.user_id WHERE b.id = $1",
                id,
                now,
                "booking",
            )
            .await?;
            if customer.is_null() {
                customer = json!({"name": row["name"], "email": row["email"]});
            }
            booking = json!({
                "id": row["id"], "service": row["service"], "status": row["status"],
                "scheduled_at": local_time(settings, row["scheduled_at"].as_str()),
                "amount": money(row["amount_cents"].as_i64().unwrap_or(0), row["currency"].as_str().unwrap_or("EUR")),
                "payment_status": row["payment_status"],
            });
        }
        let context = json!({
            "tone": params.get("tone").and_then(Value::as_str).unwrap_or("neutral"),
            "customer": customer, "complaint": complaint, "booking": booking,
            "sender": {"name": person.name, "email": person.email},
        });
        Ok(Drafted { context, sources })
    })
}
