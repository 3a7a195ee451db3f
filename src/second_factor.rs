//! The second factor: a TOTP code (RFC 6238) checked against the person's
//! enrolled secret and used at most once. Every rejection is audited.

use chrono::Utc;
use serde_json::json;

use crate::audit::{Actor, Event, NewAuditEntry, Outcome};
use crate::error::{Error, Result};
use crate::identity::StaffMember;
use crate::store::Store;
use crate::totp::{TotpSecret, matching_step};

/// Where the code comes from.
pub enum CodeSource<'a> {
    /// Given on the command line (`--totp`).
    Given(&'a str),
    /// Asked on the terminal.
    Ask(&'a mut (dyn FnMut() -> Result<String> + Send)),
    /// Nobody to ask and nothing given.
    Missing,
}

/// The second factor of one command: checked at most once, then it holds for
/// every further action of the same person in that command (a code is single-use).
pub struct SecondFactor<'a> {
    source: CodeSource<'a>,
    verified_for: Option<i64>,
}

impl<'a> SecondFactor<'a> {
    pub fn new(source: CodeSource<'a>) -> Self {
        SecondFactor { source, verified_for: None }
    }

    /// Succeeds when `person` proved a second factor in this command, asking for
    /// (or checking) the code the first time.
    pub async fn ensure(
        &mut self,
        store: &Store,
        person: &StaffMember,
        purpose: &str,
        action_id: Option<i64>,
    ) -> Result<()> {
        if self.verified_for == Some(person.id) {
            return Ok(());
        }
        let source = std::mem::replace(&mut self.source, CodeSource::Missing);
        let given = if let CodeSource::Given(code) = &source { Some(*code) } else { None };
        let checked = require_totp(store, person, source, purpose, action_id).await;
        if let Some(code) = given {
            self.source = CodeSource::Given(code);
        }
        checked?;
        self.verified_for = Some(person.id);
        Ok(())
    }
}

/// Checks `person`'s code for `purpose` (e.g. "approve a7") and marks its step used.
pub async fn require_totp(
    store: &Store,
    person: &StaffMember,
    source: CodeSource<'_>,
    purpose: &str,
    action_id: Option<i64>,
) -> Result<()> {
    match check(store, person, source, purpose).await {
        Ok(()) => Ok(()),
        Err(error) => Err(audit_rejection(store, person, purpose, action_id, error).await),
    }
}

/// Audits a refused code as `totp.rejected` and returns the error to give.
async fn audit_rejection(
    store: &Store,
    person: &StaffMember,
    purpose: &str,
    action_id: Option<i64>,
    error: Error,
) -> Error {
    let mut entry = NewAuditEntry::new(Actor::person(&person.email), Event::TotpRejected, Outcome::Rejected)
        .subject(&person.email)
        .payload(json!({"purpose": purpose, "reason": error.to_string()}));
    if let Some(id) = action_id {
        entry = entry.action(id);
    }
    match store.append_audit(&[entry]).await {
        Ok(_) => error,
        Err(audit) => audit,
    }
}

/// The code from its source; `missing` is the error when there is none.
fn read_code(source: CodeSource<'_>, missing: impl FnOnce() -> Error) -> Result<String> {
    match source {
        CodeSource::Given(code) => Ok(code.to_owned()),
        CodeSource::Ask(ask) => ask(),
        CodeSource::Missing => Err(missing()),
    }
}

async fn check(store: &Store, person: &StaffMember, source: CodeSource<'_>, purpose: &str) -> Result<()> {
    let (secret, _) = store.totp_state(person.id).await?;
    let Some(secret) = secret else {
        if store.totp_pending(person.id).await?.is_some() {
            return Err(Error::TokenInvalid(format!(
                "{purpose} needs a second factor and {} has not confirmed theirs yet: run `opsgate staff totp confirm --totp CODE`",
                person.email
            )));
        }
        return Err(Error::TokenInvalid(format!(
            "{purpose} needs a second factor and {} has none enrolled: run `opsgate staff totp enroll`",
            person.email
        )));
    };
    let secret = unseal_active(store, person, &secret).await?;
    let code = read_code(source, || {
        Error::TokenInvalid(format!(
            "{purpose} needs a second factor: pass --totp CODE (nothing was written)"
        ))
    })?;
    let Some(step) = matching_step(&secret, &code, Utc::now().timestamp()) else {
        return Err(Error::TokenInvalid(format!(
            "wrong TOTP code for {}; nothing was written",
            person.email
        )));
    };
    let mut tx = store.begin().await?;
    if !tx.use_totp_step(person.id, step).await? {
        return Err(Error::TokenInvalid(format!(
            "this TOTP code (or a later one) was already used by {}; wait for the next code",
            person.email
        )));
    }
    tx.commit().await
}

/// A new TOTP enrollment: shown once, never stored in the audit log. It counts
/// only once its owner confirmed a first code ([`confirm`]).
pub struct Enrollment {
    pub email: String,
    pub secret: String,
    pub otpauth_uri: String,
}

