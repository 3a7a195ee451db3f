//! `approve` / `reject`: a second person reviews a pending action and signs
//! their decision with their own Ed25519 key. The signature covers the payload
//! hash, so what was approved is exactly what runs.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;

use crate::approval::{ApprovalPolicy, SignedDecision, Tally, eligibility, sign, tally, verify};
use crate::audit::{Event, Outcome};
use crate::error::{Error, Result};
use crate::executor::{DryRunReport, dry_run};
use crate::identity::StaffMember;
use crate::keys::KeyDir;
use crate::payload::Payload;
use crate::plan::{ActionId, ActionStatus};
use crate::second_factor::SecondFactor;
use crate::session::Session;
use crate::store::{ActionRow, NewApproval};
use crate::time::now_micros;

/// One line of `approve --list`.
#[derive(Debug, Clone, Serialize)]
pub struct PendingApproval {
    pub action_id: ActionId,
    pub action: String,
    pub requester: String,
    pub prompt: String,
    pub summary: String,
    pub approvals: String,
    pub second_factor: bool,
    pub created_at: DateTime<Utc>,
    pub age_seconds: i64,
}

/// Pending actions `person` may approve and has not decided on yet, oldest first.
pub async fn approvable(session: &Session) -> Result<Vec<PendingApproval>> {
    let (store, person) = (session.store(), session.person()?);
    let now = session.now();
    let mut requesters: HashMap<String, Option<StaffMember>> = HashMap::new();
    let mut out = Vec::new();
    for (row, prompt) in store.pending_approval().await? {
        if !requesters.contains_key(&row.requester_email) {
            let requester = store.staff_by_email(&row.requester_email).await?;
            requesters.insert(row.requester_email.clone(), requester);
        }
        let Some(Some(requester)) = requesters.get(&row.requester_email) else { continue };
        if eligibility(person, requester, &row).is_err() {
            continue;
        }
        let decisions = store.approvals_of(row.id).await?;
        if decisions.iter().any(|d| d.approver_id == person.id) {
            continue;
        }
        let policy = ApprovalPolicy::load(store, &row).await?;
        let approving = decisions.iter().filter(|d| d.decision == "approve" && d.expires_at > now).count();
        let summary = serde_json::from_str(&row.payload)
            .ok()
            .and_then(|value| Payload::from_value(&value).ok())
            .map(|payload| payload.summary().to_owned())
            .unwrap_or_default();
        out.push(PendingApproval {
            action_id: ActionId(row.id),
            action: row.action.clone(),
            requester: row.requester_email.clone(),
            prompt,
            summary,
            approvals: format!("{approving}/{}", policy.required),
            second_factor: row.second_factor,
            created_at: row.created_at,
            age_seconds: (now - row.created_at).num_seconds(),
        });
    }
    Ok(out)
}

/// What an approver is shown before deciding.
#[derive(Debug, Clone, Serialize)]
pub struct ApprovalReview {
    pub action_id: ActionId,
    pub action: String,
    pub requester: String,
    pub requester_role: String,
    pub prompt: String,
    pub payload: Payload,
    pub payload_hash: String,
    pub impact: DryRunReport,
    pub policy: ApprovalPolicy,
    pub policy_text: String,
    pub standing: Tally,
    pub created_at: DateTime<Utc>,
}

/// Checks that `approver` may decide on `row` and gathers what they must see.
/// Refusals are audited.
pub async fn review_for_approval(session: &Session, row: &ActionRow) -> Result<ApprovalReview> {
    review_for_decision(session, row, false).await
}

/// Like [`review_for_approval`], for a rejection when `rejecting` (a requester
/// may review their own request to withdraw it).
pub async fn review_for_decision(
    session: &Session,
    row: &ActionRow,
    rejecting: bool,
) -> Result<ApprovalReview> {
    let store = session.store();
    let (requester, policy, standing) = check_decidable(session, row, rejecting).await?;
    let payload = stored_payload(row)?;
    let impact = dry_run(store, &payload).await?;
    let prompt = store.load_plan(row.plan_id).await?.map(|plan| plan.prompt).unwrap_or_default();
    Ok(ApprovalReview {
        action_id: ActionId(row.id),
        action: row.action.clone(),
        requester: requester.email.clone(),
        requester_role: requester.role.clone(),
        prompt,
        payload,
        payload_hash: row.payload_hash.clone(),
        impact,
        policy_text: policy.describe(&requester.role, requester.level),
        policy,
        standing,
        created_at: row.created_at,
    })
}

/// Approve, or reject with a reason.
#[derive(Debug, Clone, Copy)]
pub enum ApprovalDecision<'a> {
    Approve,
    Reject { reason: &'a str },
}

