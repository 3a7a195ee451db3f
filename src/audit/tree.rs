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

/// The instance's log key, sealed with the instance key. It is made the
/// first time a checkpoint is signed, and never again: once checkpoints
/// were signed, a missing or different key means it was deleted or
/// replaced, and nothing is signed or vouched for with another.
pub async fn log_key(store: &Store) -> Result<LogKey> {
    let recorded = store.latest_checkpoint().await?;
    if recorded.is_some() && !store.has_instance_secret(LOG_KEY_SECRET).await? {
        return Err(Error::AuditBroken(
            "the audit log key is missing, and checkpoints were signed with it: it was deleted; nothing is signed or checked with a new one (verify with --key KEY, the key you pinned)".into(),
        ));
    }
    let secret = store.instance_secret(LOG_KEY_SECRET).await?;
    let seed = <[u8; 32]>::try_from(secret.as_slice())
        .map_err(|_| Error::Internal("the audit log key secret is not 32 bytes".into()))?;
    let key = LogKey::from_seed(&seed);
    if let Some(row) = recorded
        && row.note.lines().next() != Some(key.origin.as_str())
    {
        return Err(Error::AuditBroken(format!(
            "the audit log key was replaced: checkpoints were signed as `{}`, the key now is `{}`",
            row.note.lines().next().unwrap_or_default(),
            key.origin
        )));
    }
    Ok(key)
}

/// Refuses a log that no longer extends the last checkpoint recorded in it:
/// shorter than it, or with another hash at its size.
pub async fn check_recorded(store: &Store) -> Result<()> {
    let Some(row) = store.latest_checkpoint().await? else {
        return Ok(());
    };
    let size = store.audit_size().await?;
    if size < row.tree_size {
        return Err(Error::AuditBroken(format!(
            "the audit log was truncated: it has {size} entries, and a checkpoint was recorded at {}",
            row.tree_size
        )));
    }
    if store.audit_hash(row.tree_size).await?.as_deref() != Some(row.chain_head.as_str()) {
        return Err(Error::AuditBroken(format!(
            "entry {} no longer has the hash recorded in the checkpoint of {} entries: the log up to it was rewritten",
            row.tree_size, row.tree_size
        )));
    }
    Ok(())
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

/// A signed checkpoint of the log as it is now, recorded in the database. A
/// broken chain is never signed: the entries since the last recorded
/// checkpoint are checked from its chain head (all of them when there is
/// none, or when it no longer matches the log), and its tree is extended.
pub async fn checkpoint(store: &Store) -> Result<(Checkpoint, String)> {
    // A fork of what was already signed is never signed.
    check_recorded(store).await?;
    let key = log_key(store).await?;
    let last = store.latest_checkpoint().await?;
    let mut start = None;
    if let Some(row) = &last
        && let Some(frontier) = row.frontier()
        && crate::canonical::hex(&frontier.root()) == row.root
    {
        start = Some((row.tree_size, row.chain_head.clone(), frontier));
    }
    let (after, verifier, mut frontier) = match start {
        Some((size, head, frontier)) => (size, super::ChainVerifier::after(size, &head), frontier),
        None => (0, super::ChainVerifier::default(), Frontier::default()),
    };
    let report = store.verify_audit_after(after, verifier).await?;
    if let Some(problem) = report.problem {
        return Err(Error::AuditBroken(format!("no checkpoint of a broken log: {problem}")));
    }
    let size = after + i64::try_from(report.entries).unwrap_or(i64::MAX - after);
    store
        .scan_audit_hashes(after, size, |_, hash| {
            frontier.push(merkle::leaf_hash(&hash));
            true
        })
        .await?;
    if frontier.size() != size as u64 {
        return Err(Error::AuditBroken(format!(
            "the audit log changed while it was checkpointed at {size} entries"
        )));
    }
    let checkpoint = Checkpoint {
        origin: key.origin.clone(),
        size: size as u64,
        root: frontier.root(),
        chain_head: report.head,
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

/// The ops_config keys that say how often long-running processes record checkpoints.
pub const CHECKPOINT_EVERY_ENTRIES: &str = "audit.checkpoint_every_entries";
pub const CHECKPOINT_EVERY_MINUTES: &str = "audit.checkpoint_every_minutes";

/// A checkpoint when the last one is at least `audit.checkpoint_every_entries`
/// entries (default 10,000) or `audit.checkpoint_every_minutes` (default 60)
/// behind and the log grew since; `None` when none is due.
pub async fn checkpoint_if_due(store: &Store) -> Result<Option<(Checkpoint, String)>> {
    let settings = crate::settings::Settings::load(store).await?;
    let setting = |key: &str, default: i64| {
        settings.value(key).and_then(|v| v.trim().parse::<i64>().ok()).filter(|v| *v > 0).unwrap_or(default)
    };
    let (every_entries, every_minutes) =
        (setting(CHECKPOINT_EVERY_ENTRIES, 10_000), setting(CHECKPOINT_EVERY_MINUTES, 60));
    let size = store.audit_size().await?;
    let last = store.latest_checkpoint().await?;
    let (last_size, last_at) = match &last {
        Some(row) => (row.tree_size, Some(row.created_at)),
        None => (0, None),
    };
    let grown = size - last_size;
    let old =
        last_at.is_none_or(|at| crate::time::now_micros() - at >= chrono::Duration::minutes(every_minutes));
    if grown <= 0 || (grown < every_entries && !old) {
        return Ok(None);
    }
    checkpoint(store).await.map(Some)
}

/// Records checkpoints as they fall due, every minute, until the process
/// ends; each new one is appended to `sink` (a file kept, or shipped off the
/// machine, by the operator) when one is given.
pub async fn keep_checkpoints(store: Store, sink: Option<std::path::PathBuf>) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
    loop {
        every.tick().await;
        match checkpoint_if_due(&store).await {
            Ok(Some((_, note))) => {
                if let Some(path) = &sink
                    && let Err(error) = append_note(path, &note)
                {
                    eprintln!("opsgate: cannot append the audit checkpoint to {}: {error}", path.display());
                }
            }
            Ok(None) => {}
            // A broken chain is for `audit verify` to name; nothing is signed meanwhile.
            Err(error) => eprintln!("opsgate: no audit checkpoint: {error}"),
        }
    }
}

/// Appends one checkpoint note (and a blank line) to `path`, creating it 0600.
pub fn append_note(path: &std::path::Path, note: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(format!("{note}\n").as_bytes())
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
    if let Some(entry) = store.audit_entry(kept).await?
        && super::entry_hash(&entry.hashed_fields()) != entry.hash
    {
        return Err(Error::AuditBroken(format!(
            "audit chain broken at entry {kept}: its content was altered"
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

/// The tree size a proof is made against: the log now, or a size it has reached.
async fn tree_size(store: &Store, asked: Option<i64>) -> Result<i64> {
    let size = store.audit_size().await?;
    match asked {
        None => Ok(size),
        Some(asked) if (1..=size).contains(&asked) => Ok(asked),
        Some(asked) => Err(Error::Usage(format!("--size {asked}: the log has 1 to {size} entries"))),
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
    let size = tree_size(store, size).await?;
    if id < 1 || id > size {
        return Err(Error::Usage(format!("entry {id}: a tree of {size} entries holds entries 1 to {size}")));
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
    let size = tree_size(store, size).await?;
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
