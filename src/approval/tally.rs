//! Counting the approvals of an action that still hold. A signature that does
//! not verify, or one made over another payload, is an integrity failure (the
//! data was tampered with) and stops everything; an expired approval, one made
//! with a since-revoked key or by someone no longer eligible simply does not count.

use serde::Serialize;

use super::{ApprovalPolicy, SignedDecision, eligibility, verify};
use crate::canonical::hash_value;
use crate::error::{Error, Result};
use crate::store::{ActionRow, Store};
use crate::time::now_micros;

/// The approvals of one action, as they stand now.
#[derive(Debug, Clone, Serialize)]
pub struct Tally {
    pub required: i64,
    /// Approvers whose approval counts.
    pub valid: Vec<String>,
    /// Why each other approval does not count.
    pub not_counted: Vec<String>,
    /// Decisions (approvals and rejections) on record when counting: a
    /// transaction compares it under its lock to learn whether the count still holds.
    #[serde(skip)]
    pub decisions_seen: usize,
}

impl Tally {
    pub fn is_enough(&self) -> bool {
        self.valid.len() as i64 >= self.required
    }

    /// "1 of 2 valid approvals (lead@x: expired)".
    pub fn summary(&self) -> String {
        let mut text = format!("{} of {} valid approvals", self.valid.len(), self.required);
        if !self.not_counted.is_empty() {
            text.push_str(&format!(" ({})", self.not_counted.join("; ")));
        }
        text
    }
}

/// Verifies every approval of `row` against the registered keys and the current payload.
pub async fn tally(store: &Store, row: &ActionRow, policy: &ApprovalPolicy) -> Result<Tally> {
    let id = row.id;
    let stored_payload: serde_json::Value = serde_json::from_str(&row.payload).map_err(|_| {
        Error::TokenInvalid(format!("the stored payload of a{id} is not JSON: it was altered after review"))
    })?;
    if hash_value(&stored_payload) != row.payload_hash {
        return Err(Error::TokenInvalid(format!(
            "the payload of a{id} changed after it was approved: the approvals no longer apply; nothing was written"
        )));
    }
    let requester = store
        .staff_by_email(&row.requester_email)
        .await?
        .ok_or_else(|| Error::NotFound(format!("the requester of a{id} no longer exists")))?;
    let now = now_micros();
    let decisions = store.approvals_of(id).await?;
    let mut tally = Tally {
        required: policy.required,
        valid: Vec::new(),
        not_counted: Vec::new(),
        decisions_seen: decisions.len(),
    };
    for approval in decisions {
        if approval.decision != "approve" {
            continue;
        }
        let who = &approval.approver_email;
        let (Some(public_key), Some(signature)) = (&approval.public_key, &approval.signature) else {
            return Err(Error::TokenInvalid(format!(
                "the approval of a{id} by {who} carries no verifiable signature"
            )));
        };
        if approval.key_staff_id != Some(approval.approver_id) {
            return Err(Error::TokenInvalid(format!(
                "the approval of a{id} by {who} names a key registered to someone else"
            )));
        }
        let signed = SignedDecision {
            action_id: id,
            payload_hash: &approval.payload_hash,
            decision: "approve",
            approver: who,
            signed_at: approval.signed_at,
            reason: None,
        };
        if !verify(public_key, signature, &signed) {
            return Err(Error::TokenInvalid(format!(
                "the signature on the approval of a{id} by {who} does not verify against key k{}; nothing was written",
                approval.key_id.unwrap_or_default()
            )));
        }
        if approval.payload_hash != row.payload_hash {
            return Err(Error::TokenInvalid(format!(
                "a{id} was approved by {who} for another payload: it changed after approval; nothing was written"
            )));
        }
        if approval.key_revoked_at.is_some() {
            tally.not_counted.push(format!(
                "{who}: signed with key k{} which was revoked",
                approval.key_id.unwrap_or_default()
            ));
            continue;
        }
        if approval.expires_at <= now {
            tally
                .not_counted
                .push(format!("{who}: expired {}", approval.expires_at.format("%Y-%m-%d %H:%M UTC")));
            continue;
        }
        let approver = store.staff_by_email(who).await?;
        match approver.map(|approver| eligibility(&approver, &requester, row)) {
            Some(Ok(())) => tally.valid.push(who.clone()),
            Some(Err(refusal)) => tally.not_counted.push(format!("{who}: no longer eligible ({refusal})")),
            None => tally.not_counted.push(format!("{who}: no longer a staff member")),
        }
    }
    Ok(tally)
}
