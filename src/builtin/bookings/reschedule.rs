//! `bookings.reschedule`: move a pending or confirmed booking to a new time.

use serde_json::json;

use crate::builtin::change::{int, ops_log, require_state, required_text, target};
use crate::builtin::{Builtin, Change, WriteInput};
use crate::error::{Error, Result};
use crate::payload::{SqlStatement, SqlValue};

pub static ACTION: Builtin = Builtin::write("bookings.reschedule", build);

fn build(input: WriteInput<'_>) -> futures_util::future::BoxFuture<'_, Result<Change>> {
    Box::pin(async move {
        let WriteInput { office, action: name, params, requester, .. } = input;
        let id = int(params, "booking_id")?;
        let label = format!("booking {id}");
        let when = required_text(params, "scheduled_at")?;
        let when = chrono::DateTime::parse_from_rfc3339(&when)
            .map_err(|_| Error::Usage(format!("`{when}` is not an RFC 3339 time")))?
            .with_timezone(&chrono::Utc);
        require_state(office, "bookings", id, &label, "status", &["pending", "confirmed"], "rescheduling")
            .await?;
        Ok(Change::new(
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
        ))
    })
}
