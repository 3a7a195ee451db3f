//! `bookings.cancel`: cancel a pending or confirmed booking.

use serde_json::json;

use crate::builtin::change::{int, ops_log, require_state, target, text};
use crate::builtin::{Builtin, Change, WriteInput};
use crate::error::Result;
use crate::payload::{SqlStatement, SqlValue};

pub static ACTION: Builtin = Builtin::write("bookings.cancel", build);

fn build(input: WriteInput<'_>) -> futures_util::future::BoxFuture<'_, Result<Change>> {
    Box::pin(async move {
        let WriteInput { office, action: name, params, requester, .. } = input;
        let id = int(params, "booking_id")?;
        let label = format!("booking {id}");
        let status =
            require_state(office, "bookings", id, &label, "status", &["pending", "confirmed"], "cancelling")
                .await?;
        let reason = text(params, "reason");
        Ok(Change::new(
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
        ))
    })
}
