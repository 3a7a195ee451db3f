//! The throwaway demo: `demo/` in the data directory, holding `demo.db` (seeded
//! RBAC, one test staff member per role and a realistic data set) and `keys/`
//! (those staff members' private keys). Both are built in a private directory
//! renamed into place, so a half-built demo, or keys from another build, are
//! never used.

mod data;

use std::path::Path;

use serde_json::json;

use crate::audit::{Actor, Event, NewAuditEntry, Outcome};
use crate::error::{Error, Result};
use crate::keys::KeyDir;
use crate::paths::Paths;
use crate::rbac::{ResolvedSeed, apply_seed};
use crate::store::{DbLocation, Store};
use crate::time::now_micros;

pub use data::{DemoCounts, populate};

/// Creates the demo database when it does not exist yet.
pub async fn ensure(paths: &Paths) -> Result<()> {
    if paths.demo_db().exists() {
        return Ok(());
    }
    build(paths).await.map(|_| ())
}

/// Deletes and rebuilds the demo database and its keys.
pub async fn reset(paths: &Paths) -> Result<DemoCounts> {
    // Moved aside in one step, so that no process finds half a demo.
    let demo = paths.demo_dir();
    let old = paths.data_dir.join(format!(".demo.old-{}", unique_suffix()));
    match std::fs::rename(&demo, &old) {
        Ok(()) => remove_dir(&old)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io(format!("cannot remove {}", demo.display()), e)),
    }
    build(paths).await
}

/// Builds the database and the keys together in a private directory and
/// renames it into place: processes that start at once each build one, the
/// first rename wins and the others use it, so the keys on disk always match
/// the database.
async fn build(paths: &Paths) -> Result<DemoCounts> {
    std::fs::create_dir_all(&paths.data_dir)
        .map_err(|e| Error::io(format!("cannot create {}", paths.data_dir.display()), e))?;
    sweep_abandoned(&paths.data_dir);
    let building = paths.data_dir.join(format!(".demo.building-{}", unique_suffix()));
    create_private_dir(&building)?;
    let counts = match populate_new(&building.join("demo.db"), &KeyDir::new(building.join("keys"))).await {
        Ok(counts) => counts,
        Err(error) => {
            let _ = remove_dir(&building);
            return Err(error);
        }
    };
    let demo = paths.demo_dir();
    match std::fs::rename(&building, &demo) {
        Ok(()) => Ok(counts),
        // Another process moved its demo into place first: that one is used.
        Err(_) if paths.demo_db().exists() => {
            remove_dir(&building)?;
            Ok(counts)
        }
        Err(e) => {
            let _ = remove_dir(&building);
            Err(Error::io(
                format!(
                    "cannot move the demo into {} (`opsgate demo reset` starts it afresh)",
                    demo.display()
                ),
                e,
            ))
        }
    }
}

/// Distinct across processes and across builds in one process.
fn unique_suffix() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!("{}-{nanos}", std::process::id())
}

fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))
}

fn remove_dir(dir: &Path) -> Result<()> {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(format!("cannot remove {}", dir.display()), e)),
    }
}

/// Removes what builds and resets that were killed part-way left behind (an
/// hour is far longer than any build takes).
fn sweep_abandoned(data_dir: &Path) {
    let Ok(entries) = std::fs::read_dir(data_dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let abandoned = (name.starts_with(".demo.building-") || name.starts_with(".demo.old-"))
            && entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|at| at.elapsed().is_ok_and(|age| age.as_secs() > 3600));
        if abandoned {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

async fn populate_new(path: &Path, key_dir: &KeyDir) -> Result<DemoCounts> {
    let store = Store::open(&DbLocation::Sqlite(path.to_owned())).await?;
    let actor = Actor { kind: crate::audit::ActorKind::System, id: "opsgate-demo".into() };
    apply_seed(&store, &ResolvedSeed::builtin(), actor.clone(), Some(key_dir)).await?;
    crate::runbooks::index_examples(&store, actor.clone()).await?;
    let mut tx = store.begin().await?;
    let counts = populate(&mut tx, now_micros()).await?;
    tx.append_audit(&[NewAuditEntry::new(actor, Event::DemoCreate, Outcome::Succeeded)
        .result(serde_json::to_value(&counts).unwrap_or_else(|_| json!({})))])
        .await?;
    tx.commit().await?;
    // Closing checkpoints the WAL into the file, so the rename moves everything.
    store.close().await;
    Ok(counts)
}
