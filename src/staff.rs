//! Managing people: adding staff, changing roles, registering keys. Every
//! change is authorized, written and audited in one transaction.

use serde::Serialize;
use serde_json::json;

use crate::audit::{Actor, Event, NewAuditEntry, Outcome};
use crate::enrolment::Invitation;
use crate::error::{Error, Result};
use crate::identity::StaffMember;
use crate::keys::{KeyDir, KeyPair, WrittenFiles};
use crate::rbac::{grantable_role, require};
use crate::store::{KeyRow, Store};

/// Who is making a staff change: a person (who must hold the permission), or
/// the system bootstrapping the very first staff member of an empty database.
pub enum Changer<'a> {
    Person(&'a StaffMember),
    Bootstrap,
}

impl Changer<'_> {
    fn actor(&self) -> Actor {
        match self {
            Changer::Person(person) => Actor::person(&person.email),
            Changer::Bootstrap => Actor::system(),
        }
    }
}

/// The result of a staff change, for rendering.
#[derive(Debug, Serialize)]
pub struct StaffChange {
    pub email: String,
    pub role: String,
    pub change: &'static str,
    pub public_key: Option<String>,
    pub private_key_file: Option<String>,
    /// The enrolment code the new member registers their key with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enrolment: Option<Invitation>,
}

/// Adds a staff member. A person needs `ops.staff.edit` and may only give a
/// role they could grant; the new member gets an enrolment code and generates
/// their key on their own machine. Without anyone acting, only the first staff
/// member of an empty database may be created: that is someone setting up
/// their own account, so `key_dir` may then receive their key.
pub async fn add(
    store: &Store,
    changer: Changer<'_>,
    email: &str,
    name: &str,
    role: &str,
    key_dir: Option<&KeyDir>,
) -> Result<StaffChange> {
    crate::email::validate(email)?;
    if let Some(target) = store.identity_target() {
        return Err(Error::Config(format!(
            "people are read from {} (`identities: target`): add {email} there, then give them an enrolment code with `opsgate staff invite {email}`",
            target.shown()
        )));
    }
    let grant = match &changer {
        Changer::Person(person) => {
            require(person, "ops.staff.edit")?;
            if key_dir.is_some() {
                return Err(Error::Usage(format!(
                    "--keygen only sets up your own first account: {email} generates their key on their own machine with the enrolment code `staff add` prints (`opsgate staff keygen --code CODE`)"
                )));
            }
            Some(grantable_role(store, person, role).await?)
        }
        Changer::Bootstrap if store.count_staff().await? > 0 => {
            return Err(Error::Usage(
                "staff already exist: pass --as EMAIL of someone with `ops.staff.edit`".into(),
            ));
        }
        Changer::Bootstrap => None,
    };
    let mut tx = store.begin().await?;
    let staff_id = tx.insert_staff(email, name, role).await?;
    let mut written = WrittenFiles::default();
    let (mut public_key, mut key_file, mut key_id) = (None, None, None);
    if let Some(dir) = key_dir {
        let key = KeyPair::generate()?;
        key_id = Some(tx.register_key(staff_id, &key.public_hex()).await?);
        let path = dir.write(email, &key)?;
        key_file = Some(path.display().to_string());
        written.push(path);
        public_key = Some(key.public_hex());
    }
    tx.append_audit(&[NewAuditEntry::new(changer.actor(), Event::StaffAdd, Outcome::Succeeded)
        .subject(email)
        .payload(json!({"email": email, "name": name, "role": role}))
        .result(json!({"staff_id": staff_id, "key_id": key_id, "public_key": public_key}))])
        .await?;
    let enrolment = match (&changer, grant) {
        (Changer::Person(inviter), Some(grant)) => {
            let invitee = StaffMember {
                id: staff_id,
                email: email.to_owned(),
                name: name.to_owned(),
                role: role.to_owned(),
                level: grant.level,
                status: "active".into(),
                permissions: grant.permissions,
            };
            Some(crate::enrolment::issue(&mut tx, inviter, &invitee).await?)
        }
        _ => None,
    };
    tx.commit().await?;
    written.committed();
    Ok(StaffChange {
        email: email.to_owned(),
        role: role.to_owned(),
        change: "added",
        public_key,
        private_key_file: key_file,
        enrolment,
    })
}

/// How a person shows they hold a registered key, beyond naming themselves.
#[derive(Debug, Clone)]
pub enum KeyProof {
    /// Their private key is in this directory (the command line on their machine).
    Local(KeyDir),
    /// They signed this request with registered key `k<id>` (team mode).
    SignedRequest { key_id: i64 },
    /// Nothing: an agent's request, or no key at all.
    None,
}

impl KeyProof {
    /// The id of the registered, unrevoked key this proves, if any.
    pub async fn key_id(&self, store: &Store, person: &StaffMember) -> Result<Option<i64>> {
        match self {
            KeyProof::Local(key_dir) => current_key_id(store, person, key_dir).await,
            KeyProof::SignedRequest { key_id } => Ok(Some(*key_id)),
            KeyProof::None => Ok(None),
        }
    }

