//! Confirmation tokens: `ogt1.<action>.<expiry>.<nonce>.<mac>`, where the MAC is
//! HMAC-SHA256 (per-database key) over action id, payload hash, staff id, expiry
//! and nonce. The nonce row in `confirmation_tokens` makes each token single-use.

use chrono::{DateTime, TimeZone, Utc};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::canonical::{hex, unhex};
use crate::error::{Error, Result};

/// The name of the per-database HMAC key in `instance_secrets`.
pub const TOKEN_SECRET: &str = "confirmation_token_hmac_v1";

const PREFIX: &str = "ogt1";

/// A token taken apart (not yet verified).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedToken {
    pub action_id: i64,
    pub expires_at: DateTime<Utc>,
    pub nonce: String,
    mac: Vec<u8>,
}

fn mac_input(action_id: i64, payload_hash: &str, staff_id: i64, expires_unix: i64, nonce: &str) -> String {
    format!("opsgate-confirmation-token-v1\n{action_id}\n{payload_hash}\n{staff_id}\n{expires_unix}\n{nonce}")
}

fn hmac(key: &[u8]) -> Result<Hmac<Sha256>> {
    <Hmac<Sha256> as KeyInit>::new_from_slice(key).map_err(|e| Error::Internal(format!("bad token key: {e}")))
}

/// A new token and its nonce (to be stored).
pub fn mint(
    key: &[u8],
    action_id: i64,
    payload_hash: &str,
    staff_id: i64,
    expires_at: DateTime<Utc>,
) -> Result<(String, String)> {
    let mut nonce = [0u8; 16];
    getrandom::fill(&mut nonce).map_err(|e| Error::Internal(format!("no randomness available: {e}")))?;
    let nonce = hex(&nonce);
    let expires_unix = expires_at.timestamp();
    let mut mac = hmac(key)?;
    mac.update(mac_input(action_id, payload_hash, staff_id, expires_unix, &nonce).as_bytes());
    let tag = hex(&mac.finalize().into_bytes());
    Ok((format!("{PREFIX}.{action_id}.{expires_unix}.{nonce}.{tag}"), nonce))
}

/// Takes a token apart; a malformed one is a token error (exit 5).
pub fn parse(token: &str) -> Result<ParsedToken> {
    let malformed = || {
        Error::TokenInvalid("the confirmation token is malformed; copy it from `opsgate plan` output".into())
    };
    let parts: Vec<&str> = token.trim().split('.').collect();
    let [prefix, action, expiry, nonce, mac] = parts.as_slice() else { return Err(malformed()) };
    if *prefix != PREFIX || nonce.len() != 32 || unhex(nonce).is_none() {
        return Err(malformed());
    }
    let action_id = action.parse::<i64>().map_err(|_| malformed())?;
    let expires_at =
        expiry.parse::<i64>().ok().and_then(|s| Utc.timestamp_opt(s, 0).single()).ok_or_else(malformed)?;
    let mac = unhex(mac).filter(|m| m.len() == 32).ok_or_else(malformed)?;
    Ok(ParsedToken { action_id, expires_at, nonce: (*nonce).to_owned(), mac })
}

/// Whether the token's MAC binds exactly this action, payload, person and expiry (constant time).
pub fn verify_mac(key: &[u8], token: &ParsedToken, payload_hash: &str, staff_id: i64) -> Result<bool> {
    let mut mac = hmac(key)?;
    mac.update(
        mac_input(token.action_id, payload_hash, staff_id, token.expires_at.timestamp(), &token.nonce)
            .as_bytes(),
    );
    Ok(mac.verify_slice(&token.mac).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";

    fn minted() -> (String, DateTime<Utc>) {
        let expires = Utc.timestamp_opt(2_000_000_000, 0).unwrap();
        (mint(KEY, 42, "hash-a", 7, expires).unwrap().0, expires)
    }

    #[test]
    fn a_token_verifies_for_exactly_what_it_was_minted_for() {
        let (token, expires) = minted();
        let parsed = parse(&token).unwrap();
        assert_eq!(parsed.action_id, 42);
        assert_eq!(parsed.expires_at, expires);
        assert!(verify_mac(KEY, &parsed, "hash-a", 7).unwrap());
        assert!(!verify_mac(KEY, &parsed, "hash-b", 7).unwrap(), "payload changed");
        assert!(!verify_mac(KEY, &parsed, "hash-a", 8).unwrap(), "someone else");
        assert!(!verify_mac(b"another key another key another!", &parsed, "hash-a", 7).unwrap());
    }

    #[test]
    fn edited_tokens_do_not_verify() {
        let (token, _) = minted();
        let later = token.replacen(".2000000000.", ".2000009999.", 1);
        assert!(!verify_mac(KEY, &parse(&later).unwrap(), "hash-a", 7).unwrap(), "expiry extended");
        let other_action = token.replacen("ogt1.42.", "ogt1.43.", 1);
        assert!(!verify_mac(KEY, &parse(&other_action).unwrap(), "hash-a", 7).unwrap());
    }

    #[test]
    fn garbage_is_malformed_not_a_panic() {
        for text in [
            "",
            "ogt1",
            "ogt1.1.2.3.4",
            "ogt2.1.2.00000000000000000000000000000000.00",
            "ogt1.x.1.00000000000000000000000000000000.00",
            "🦀.🦀.🦀.🦀.🦀",
        ] {
            assert!(matches!(parse(text), Err(Error::TokenInvalid(_))), "{text}");
        }
    }
}
