//! The signed statement of an approval or rejection. It binds the decision to
//! the action, the exact payload (by hash), the approver and the time, so a
//! signature cannot be moved to another action or survive a payload change.

use chrono::{DateTime, Utc};
use ed25519_dalek::Signer;
use serde_json::json;

use crate::canonical::{hex, to_canonical_string};
use crate::keys::KeyPair;

/// What an approver signs.
#[derive(Debug, Clone)]
pub struct SignedDecision<'a> {
    pub action_id: i64,
    pub payload_hash: &'a str,
    /// `approve` or `reject`.
    pub decision: &'a str,
    pub approver: &'a str,
    pub signed_at: DateTime<Utc>,
    /// A rejection's reason.
    pub reason: Option<&'a str>,
}

impl SignedDecision<'_> {
    /// The exact bytes signed: canonical JSON with a domain tag, times in microseconds.
    pub fn message(&self) -> String {
        to_canonical_string(&json!({
            "domain": "opsgate-approval-v1",
            "action_id": self.action_id,
            "payload_hash": self.payload_hash,
            "decision": self.decision,
            "approver": self.approver,
            "signed_at": self.signed_at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(),
            "reason": self.reason,
        }))
    }
}

/// The hex-encoded Ed25519 signature of `decision` by `key`.
pub fn sign(key: &KeyPair, decision: &SignedDecision<'_>) -> String {
    hex(&key.signing_key().sign(decision.message().as_bytes()).to_bytes())
}

/// Whether `signature_hex` is `public_hex`'s signature of `decision`. Malformed input is `false`.
pub fn verify(public_hex: &str, signature_hex: &str, decision: &SignedDecision<'_>) -> bool {
    crate::keys::verifies_hex(public_hex, signature_hex, decision.message().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::now_micros;

    fn decision(hash: &str) -> SignedDecision<'_> {
        SignedDecision {
            action_id: 7,
            payload_hash: hash,
            decision: "approve",
            approver: "lead@example.com",
            signed_at: now_micros(),
            reason: None,
        }
    }

    #[test]
    fn a_signature_verifies_only_for_what_was_signed() {
        let key = KeyPair::generate().unwrap();
        let signed = decision("abc");
        let signature = sign(&key, &signed);
        assert!(verify(&key.public_hex(), &signature, &signed));
        assert!(!verify(
            &key.public_hex(),
            &signature,
            &SignedDecision { payload_hash: "abd", ..signed.clone() }
        ));
        assert!(!verify(&key.public_hex(), &signature, &SignedDecision { action_id: 8, ..signed.clone() }));
        assert!(!verify(
            &key.public_hex(),
            &signature,
            &SignedDecision { decision: "reject", ..signed.clone() }
        ));
        let other = KeyPair::generate().unwrap();
        assert!(!verify(&other.public_hex(), &signature, &signed));
    }

    #[test]
    fn one_flipped_byte_breaks_the_signature() {
        let key = KeyPair::generate().unwrap();
        let signed = decision("abc");
        let mut bytes = crate::canonical::unhex(&sign(&key, &signed)).unwrap();
        bytes[10] ^= 0x01;
        assert!(!verify(&key.public_hex(), &hex(&bytes), &signed));
        assert!(!verify(&key.public_hex(), "not hex", &signed));
        assert!(!verify("00", &hex(&bytes), &signed));
    }
}
