//! The audit log as a verifiable log: checkpoints of its Merkle tree signed
//! with the instance's log key, inclusion and consistency proofs, and
//! checking the log against a checkpoint kept elsewhere (truncated, rewritten
//! or recomputed history is caught; an extension passes).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Serialize;

use super::GENESIS_HASH;
use super::checkpoint::{Checkpoint, LogKey, NoteVerifier};
use super::merkle::{self, Frontier, Hash};
use crate::error::{Error, Result};
use crate::store::Store;

/// The instance secret the log key is made from.
pub const LOG_KEY_SECRET: &str = "audit.log_key";

/// The instance's log key (created on first use, sealed with the instance key).
pub async fn log_key(store: &Store) -> Result<LogKey> {
    let secret = store.instance_secret(LOG_KEY_SECRET).await?;
    let seed = <[u8; 32]>::try_from(secret.as_slice())
        .map_err(|_| Error::Internal("the audit log key secret is not 32 bytes".into()))?;
    Ok(LogKey::from_seed(&seed))
}

/// The tree over the first `size` entries, read from their stored chain hashes.
async fn frontier_upto(store: &Store, size: i64) -> Result<Frontier> {
    let mut frontier = Frontier::default();
    let mut expected = 1;
    let mut gap = None;
    store
        .scan_audit_hashes(0, size, |id, hash| {
            if id != expected {
                gap = Some(expected);
                return false;
            }
            frontier.push(merkle::leaf_hash(&hash));
            expected += 1;
            true
        })
        .await?;
    if let Some(missing) = gap.or((expected <= size).then_some(expected)) {
        return Err(Error::AuditBroken(format!("entry {missing} is missing from the audit log")));
    }
    Ok(frontier)
}

/// Every leaf hash of the first `size` entries (for proofs).
async fn leaves_upto(store: &Store, size: i64) -> Result<Vec<Hash>> {
    let mut leaves = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    store
        .scan_audit_hashes(0, size, |_, hash| {
            leaves.push(merkle::leaf_hash(&hash));
            true
        })
        .await?;
    if leaves.len() as i64 != size {
        return Err(Error::AuditBroken(format!(
            "the audit log has {} entries up to {size}: some are missing",
            leaves.len()
        )));
    }
    Ok(leaves)
}

async fn chain_head(store: &Store, size: i64) -> Result<String> {
    if size == 0 {
        return Ok(GENESIS_HASH.to_owned());
    }
    store.audit_hash(size).await?.ok_or_else(|| Error::AuditBroken(format!("entry {size} is missing")))
}

/// A signed checkpoint of the log as it is now, after checking its whole
/// chain (a broken chain is never signed), recorded in the database.
pub async fn checkpoint(store: &Store) -> Result<(Checkpoint, String)> {
    let report = store.verify_audit().await?;
    if let Some(problem) = report.problem {
        return Err(Error::AuditBroken(format!("no checkpoint of a broken log: {problem}")));
    }
    let size = i64::try_from(report.entries).unwrap_or(i64::MAX);
    let frontier = frontier_upto(store, size).await?;
    let key = log_key(store).await?;
    let checkpoint = Checkpoint {
        origin: key.origin.clone(),
        size: report.entries,
        root: frontier.root(),
        chain_head: chain_head(store, size).await?,
    };
    let note = key.sign(&checkpoint);
    store
        .record_checkpoint(
            size,
            &crate::canonical::hex(&checkpoint.root),
            &checkpoint.chain_head,
            &frontier,
            &note,
        )
        .await?;
    Ok((checkpoint, note))
}

/// What checking the log against a kept checkpoint found.
#[derive(Debug, Clone, Serialize)]
pub struct Consistency {
    pub origin: String,
    pub checkpoint_size: u64,
    pub checkpoint_root: String,
    /// Entries in the log now (≥ the checkpoint's).
    pub size: u64,
    /// The root of the tree over all of them.
    pub root: String,
}

/// Checks that the log extends `checkpoint`: it still holds every entry the
/// checkpoint counted, they still hash to its root and end in its chain
/// head. The caller checks the chain itself ([`Store::verify_audit`]).
pub async fn verify_against(store: &Store, checkpoint: &Checkpoint) -> Result<Consistency> {
    let size = store.audit_size().await?;
    let kept = i64::try_from(checkpoint.size).unwrap_or(i64::MAX);
    if size < kept {
        return Err(truncated(size, kept));
    }
    let mut frontier = frontier_upto(store, kept).await?;
    if frontier.root() != checkpoint.root {
        return Err(Error::AuditBroken(format!(
            "the first {kept} entries no longer hash to the checkpoint's root: the log before entry {} was rewritten",
            kept + 1
        )));
    }
    let head = chain_head(store, kept).await?;
    if head != checkpoint.chain_head {
        return Err(Error::AuditBroken(format!(
            "entry {kept}'s hash is not the checkpoint's chain head: the chain was recomputed"
        )));
    }
    store
        .scan_audit_hashes(kept, size, |_, hash| {
            frontier.push(merkle::leaf_hash(&hash));
            true
        })
        .await?;
    Ok(Consistency {
        origin: checkpoint.origin.clone(),
        checkpoint_size: checkpoint.size,
        checkpoint_root: STANDARD.encode(checkpoint.root),
        size: frontier.size(),
        root: STANDARD.encode(frontier.root()),
    })
}

