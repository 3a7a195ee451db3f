//! `bookings.refund`: refund a paid booking to the original payment method, fully or in part.

use serde_json::{Map, Value, json};

use crate::builtin::change::{int, money, ops_log, row, target, text};
use crate::builtin::{Builtin, Change, WriteInput};
use crate::error::{Error, Result};
use crate::payload::{SqlStatement, SqlValue};

pub static ACTION: Builtin = Builtin::write("bookings.refund", build);

fn build(input: WriteInput<'_>) -> futures_util::future::BoxFuture<'_, Result<Change>> {
    Box::pin(async move {
        let WriteInput { office, action: name, params, requester, .. } = input;
        let mut filled = Map::new();
        let id = int(params, "booking_id")?;
        let label = format!("booking {id}");
        let values = row(
            office,
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
        if let Some(asked) = params.get("currency").and_then(Value::as_str)
            && !asked.eq_ignore_ascii_case(&currency)
        {
            return Err(Error::Unplannable(format!(
                "{label} was paid in {currency}, not {asked}: say the amount in {currency} (`refund 25.00 {currency} of {label}`)"
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
        filled.insert("amount_cents".into(), json!(refund));
        let reason = text(params, "reason");
        let mut change = Change::new(
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
        );
        change.filled = filled;
        Ok(change)
    })
}
