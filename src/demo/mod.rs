//! The throwaway demo database: `demo.db` in the data directory, built with
//! seeded RBAC, one test staff member per role and a realistic data set.
//! It is built under a temporary name and renamed into place, so a half-built
//! demo is never used.

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
    remove_db_files(&paths.demo_db())?;
    let key_dir = paths.demo_key_dir();
    if key_dir.exists() {
        std::fs::remove_dir_all(&key_dir)
            .map_err(|e| Error::io(format!("cannot remove {}", key_dir.display()), e))?;
    }
    build(paths).await
}

async fn build(paths: &Paths) -> Result<DemoCounts> {
    std::fs::create_dir_all(&paths.data_dir)
        .map_err(|e| Error::io(format!("cannot create {}", paths.data_dir.display()), e))?;
    let target = paths.demo_db();
    let building = paths.data_dir.join(format!("demo.db.building-{}", std::process::id()));
    remove_db_files(&building)?;
    let result = populate_new(&building, &KeyDir::new(paths.demo_key_dir())).await;
    match result {
        Ok(counts) => {
            std::fs::rename(&building, &target).map_err(|e| {
                Error::io(format!("cannot move the demo database to {}", target.display()), e)
            })?;
            Ok(counts)
        }
        Err(error) => {
            let _ = remove_db_files(&building);
            Err(error)
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

fn remove_db_files(db: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        match std::fs::remove_file(&name) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(format!("cannot remove {}", Path::new(&name).display()), e)),
        }
    }
    Ok(())
}
