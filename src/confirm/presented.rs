//! Token policy: a presented token must be for this action, issued by this
//! database to this person, bound to the payload as it is now, unused and
//! unexpired. Consuming it (single use) happens in the execution transaction.

use chrono::{DateTime, Utc};

use super::token::{TOKEN_SECRET, parse, verify_mac};
use crate::error::{Error, Result};
use crate::identity::StaffMember;
use crate::store::{ActionRow, Store};

/// Checks a presented token against the action; returns its nonce to consume.
pub async fn check_presented(
    store: &Store,
    person: &StaffMember,
    row: &ActionRow,
    text: &str,
    now: DateTime<Utc>,
) -> Result<String> {
    let token = parse(text)?;
    if token.action_id != row.id {
        return Err(Error::TokenInvalid(format!(
            "this token is for action a{}, not a{}",
            token.action_id, row.id
        )));
    }
    let stored = store
        .token(&token.nonce)
        .await?
        .ok_or_else(|| Error::TokenInvalid("this token was never issued by this database".into()))?;
    if stored.staff_id != person.id || stored.action_id != row.id {
        return Err(Error::TokenInvalid(format!(
            "this token was issued to someone else, not {}",
            person.email
        )));
    }
    let key = store.instance_secret(TOKEN_SECRET).await?;
    if !verify_mac(&key, &token, &row.payload_hash, person.id)? || stored.payload_hash != row.payload_hash {
        return Err(Error::TokenInvalid(
            "the payload changed since this token was issued (or the token was edited); run `opsgate plan` again".into(),
        ));
    }
    // A payload whose stored text no longer matches its recorded hash was altered behind our back.
    let payload_value: serde_json::Value = serde_json::from_str(&row.payload).unwrap_or_default();
    if crate::canonical::hash_value(&payload_value) != row.payload_hash {
        return Err(Error::TokenInvalid(
            "the stored payload changed since this token was issued; run `opsgate plan` again".into(),
        ));
    }
    if stored.used_at.is_some() {
        return Err(Error::TokenInvalid("the confirmation token was already used".into()));
    }
    if token.expires_at <= now {
        let minutes = (now - token.expires_at).num_minutes();
        let ago = if minutes < 1 { "less than a minute".to_owned() } else { format!("{minutes} minutes") };
        return Err(Error::TokenInvalid(format!(
            "the confirmation token expired {ago} ago; run `opsgate plan` again"
        )));
    }
    Ok(token.nonce)
}
