//! Enrolment codes: how a person without a key registers their first one.
//! Someone holding `ops.staff.edit` issues a code (`opsgate staff invite`); it
//! is shown once, stored as its SHA-256, valid for 24 hours and for one use,
//! and only by the person it was issued for. The key itself is generated on
//! that person's machine, so no one else ever holds it.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use serde_json::json;

use crate::audit::{Actor, Event, NewAuditEntry, Outcome};
use crate::error::{Error, Result};
use crate::identity::StaffMember;
use crate::rbac::{grantable_role, require};
use crate::store::{Store, Tx};
use crate::time::now_micros;

/// How long a code stays valid.
pub const VALID_FOR: Duration = Duration::hours(24);

/// Letters in a code, from an alphabet of 24: 28 × log2(24) ≈ 128 bits.
const CODE_LETTERS: usize = 28;
const PREFIX: &str = "OGE";

/// A code just issued: the only time it exists in clear.
#[derive(Debug, Serialize)]
pub struct Invitation {
    pub email: String,
    pub role: String,
    pub code: String,
    pub expires_at: DateTime<Utc>,
    /// Earlier unused codes of this person, revoked by this one.
    pub replaced: u64,
    /// Whether a second person must countersign the code before it counts
    /// (whenever someone else holds `ops.staff.edit` and a key).
    pub needs_countersignature: bool,
}

/// Issues an enrolment code for `email`, an active staff member without a key.
/// The inviter needs `ops.staff.edit` and may only invite into a role they could grant.
pub async fn invite(store: &Store, inviter: &StaffMember, email: &str) -> Result<Invitation> {
    require(inviter, "ops.staff.edit")?;
    let invitee = store.staff_by_email(email).await?.ok_or_else(|| {
        Error::NotFound(format!("no staff member {email}: add them first (`opsgate staff add`)"))
    })?;
    if invitee.id == inviter.id {
        return Err(Error::Denied(
            "nobody invites themselves: rotate your key with `opsgate staff keygen`, or ask a colleague with `ops.staff.edit`"
                .into(),
        ));
    }
    if !invitee.is_active() {
        return Err(Error::Conflict(format!(
            "{} is {}; only active staff can enrol",
            invitee.email, invitee.status
        )));
    }
    grantable_role(store, inviter, &invitee.role).await?;
    if store.active_key_count(invitee.id).await? > 0 {
        return Err(Error::Conflict(format!(
            "{} already has a registered key: they rotate it with `opsgate staff keygen`; a lost key is revoked first (`opsgate staff revoke-key`)",
            invitee.email
        )));
    }
    let mut tx = store.begin().await?;
    let invitation = issue(&mut tx, inviter, &invitee).await?;
    tx.commit().await?;
    Ok(invitation)
}

/// Issues a code inside a transaction (also used by `staff add`).
pub async fn issue(tx: &mut Tx, inviter: &StaffMember, invitee: &StaffMember) -> Result<Invitation> {
    let code = new_code()?;
    let expires_at = now_micros() + VALID_FOR;
    let replaced = tx.insert_enrolment(invitee.id, &code_sha256(&code), inviter.id, expires_at).await?;
    let needs_countersignature = tx.keyholders_with(COUNTERSIGNER, &[inviter.id, invitee.id]).await? > 0;
    tx.append_audit(&[NewAuditEntry::new(
        Actor::person(&inviter.email),
        Event::StaffInvited,
        Outcome::Succeeded,
    )
    .subject(&invitee.email)
    .payload(json!({"email": invitee.email, "role": invitee.role}))
    .result(json!({"expires_at": expires_at, "replaced": replaced, "needs_countersignature": needs_countersignature}))])
        .await?;
    Ok(Invitation {
        email: invitee.email.clone(),
        role: invitee.role.clone(),
        code,
        expires_at,
        replaced,
        needs_countersignature,
    })
}

/// Who may countersign a code: someone who could have issued it.
const COUNTERSIGNER: &str = "ops.staff.edit";

/// A countersigned code, for rendering.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Countersigned {
    pub email: String,
    pub role: String,
    pub countersigned_by: String,
    pub expires_at: DateTime<Utc>,
}