/// Checks the log against `checkpoint` reading only the entries after it:
/// the tree and chain up to it are taken from the checkpoint recorded in the
/// database when it was made, once they match the kept checkpoint's root and
/// chain head. The new entries' chain is checked from that head and the tree
/// extended over them. (An edit in place below the checkpoint that leaves
/// the stored hashes alone is found by a full `audit verify`.)
pub async fn verify_since(
    store: &Store,
    checkpoint: &Checkpoint,
) -> Result<(crate::store::VerifyReport, Consistency)> {
    let size = store.audit_size().await?;
    let kept = i64::try_from(checkpoint.size).unwrap_or(i64::MAX);
    if size < kept {
        return Err(truncated(size, kept));
    }
    let recorded = store.checkpoint_at(kept).await?;
    let mut frontier = recorded
        .as_ref()
        .and_then(|row| row.frontier())
        .filter(|frontier| frontier.root() == checkpoint.root)
        .filter(|_| recorded.as_ref().is_some_and(|row| row.chain_head == checkpoint.chain_head))
        .ok_or_else(|| {
            Error::AuditBroken(format!(
                "this database holds no record matching the checkpoint of {kept} entries: verify without --since-checkpoint (it reads every entry)"
            ))
        })?;
    // The last entry it counted must still carry its hash: a history rewritten
    // with a recomputed chain changes it, even when no entry came after.
    if chain_head(store, kept).await? != checkpoint.chain_head {
        return Err(Error::AuditBroken(format!(
            "entry {kept}'s hash is not the checkpoint's chain head: the log up to it was rewritten"
        )));
    }
    let report =
        store.verify_audit_after(kept, super::ChainVerifier::after(kept, &checkpoint.chain_head)).await?;
    if let Some(problem) = &report.problem {
        return Err(Error::AuditBroken(problem.clone()));
    }
    store
        .scan_audit_hashes(kept, size, |_, hash| {
            frontier.push(merkle::leaf_hash(&hash));
            true
        })
        .await?;
    let consistency = Consistency {
        origin: checkpoint.origin.clone(),
        checkpoint_size: checkpoint.size,
        checkpoint_root: STANDARD.encode(checkpoint.root),
        size: frontier.size(),
        root: STANDARD.encode(frontier.root()),
    };
    Ok((report, consistency))
}

fn truncated(size: i64, kept: i64) -> Error {
    Error::AuditBroken(format!(
        "the audit log was truncated: it has {size} entries, and the checkpoint counted {kept}; entries {} to {kept} are gone",
        size + 1
    ))
}

/// Opens a kept checkpoint with `verifier`, or with this instance's own key.
pub async fn open_checkpoint(
    store: &Store,
    note: &str,
    verifier: Option<&NoteVerifier>,
) -> Result<Checkpoint> {
    match verifier {
        Some(verifier) => verifier.open(note),
        None => log_key(store).await?.verifier().open(note),
    }
}

/// An inclusion proof, as `audit prove` prints it (hashes in base64).
#[derive(Debug, Clone, Serialize)]
pub struct InclusionProof {
    pub entry: i64,
    pub leaf_index: u64,
    pub tree_size: u64,
    /// The entry's chain hash (the leaf's data), hex.
    pub entry_hash: String,
    pub leaf_hash: String,
    pub root: String,
    pub proof: Vec<String>,
}

/// The proof that entry `id` is in the tree of the first `size` entries.
pub async fn prove_inclusion(store: &Store, id: i64, size: Option<i64>) -> Result<InclusionProof> {
    let size = match size {
        Some(size) => size,
        None => store.audit_size().await?,
    };
    if id < 1 || id > size {
        return Err(Error::NotFound(format!("no audit entry {id} in a tree of {size} entries")));
    }
    let leaves = leaves_upto(store, size).await?;
    let index = usize::try_from(id - 1).unwrap_or(usize::MAX);
    Ok(InclusionProof {
        entry: id,
        leaf_index: index as u64,
        tree_size: size as u64,
        entry_hash: chain_head(store, id).await?,
        leaf_hash: STANDARD.encode(leaves[index]),
        root: STANDARD.encode(merkle::root(&leaves)),
        proof: merkle::inclusion_proof(&leaves, index).iter().map(|h| STANDARD.encode(h)).collect(),
    })
}

/// A consistency proof between two tree sizes.
#[derive(Debug, Clone, Serialize)]
pub struct ConsistencyProof {
    pub old_size: u64,
    pub old_root: String,
    pub tree_size: u64,
    pub root: String,
    pub proof: Vec<String>,
}

/// The proof that the tree of the first `old` entries is a prefix of the tree of the first `size`.
pub async fn prove_consistency(store: &Store, old: i64, size: Option<i64>) -> Result<ConsistencyProof> {
    let size = match size {
        Some(size) => size,
        None => store.audit_size().await?,
    };
    if old < 1 || old > size {
        return Err(Error::Usage(format!("a consistency proof goes from 1 to {size} entries, not {old}")));
    }
    let leaves = leaves_upto(store, size).await?;
    let old_index = usize::try_from(old).unwrap_or(usize::MAX);
    Ok(ConsistencyProof {
        old_size: old as u64,
        old_root: STANDARD.encode(merkle::root(&leaves[..old_index])),
        tree_size: size as u64,
        root: STANDARD.encode(merkle::root(&leaves)),
        proof: merkle::consistency_proof(&leaves, old_index).iter().map(|h| STANDARD.encode(h)).collect(),
    })
}