/// The outcome of `approve` or `reject`.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionReport {
    pub action_id: ActionId,
    pub action: String,
    /// `approved`, `rejected` or `withdrawn`.
    pub decision: &'static str,
    pub approver: String,
    pub key_id: i64,
    pub signature: String,
    /// The action's status after this decision.
    pub status: String,
    pub approvals: String,
}

/// Who signs a decision: the approver's private key on this machine, or — in
/// team mode — the approver's own machine, which sent the signature.
pub enum DecisionSigner<'a> {
    Key(&'a KeyDir),
    Presented {
        signed_at: DateTime<Utc>,
        /// Hex Ed25519 signature of the [`SignedDecision`].
        signature: String,
    },
}

/// How far a presented decision's `signed_at` may be from the server's clock.
pub const PRESENTED_DECISION_SKEW_SECONDS: i64 = 300;

/// Signs and stores `approver`'s decision on `row`; moves the action to
/// `approved` when this approval makes enough, or ends it on a rejection.
pub async fn decide_approval(
    session: &Session,
    row: &ActionRow,
    signer: &DecisionSigner<'_>,
    decision: ApprovalDecision<'_>,
    second_factor: &mut SecondFactor<'_>,
) -> Result<DecisionReport> {
    let (store, approver) = (session.store(), session.person()?);
    let id = ActionId(row.id);
    let rejecting = matches!(decision, ApprovalDecision::Reject { .. });
    let (requester, policy, _) = check_decidable(session, row, rejecting).await?;
    let verb = if rejecting { "reject" } else { "approve" };
    let reason = match decision {
        ApprovalDecision::Reject { reason } => Some(reason),
        ApprovalDecision::Approve => None,
    };
    // The signature is checked before the second factor, so a bad key does not spend a code.
    let signed = match signed_decision(session, row, signer, verb, reason).await {
        Ok(signed) => signed,
        Err(error) => {
            return Err(session
                .refuse(
                    Event::ApprovalRefused,
                    Outcome::Rejected,
                    Some(row.id),
                    json!({"action": row.action}),
                    error,
                )
                .await);
        }
    };
    let (key_id, signed_at, signature) = signed;
    if !rejecting && row.second_factor {
        second_factor
            .ensure(store, approver, &format!("approving {id} ({})", row.action), Some(row.id))
            .await?;
    }
    let withdrawing = rejecting && approver.id == requester.id;
    let to_status = match decision {
        ApprovalDecision::Approve => None,
        ApprovalDecision::Reject { .. } if withdrawing => Some("cancelled"),
        ApprovalDecision::Reject { .. } => Some("rejected"),
    };
    // Counted before the transaction, so that a command needs one connection
    // (a bounded pool never waits on itself); the lock then takes concurrent
    // decisions in turn, and a decision committed in between means counting again.
    let mut attempts = 0;
    let (mut tx, standing) = loop {
        attempts += 1;
        let standing = tally(store, row, &policy).await?;
        let mut tx = store.begin().await?;
        if !tx.lock_pending_approval(row.id).await? {
            return Err(Error::Conflict(format!(
                "{id} was decided by someone else meanwhile; nothing was recorded"
            )));
        }
        if tx.decision_count(row.id).await? == standing.decisions_seen {
            break (tx, standing);
        }
        tx.rollback().await?;
        if attempts == 5 {
            return Err(Error::Conflict(format!(
                "{id} keeps being decided by others; nothing was recorded, try again"
            )));
        }
    };
    // An earlier approval of this person that no longer counts (expired, key revoked) is replaced.
    let replaces = !standing.valid.contains(&approver.email);
    let approvals_after = standing.valid.len() + usize::from(!rejecting);
    let to_status = to_status.or((approvals_after as i64 >= policy.required).then_some("approved"));
    tx.insert_approval(
        &NewApproval {
            action_id: row.id,
            approver_id: approver.id,
            key_id,
            decision: verb,
            payload_hash: &row.payload_hash,
            signature: &signature,
            reason,
            signed_at,
            expires_at: signed_at + policy.ttl,
        },
        replaces,
    )
    .await?;
    if let Some(to) = to_status
        && !tx.transition_action(row.id, "pending_approval", to).await?
    {
        return Err(Error::Conflict(format!(
            "{id} was decided by someone else meanwhile; nothing was recorded"
        )));
    }
    let status = to_status.unwrap_or("pending_approval");
    let event = match (rejecting, withdrawing) {
        (false, _) => Event::ApprovalGranted,
        (true, false) => Event::ApprovalRejected,
        (true, true) => Event::ActionWithdrawn,
    };
    let approvals = format!("{approvals_after}/{}", policy.required);
    tx.append_audit(&[session
        .entry(
            event,
            if rejecting { Outcome::Rejected } else { Outcome::Approved },
            json!({"action": row.action, "requester": requester.email, "payload_hash": row.payload_hash,
               "key_id": key_id, "signature": signature, "reason": reason}),
        )
        .action(row.id)
        .result(json!({"status": status, "approvals": approvals}))])
        .await?;
    tx.commit().await?;
    Ok(DecisionReport {
        action_id: id,
        action: row.action.clone(),
        decision: match (rejecting, withdrawing) {
            (false, _) => "approved",
            (true, false) => "rejected",
            (true, true) => "withdrawn",
        },
        approver: approver.email.clone(),
        key_id,
        signature,
        status: status.to_owned(),
        approvals,
    })
}

