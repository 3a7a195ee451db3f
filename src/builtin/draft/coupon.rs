//! `draft.coupon`: a coupon offer for a customer, with a stable suggested code.

use chrono::Duration;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::facts::one_row;
use crate::answer::money;
use crate::builtin::{Builtin, DraftInput, Drafted};
use crate::error::Result;

/// A coupon's default value when the request names none.
const DEFAULT_COUPON_CENTS: i64 = 1_000;
const COUPON_VALID_DAYS: i64 = 30;

pub static ACTION: Builtin =
    Builtin::draft("draft.coupon", include_str!("../../../templates/draft.coupon.j2"), context, None);

fn context(input: DraftInput<'_>) -> futures_util::future::BoxFuture<'_, Result<Drafted>> {
    Box::pin(async move {
        let DraftInput { session, action, params, settings, now, .. } = input;
        let mut sources = Vec::new();
        let user_id = params.get("user_id").and_then(Value::as_i64).unwrap_or(0);
        let row = one_row(
            session.store(),
            &mut sources,
            action,
            "SELECT id, name, email, wallet_balance_cents FROM users WHERE id = $1",
            user_id,
            now,
            "user",
        )
        .await?;
        let cents = params.get("amount_cents").and_then(Value::as_i64).unwrap_or(DEFAULT_COUPON_CENTS);
        let valid_until =
            settings.local(now + Duration::days(COUPON_VALID_DAYS)).format("%Y-%m-%d").to_string();
        // A stable suggestion for the same person and day, so re-running the draft does not change it.
        let digest = Sha256::digest(format!("{user_id}:{cents}:{}", settings.local(now).date_naive()));
        let code = format!("GW-{user_id}-{}", crate::canonical::hex(&digest[..3]).to_uppercase());
        let context = json!({
            "customer": {
                "id": row["id"], "name": row["name"], "email": row["email"],
                "wallet": money(row["wallet_balance_cents"].as_i64().unwrap_or(0), "EUR"),
            },
            "amount": money(cents, "EUR"), "code": code, "valid_until": valid_until,
        });
        Ok(Drafted { context, sources })
    })
}
