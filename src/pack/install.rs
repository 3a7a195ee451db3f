//! Adding and removing packs: the text stored with its SHA-256, its
//! permissions created, and an audit entry, in one transaction. Only a
//! person holding `system.admin` may, whatever surface asks.

use serde_json::json;

use super::Pack;
use crate::audit::{Actor, Event, NewAuditEntry, Outcome};
use crate::error::{Error, Result};
use crate::identity::StaffMember;
use crate::store::Store;

/// Whether `person` may add and remove packs, asked before a file is even read.
pub fn may_manage(person: &StaffMember) -> Result<()> {
    crate::rbac::require(person, "system.admin")
}

/// Stores `pack` (read from `file`), replacing an added one of its name only
/// when `replace` is set, and checks that the catalog with it still builds.
pub async fn add(store: &Store, person: &StaffMember, pack: &Pack, file: &str, replace: bool) -> Result<()> {
    may_manage(person)?;
    let mut tx = store.begin().await?;
    let previous = tx.pack(&pack.name).await?;
    if let Some(previous) = &previous
        && !replace
    {
        return Err(Error::Conflict(format!(
            "pack `{}` is already added (sha256 {}); pass --replace to replace it",
            pack.name,
            &previous.sha256[..12]
        )));
    }
    tx.put_pack(&pack.name, &pack.text, &pack.sha256, person.id).await?;
    let mut created = Vec::new();
    for (name, description) in &pack.permissions {
        if tx.ensure_permission(name, description).await? {
            created.push(name.clone());
        }
    }
    let payload = json!({
        "pack": pack.name, "sha256": pack.sha256, "file": file,
        "replaced": previous.map(|p| p.sha256),
        "actions": pack.actions.iter().map(|a| &a.name).collect::<Vec<_>>(),
        "permissions_created": created,
    });
    tx.append_audit(&[NewAuditEntry::new(
        Actor::person(&person.email),
        Event::PackAdded,
        Outcome::Succeeded,
    )
    .subject(&person.email)
    .payload(payload)])
        .await?;
    tx.commit().await?;
    // The catalog with it must build: fail now rather than on the next plan.
    store.catalog().await?;
    Ok(())
}

/// Removes the added pack `name`; returns the SHA-256 it had. Its
/// permissions stay, so grants of them are not lost silently.
pub async fn remove(store: &Store, person: &StaffMember, name: &str) -> Result<String> {
    may_manage(person)?;
    let mut tx = store.begin().await?;
    let Some(row) = tx.pack(name).await? else {
        return Err(Error::NotFound(format!("no pack `{name}` is added; `opsgate pack list` lists them")));
    };
    tx.delete_pack(name).await?;
    tx.append_audit(&[NewAuditEntry::new(
        Actor::person(&person.email),
        Event::PackRemoved,
        Outcome::Succeeded,
    )
    .subject(&person.email)
    .payload(json!({"pack": name, "sha256": row.sha256}))])
        .await?;
    tx.commit().await?;
    Ok(row.sha256)
}
