//! `users.wallet_credit`: credit an amount to a customer's wallet.

use serde_json::json;

use crate::builtin::change::{int, money, ops_log, require_state, target, text};
use crate::builtin::{Builtin, Change, WriteInput};
use crate::error::Result;
use crate::payload::{SqlStatement, SqlValue};

pub static ACTION: Builtin = Builtin::write("users.wallet_credit", build);

fn build(input: WriteInput<'_>) -> futures_util::future::BoxFuture<'_, Result<Change>> {
    Box::pin(async move {
        let WriteInput { office, action: name, params, requester, .. } = input;
        let id = int(params, "user_id")?;
        let label = format!("user {id}");
        require_state(office, "users", id, &label, "status", &["active"], "a wallet credit").await?;
        let amount = int(params, "amount_cents")?;
        let reason = text(params, "reason");
        Ok(Change::new(
            vec![
                SqlStatement::new(
                    "UPDATE users SET wallet_balance_cents = wallet_balance_cents + $1, updated_at = $2 WHERE id = $3 AND status = 'active'",
                    vec![amount.into(), SqlValue::Now, id.into()],
                )
                .one_row(),
                ops_log(requester, name, "user", Some(id), json!({"amount_cents": amount, "reason": reason})),
            ],
            Some(target("users", "id", id, label.clone(), &["status"])),
            format!("credit {} to the wallet of {label}", money(amount)),
        ))
    })
}