/// A second person vouches for the code waiting for `email`: only then can it
/// register a key, so that whoever issued it (and saw it) cannot enrol as
/// someone alone. Needs `ops.staff.edit`, a role the countersigner could
/// grant, proof of the countersigner's own key, and not being its issuer or invitee.
pub async fn countersign(
    store: &Store,
    person: &StaffMember,
    proof: &crate::staff::KeyProof,
    email: &str,
) -> Result<Countersigned> {
    require(person, COUNTERSIGNER)?;
    if proof.key_id(store, person).await?.is_none() {
        return Err(Error::Denied(format!(
            "countersigning needs {}'s registered private key in {}",
            person.email,
            proof.shown(&person.email)
        )));
    }
    let invitee = store
        .staff_by_email(email)
        .await?
        .ok_or_else(|| Error::NotFound(format!("no staff member {email}")))?;
    if invitee.id == person.id {
        return Err(Error::Denied("nobody countersigns their own enrolment".into()));
    }
    grantable_role(store, person, &invitee.role).await?;
    let pending = store.pending_enrolment(invitee.id).await?.ok_or_else(|| {
        Error::Conflict(format!(
            "no enrolment code is waiting for {}: `opsgate staff invite {}` issues one",
            invitee.email, invitee.email
        ))
    })?;
    if pending.issued_by == person.id {
        return Err(Error::Denied(format!(
            "you issued the code for {}: a second person with `ops.staff.edit` countersigns it",
            invitee.email
        )));
    }
    let mut tx = store.begin().await?;
    if !tx.countersign_enrolment(pending.id, person.id).await? {
        return Err(Error::Conflict(format!(
            "the code for {} was used or replaced meanwhile",
            invitee.email
        )));
    }
    tx.append_audit(&[NewAuditEntry::new(
        Actor::person(&person.email),
        Event::StaffEnrolmentCountersigned,
        Outcome::Succeeded,
    )
    .subject(&invitee.email)
    .payload(json!({"email": invitee.email, "role": invitee.role, "issued_by": pending.issued_by}))])
        .await?;
    tx.commit().await?;
    Ok(Countersigned {
        email: invitee.email,
        role: invitee.role,
        countersigned_by: person.email.clone(),
        expires_at: pending.expires_at,
    })
}

/// The id of the enrolment that `code` is for `person`, when it is still
/// usable; a refusal is audited and exits 5. The caller marks it used
/// ([`Tx::use_enrolment`]) in the transaction that registers the key.
pub async fn check(store: &Store, person: &StaffMember, code: &str) -> Result<i64> {
    let why = match store.enrolment_by_code(&code_sha256(code)).await? {
        None => "it is not a code that was issued".to_owned(),
        Some(row) if row.staff_id != person.id => "it was issued for someone else".into(),
        Some(row) if row.used_at.is_some() => "it was already used".into(),
        Some(row) if row.revoked_at.is_some() => "a newer code replaced it".into(),
        Some(row) if row.expires_at <= now_micros() => {
            format!("it expired at {}", crate::store::format_time(row.expires_at))
        }
        Some(row)
            if row.countersigned_by.is_none()
                && store.keyholders_with(COUNTERSIGNER, &[row.issued_by, row.staff_id]).await? > 0 =>
        {
            format!(
                "it still needs a second person: someone with `{COUNTERSIGNER}` other than its issuer runs `opsgate staff countersign {}`",
                person.email
            )
        }
        Some(row) => return Ok(row.id),
    };
    Err(refuse(store, person, &why).await)
}

/// Audits a refused code and returns the error to give.
pub async fn refuse(store: &Store, person: &StaffMember, why: &str) -> Error {
    let error = Error::TokenInvalid(format!("enrolment code refused for {}: {why}", person.email));
    let entry =
        NewAuditEntry::new(Actor::person(&person.email), Event::StaffEnrolmentRejected, Outcome::Rejected)
            .subject(&person.email)
            .payload(json!({"reason": why}));
    match store.append_audit(&[entry]).await {
        Ok(_) => error,
        Err(audit) => audit,
    }
}

/// `OGE-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX`: 28 letters (no I or O, no
/// digits, so that no masking of phone numbers can touch it), about 128 bits.
fn new_code() -> Result<String> {
    const LETTERS: &[u8; 24] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
    let mut letters = Vec::with_capacity(CODE_LETTERS);
    while letters.len() < CODE_LETTERS {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| Error::Internal(format!("no randomness available: {e}")))?;
        // 240 = 10 × 24: bytes above it are dropped so that every letter is equally likely.
        letters.extend(bytes.iter().filter(|b| **b < 240).map(|b| LETTERS[usize::from(*b) % 24]));
    }
    letters.truncate(CODE_LETTERS);
    let groups: Vec<&str> = letters.chunks(4).map(|c| std::str::from_utf8(c).unwrap_or_default()).collect();
    Ok(format!("{PREFIX}-{}", groups.join("-")))
}

/// The stored form: SHA-256 of the code with case, dashes and spaces ignored.
fn code_sha256(code: &str) -> String {
    let normalized: String =
        code.chars().filter(|c| !matches!(c, '-' | ' ')).map(|c| c.to_ascii_uppercase()).collect();
    crate::canonical::sha256_hex(format!("opsgate-enrolment-v1\n{normalized}").as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_long_random_and_typed_forgivingly() {
        let a = new_code().unwrap();
        let b = new_code().unwrap();
        assert_ne!(a, b);
        assert!(
            a.starts_with("OGE-") && a.len() == 4 + 28 + 6 && !a.chars().any(|c| c.is_ascii_digit()),
            "{a}"
        );
        assert_eq!(code_sha256(&a), code_sha256(&a.to_lowercase().replace('-', " ")));
        assert_ne!(code_sha256(&a), code_sha256(&b));
    }
}
