//! An agent's own credential for team mode: an Ed25519 key pair whose private
//! half is shown once, to the person who issues it, and whose public half the
//! server checks request signatures against until it expires or is revoked.
//! A request signed with it names the person the agent acts for; the agent's
//! rights are that person's, narrowed by its tier and the policy rules.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use serde_json::json;

use crate::audit::{Event, NewAuditEntry, Outcome};
use crate::canonical::hex;
use crate::error::{Error, Result};
use crate::identity::StaffMember;
use crate::keys::KeyPair;
use crate::store::Store;
use crate::time::now_micros;

/// How long a credential lasts unless told otherwise.
pub const DEFAULT_CREDENTIAL_DAYS: i64 = 90;

/// A credential just issued: shown once, never stored in the clear.
#[derive(Debug, Clone, Serialize)]
pub struct IssuedCredential {
    pub agent: String,
    /// `c<id>`.
    pub credential: String,
    /// The private key (hex seed): give it to the agent as OPSGATE_AGENT_CREDENTIAL.
    pub private_key: String,
    /// What requests name as their key id.
    pub key_id: String,
    pub expires_at: DateTime<Utc>,
    /// How many earlier credentials this one replaced (revoked).
    pub revoked: u64,
}

/// Issues a new credential for `agent`, revoking those before it (`agent rotate`,
/// and `agent add`). Needs `ops.staff.edit`; audited.
pub async fn issue(store: &Store, person: &StaffMember, agent: &str, days: i64) -> Result<IssuedCredential> {
    crate::rbac::require(person, "ops.staff.edit")?;
    if !(1..=3650).contains(&days) {
        return Err(Error::Usage("a credential lasts 1 to 3650 days".into()));
    }
    let row = store
        .agent_by_name(agent)
        .await?
        .ok_or_else(|| Error::NotFound(format!("no agent named `{agent}`")))?;
    if row.status != "active" {
        return Err(Error::Conflict(format!("agent `{agent}` is disabled: it gets no credential")));
    }
    let key = KeyPair::generate()?;
    let now = now_micros();
    let expires_at = now + Duration::days(days);
    let mut tx = store.begin().await?;
    let revoked = tx.revoke_agent_credentials(row.id, now).await?;
    let id = tx.insert_agent_credential(row.id, &key.public_hex(), person.id, expires_at).await?;
    tx.append_audit(&[NewAuditEntry::by_person(
        person,
        Event::AgentCredentialIssued,
        Outcome::Succeeded,
        json!({"agent": agent, "credential": format!("c{id}"), "key_id": key.public_hex(),
               "expires_at": expires_at.to_rfc3339(), "revoked": revoked}),
    )])
    .await?;
    tx.commit().await?;
    Ok(IssuedCredential {
        agent: agent.to_owned(),
        credential: format!("c{id}"),
        private_key: hex(key.signing_key().as_bytes()),
        key_id: key.public_hex(),
        expires_at,
        revoked,
    })
}

/// Revokes every credential of `agent` in force; returns how many. Needs `ops.staff.edit`; audited.
pub async fn revoke(store: &Store, person: &StaffMember, agent: &str) -> Result<u64> {
    crate::rbac::require(person, "ops.staff.edit")?;
    let row = store
        .agent_by_name(agent)
        .await?
        .ok_or_else(|| Error::NotFound(format!("no agent named `{agent}`")))?;
    let mut tx = store.begin().await?;
    let revoked = tx.revoke_agent_credentials(row.id, now_micros()).await?;
    tx.append_audit(&[NewAuditEntry::by_person(
        person,
        Event::AgentCredentialRevoked,
        Outcome::Succeeded,
        json!({"agent": agent, "revoked": revoked}),
    )])
    .await?;
    tx.commit().await?;
    Ok(revoked)
}

/// The signing key in an OPSGATE_AGENT_CREDENTIAL value (the hex seed `agent add` showed).
pub fn parse_private(text: &str) -> Result<KeyPair> {
    let seed =
        crate::canonical::unhex(text.trim()).and_then(|bytes| <[u8; 32]>::try_from(bytes).ok()).ok_or_else(
            || Error::Usage("OPSGATE_AGENT_CREDENTIAL is not an agent credential (64 hex digits)".into()),
        )?;
    Ok(KeyPair::from_seed(&seed))
}