/// The registered key, time and signature of a decision: signed here with the
/// approver's key, or presented and verified against the approver's unrevoked keys.
async fn signed_decision(
    session: &Session,
    row: &ActionRow,
    signer: &DecisionSigner<'_>,
    verb: &str,
    reason: Option<&str>,
) -> Result<(i64, DateTime<Utc>, String)> {
    let (store, approver) = (session.store(), session.person()?);
    let statement = |signed_at| SignedDecision {
        action_id: row.id,
        payload_hash: &row.payload_hash,
        decision: verb,
        approver: &approver.email,
        signed_at,
        reason,
    };
    match signer {
        DecisionSigner::Key(key_dir) => {
            let key = key_dir.read(&approver.email)?;
            match store.key_by_public(&key.public_hex()).await? {
                Some(k) if k.staff_id == approver.id && k.revoked_at.is_none() => {
                    let signed_at = now_micros();
                    Ok((k.id, signed_at, sign(&key, &statement(signed_at))))
                }
                Some(k) if k.staff_id == approver.id => Err(Error::TokenInvalid(format!(
                    "your signing key k{} was revoked: run `opsgate staff keygen` for a new one",
                    k.id
                ))),
                _ => Err(Error::TokenInvalid(format!(
                    "the private key in {} is not registered to {}: run `opsgate staff keygen`",
                    key_dir.shown_path(&approver.email),
                    approver.email
                ))),
            }
        }
        DecisionSigner::Presented { signed_at, signature } => {
            let skew = (session.now() - *signed_at).num_seconds().abs();
            if skew > PRESENTED_DECISION_SKEW_SECONDS {
                return Err(Error::TokenInvalid(format!(
                    "the decision was signed {skew} s from the server's clock (at most {PRESENTED_DECISION_SKEW_SECONDS} s); sign it again"
                )));
            }
            let keys = store.keys(Some(approver.id)).await?;
            let key = keys
                .iter()
                .filter(|k| k.revoked_at.is_none())
                .find(|k| verify(&k.public_key, signature, &statement(*signed_at)))
                .ok_or_else(|| {
                    Error::TokenInvalid(format!(
                        "the decision's signature does not verify with any registered key of {}",
                        approver.email
                    ))
                })?;
            Ok((key.id, *signed_at, signature.clone()))
        }
    }
}

/// The checks shared by review and decision: the action waits for approval,
/// its payload is intact, and `approver` satisfies every rule (a requester may
/// only withdraw their own request). Refusals are audited.
async fn check_decidable(
    session: &Session,
    row: &ActionRow,
    rejecting: bool,
) -> Result<(StaffMember, ApprovalPolicy, Tally)> {
    let (store, approver) = (session.store(), session.person()?);
    let id = ActionId(row.id);
    let refused = |event: Event, error: Error| async move {
        Err::<(StaffMember, ApprovalPolicy, Tally), Error>(
            session.refuse(event, Outcome::Refused, Some(row.id), json!({"action": row.action}), error).await,
        )
    };
    if row.status != ActionStatus::PendingApproval {
        let error = Error::Conflict(format!(
            "{id} ({}) is {}, not waiting for approval; nothing was recorded",
            row.action, row.status
        ));
        return refused(Event::ApprovalRefused, error).await;
    }
    let requester = store
        .staff_by_email(&row.requester_email)
        .await?
        .ok_or_else(|| Error::NotFound(format!("the requester of {id} no longer exists")))?;
    let withdrawing = rejecting && approver.id == requester.id;
    if !withdrawing && let Err(error) = eligibility(approver, &requester, row) {
        return refused(Event::ApprovalDenied, error).await;
    }
    let policy = ApprovalPolicy::load(store, row).await?;
    let standing = match tally(store, row, &policy).await {
        Ok(standing) => standing,
        Err(error) => return refused(Event::ApprovalInvalid, error).await,
    };
    Ok((requester, policy, standing))
}

fn stored_payload(row: &ActionRow) -> Result<Payload> {
    let value: serde_json::Value = serde_json::from_str(&row.payload)
        .map_err(|e| Error::Internal(format!("stored payload of a{} does not parse: {e}", row.id)))?;
    Payload::from_value(&value)
}