/// Starts `person`'s TOTP enrollment. Needs proof of who they are beyond
/// `--as`: their registered private key in `key_dir`; replacing an existing
/// secret also needs a current code from it. The new secret waits, unused,
/// until [`confirm`]; an existing one keeps working until then.
pub async fn enroll(
    store: &Store,
    person: &StaffMember,
    proof: &crate::staff::KeyProof,
    current: &mut SecondFactor<'_>,
) -> Result<Enrollment> {
    require_own_key(store, person, proof, "enrolling a second factor").await?;
    let (existing, _) = store.totp_state(person.id).await?;
    if existing.is_some() {
        current.ensure(store, person, "replacing your TOTP secret", None).await?;
    }
    let secret = TotpSecret::generate()?;
    let mut tx = store.begin().await?;
    let sealed = store.sealer()?.seal(&sealing_purpose(person), secret.to_base32().as_bytes())?;
    tx.set_totp_pending(person.id, &sealed).await?;
    tx.append_audit(&[NewAuditEntry::new(
        Actor::person(&person.email),
        Event::StaffTotpPending,
        Outcome::Succeeded,
    )
    .subject(&person.email)
    .payload(json!({"replaces": existing.is_some()}))])
        .await?;
    tx.commit().await?;
    Ok(Enrollment {
        email: person.email.clone(),
        otpauth_uri: secret.otpauth_uri("opsgate", &person.email),
        secret: secret.to_base32(),
    })
}

/// Activates the secret `person` enrolled with, given a first code from it:
/// proof that their authenticator holds it. A wrong code is audited and exits 5.
pub async fn confirm(
    store: &Store,
    person: &StaffMember,
    proof: &crate::staff::KeyProof,
    source: CodeSource<'_>,
) -> Result<()> {
    require_own_key(store, person, proof, "confirming a second factor").await?;
    let pending = store.totp_pending(person.id).await?.ok_or_else(|| {
        Error::Conflict(format!(
            "{} has no TOTP enrollment to confirm: run `opsgate staff totp enroll`",
            person.email
        ))
    })?;
    let secret = base32_secret(person, &store.sealer()?.open(&sealing_purpose(person), &pending)?)?;
    let checked = read_code(source, || {
        Error::TokenInvalid("confirming needs the code your authenticator shows: pass --totp CODE".into())
    })
    .and_then(|code| {
        matching_step(&secret, &code, Utc::now().timestamp()).ok_or_else(|| {
            Error::TokenInvalid(format!(
                "wrong TOTP code for the new secret of {}; nothing changed",
                person.email
            ))
        })
    });
    let step = match checked {
        Ok(step) => step,
        Err(error) => {
            return Err(audit_rejection(store, person, "confirming a TOTP enrollment", None, error).await);
        }
    };
    let mut tx = store.begin().await?;
    if !tx.activate_totp(person.id, &pending, step).await? {
        return Err(Error::Conflict(format!("the TOTP enrollment of {} changed meanwhile", person.email)));
    }
    tx.append_audit(&[NewAuditEntry::new(
        Actor::person(&person.email),
        Event::StaffTotpEnrolled,
        Outcome::Succeeded,
    )
    .subject(&person.email)])
        .await?;
    tx.commit().await
}

/// What a person's TOTP secret is sealed for: their row, so that a sealed
/// secret copied onto someone else's does not open.
fn sealing_purpose(person: &StaffMember) -> String {
    format!("totp:{}", person.id)
}

fn base32_secret(person: &StaffMember, text: &[u8]) -> Result<TotpSecret> {
    std::str::from_utf8(text)
        .ok()
        .and_then(TotpSecret::from_base32)
        .ok_or_else(|| Error::Internal(format!("the stored TOTP secret of {} is not base32", person.email)))
}

/// The active secret from its stored form. One stored in clear by an older
/// version is sealed now, the first time it is used.
async fn unseal_active(store: &Store, person: &StaffMember, stored: &str) -> Result<TotpSecret> {
    let sealer = store.sealer()?;
    if crate::sealed::is_sealed(stored) {
        return base32_secret(person, &sealer.open(&sealing_purpose(person), stored)?);
    }
    let secret = base32_secret(person, stored.as_bytes())?;
    let sealed = sealer.seal(&sealing_purpose(person), secret.to_base32().as_bytes())?;
    let mut tx = store.begin().await?;
    tx.reseal_totp_secret(person.id, stored, &sealed).await?;
    tx.commit().await?;
    Ok(secret)
}

async fn require_own_key(
    store: &Store,
    person: &StaffMember,
    proof: &crate::staff::KeyProof,
    doing: &str,
) -> Result<()> {
    if proof.key_id(store, person).await?.is_none() {
        return Err(Error::Denied(format!(
            "{doing} for {} needs their registered private key in {}",
            person.email,
            proof.shown(&person.email)
        )));
    }
    Ok(())
}