    /// Where the key was looked for, for messages.
    pub fn shown(&self, email: &str) -> String {
        match self {
            KeyProof::Local(key_dir) => key_dir.shown_path(email),
            KeyProof::SignedRequest { key_id } => format!("k{key_id}"),
            KeyProof::None => "a request signed by a person's own key".into(),
        }
    }
}

/// What proves that a presented public key's private half is held by whoever
/// registers it: its signature of this statement.
pub fn possession_statement(email: &str, public_hex: &str) -> String {
    format!("opsgate-key-possession-v1\n{}\n{}", email.to_ascii_lowercase(), public_hex.to_ascii_lowercase())
}

/// Generates a new key for the acting person on this machine and registers it;
/// older keys stay registered so that signatures made with them still verify.
pub async fn keygen(
    store: &Store,
    person: &StaffMember,
    key_dir: &KeyDir,
    code: Option<&str>,
) -> Result<StaffChange> {
    let key = KeyPair::generate()?;
    let proof = KeyProof::Local(key_dir.clone());
    register_key(store, person, &proof, code, &key.public_hex()).await?;
    // Written only after the commit: a failed registration must not replace the
    // private key the person already holds.
    let path = key_dir.write(&person.email, &key)?;
    Ok(StaffChange {
        email: person.email.clone(),
        role: person.role.clone(),
        change: "key registered",
        public_key: Some(key.public_hex()),
        private_key_file: Some(path.display().to_string()),
        enrolment: None,
    })
}

/// Registers `public_hex` as the person's key. Needs proof beyond naming
/// oneself: the person's current registered key (a rotation), or — when they
/// have none — an enrolment code issued for them. Audited.
pub async fn register_key(
    store: &Store,
    person: &StaffMember,
    proof: &KeyProof,
    code: Option<&str>,
    public_hex: &str,
) -> Result<i64> {
    let (authorized_by, enrolment) = match (proof.key_id(store, person).await?, code) {
        (Some(key_id), _) => (format!("rotation from k{key_id}"), None),
        (None, Some(code)) => {
            ("enrolment code".to_owned(), Some(crate::enrolment::check(store, person, code).await?))
        }
        (None, None) => {
            return Err(Error::Denied(format!(
                "registering a key for {} needs their current registered key in {} (to rotate it), or an enrolment code from someone with `ops.staff.edit` (`opsgate staff invite {}`), given with --code",
                person.email,
                proof.shown(&person.email),
                person.email
            )));
        }
    };
    if store.key_by_public(public_hex).await?.is_some() {
        return Err(Error::Conflict("that public key is already registered".into()));
    }
    let mut tx = store.begin().await?;
    if let Some(id) = enrolment
        && !tx.use_enrolment(id).await?
    {
        drop(tx);
        return Err(crate::enrolment::refuse(store, person, "it was used meanwhile").await);
    }
    let key_id = tx.register_key(person.id, public_hex).await?;
    tx.append_audit(&[NewAuditEntry::new(
        Actor::person(&person.email),
        Event::StaffKeygen,
        Outcome::Succeeded,
    )
    .subject(&person.email)
    .payload(json!({"authorized_by": authorized_by}))
    .result(json!({"key_id": key_id, "public_key": public_hex}))])
        .await?;
    tx.commit().await?;
    Ok(key_id)
}

/// The id of `person`'s registered, unrevoked key whose private half is in `key_dir`.
pub async fn current_key_id(store: &Store, person: &StaffMember, key_dir: &KeyDir) -> Result<Option<i64>> {
    if !key_dir.path_for(&person.email)?.exists() {
        return Ok(None);
    }
    let key = key_dir.read(&person.email)?;
    Ok(store
        .key_by_public(&key.public_hex())
        .await?
        .filter(|k| k.staff_id == person.id && k.revoked_at.is_none())
        .map(|k| k.id))
}

/// Revokes a registered key: approvals signed with it stop counting. Needs
/// `ops.staff.edit`, except for one's own key (revoking only ever takes power away).
pub async fn revoke_key(store: &Store, person: &StaffMember, key_id: i64, reason: &str) -> Result<KeyRow> {
    let key = store.key_by_id(key_id).await?.ok_or_else(|| Error::NotFound(format!("no key k{key_id}")))?;
    if key.staff_id != person.id {
        require(person, "ops.staff.edit")?;
    }
    if key.revoked_at.is_some() {
        return Err(Error::Conflict(format!("key k{key_id} of {} is already revoked", key.email)));
    }
    let mut tx = store.begin().await?;
    if !tx.revoke_key(key_id, person.id, reason).await? {
        return Err(Error::Conflict(format!("key k{key_id} was revoked meanwhile")));
    }
    tx.append_audit(&[NewAuditEntry::new(
        Actor::person(&person.email),
        Event::StaffKeyRevoked,
        Outcome::Succeeded,
    )
    .subject(&key.email)
    .payload(json!({"key_id": key_id, "public_key": key.public_key, "reason": reason}))])
        .await?;
    tx.commit().await?;
    store.key_by_id(key_id).await?.ok_or_else(|| Error::NotFound(format!("no key k{key_id}")))
}
