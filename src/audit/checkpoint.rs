//! Signed checkpoints of the audit log's Merkle tree, in the C2SP
//! tlog-checkpoint format (origin, tree size, base64 root hash, extension
//! lines) as an Ed25519 signed note (C2SP signed-note): kept off the machine,
//! a checkpoint is what a truncated or rewritten log is caught against.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use sha2::{Digest, Sha256};

use super::merkle::Hash;
use crate::error::{Error, Result};

/// The signature algorithm byte of Ed25519 in signed notes.
const ED25519: u8 = 0x01;
/// The extension line carrying the hash chain's head at this size.
const CHAIN_HEAD: &str = "opsgate-chain-head ";

/// What a checkpoint says about the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub origin: String,
    pub size: u64,
    pub root: Hash,
    /// The chain hash of entry `size` (the genesis hash for an empty log).
    pub chain_head: String,
}

/// The log's signing key, named by its origin.
pub struct LogKey {
    pub origin: String,
    signing: SigningKey,
}

impl LogKey {
    /// The key made from the instance's 32-byte log secret.
    pub fn from_seed(seed: &[u8; 32]) -> LogKey {
        let signing = SigningKey::from_bytes(seed);
        let origin = origin_of(&signing.verifying_key());
        LogKey { origin, signing }
    }

    pub fn verifier(&self) -> NoteVerifier {
        NoteVerifier { name: self.origin.clone(), key: self.signing.verifying_key() }
    }

    /// The checkpoint's signed note.
    pub fn sign(&self, checkpoint: &Checkpoint) -> String {
        let body = checkpoint.body();
        let signature = self.signing.sign(body.as_bytes());
        let mut blob = key_hash(&self.origin, &self.signing.verifying_key()).to_vec();
        blob.extend_from_slice(&signature.to_bytes());
        format!("{body}\n\u{2014} {} {}\n", self.origin, STANDARD.encode(blob))
    }
}

/// `opsgate.local/audit/<first 16 hex digits of the public key's SHA-256>`: one
/// name per instance, so that checkpoints of two instances are never confused.
fn origin_of(key: &VerifyingKey) -> String {
    let digest = Sha256::digest(key.as_bytes());
    format!("opsgate.local/audit/{}", crate::canonical::hex(&digest[..8]))
}

/// The signed-note key hash: the first 4 bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key).
fn key_hash(name: &str, key: &VerifyingKey) -> [u8; 4] {
    let mut hasher = Sha256::new();
    hasher.update(name.as_bytes());
    hasher.update(b"\n");
    hasher.update([ED25519]);
    hasher.update(key.as_bytes());
    let digest = hasher.finalize();
    [digest[0], digest[1], digest[2], digest[3]]
}

impl Checkpoint {
    /// The note's text: origin, size, root, the chain head line; newline-terminated.
    pub fn body(&self) -> String {
        format!(
            "{}\n{}\n{}\n{CHAIN_HEAD}{}\n",
            self.origin,
            self.size,
            STANDARD.encode(self.root),
            self.chain_head
        )
    }
}

/// Who checkpoints are checked against: `name+hex(key hash)+base64(0x01 ‖ key)`.
#[derive(Debug, Clone)]
pub struct NoteVerifier {
    pub name: String,
    key: VerifyingKey,
}

impl NoteVerifier {
    /// The verifier key in the signed-note text form.
    pub fn encoded(&self) -> String {
        let mut blob = vec![ED25519];
        blob.extend_from_slice(self.key.as_bytes());
        format!(
            "{}+{}+{}",
            self.name,
            crate::canonical::hex(&key_hash(&self.name, &self.key)),
            STANDARD.encode(blob)
        )
    }

    pub fn parse(text: &str) -> Result<NoteVerifier> {
        let bad = || Error::Usage(format!("`{}` is not a verifier key (name+hash+base64)", text.trim()));
        let mut parts = text.trim().splitn(3, '+');
        let (Some(name), Some(hash), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        let blob = STANDARD.decode(key).map_err(|_| bad())?;
        let [ED25519, rest @ ..] = blob.as_slice() else {
            return Err(bad());
        };
        let key = <[u8; 32]>::try_from(rest)
            .ok()
            .and_then(|k| VerifyingKey::from_bytes(&k).ok())
            .ok_or_else(bad)?;
        let verifier = NoteVerifier { name: name.to_owned(), key };
        if crate::canonical::hex(&key_hash(name, &key)) != hash {
            return Err(bad());
        }
        Ok(verifier)
    }

    /// The checkpoint a signed note carries, once its signature by this key
    /// holds: a malformed note is a usage error (exit 2), a signature that
    /// does not verify is [`Error::TokenInvalid`] (exit 5).
    pub fn open(&self, note: &str) -> Result<Checkpoint> {
        let malformed = |why: &str| Error::Usage(format!("the checkpoint is malformed: {why}"));
        let forged =
            |why: String| Error::TokenInvalid(format!("the checkpoint's signature is not valid: {why}"));
        let (body, signatures) = note
            .split_once("\n\n")
            .map(|(body, rest)| (format!("{body}\n"), rest))
            .ok_or_else(|| malformed("no signature block after the text"))?;
        let expected = key_hash(&self.name, &self.key);
        // Every signature that claims this key must verify (as Go's note.Open asks), and one must.
        let mut signed = false;
        for line in signatures.lines().filter_map(|line| line.strip_prefix("\u{2014} ")) {
            let Some((name, blob)) = line.split_once(' ') else {
                return Err(malformed("a signature line without a key name"));
            };
            let blob =
                STANDARD.decode(blob.trim()).map_err(|_| malformed("a signature that is not base64"))?;
            if name != self.name || blob.len() < 4 || blob[..4] != expected {
                continue;
            }
            let valid = Signature::from_slice(&blob[4..])
                .is_ok_and(|signature| self.key.verify(body.as_bytes(), &signature).is_ok());
            if !valid {
                return Err(forged(format!("a signature by {} does not verify", self.name)));
            }
            signed = true;
        }
        if !signed {
            return Err(forged(format!("no valid signature by {}", self.name)));
        }
        let lines: Vec<&str> = body.lines().collect();
        let [origin, size, root, extensions @ ..] = lines.as_slice() else {
            return Err(malformed("fewer than three lines"));
        };
        if *origin != self.name {
            return Err(forged(format!("its origin is `{origin}`, not `{}`", self.name)));
        }
        let canonical = !size.is_empty()
            && size.bytes().all(|b| b.is_ascii_digit())
            && (*size == "0" || !size.starts_with('0'));
        let size = size
            .parse::<u64>()
            .ok()
            .filter(|_| canonical)
            .ok_or_else(|| malformed("the tree size is not a number"))?;
        if i64::try_from(size).is_err() {
            return Err(malformed("the tree size is out of range"));
        }
        let root = STANDARD
            .decode(root)
            .ok()
            .and_then(|b| <Hash>::try_from(b.as_slice()).ok())
            .ok_or_else(|| malformed("the root is not a base64 SHA-256"))?;
        let heads: Vec<&str> = extensions.iter().filter_map(|l| l.strip_prefix(CHAIN_HEAD)).collect();
        let [chain_head] = heads.as_slice() else {
            return Err(malformed("not exactly one chain head line"));
        };
        Ok(Checkpoint { origin: (*origin).to_owned(), size, root, chain_head: (*chain_head).to_owned() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_checkpoint_opens_with_its_key_and_not_with_another_or_when_edited() {
        let key = LogKey::from_seed(&[7; 32]);
        let checkpoint =
            Checkpoint { origin: key.origin.clone(), size: 42, root: [9; 32], chain_head: "ab".repeat(32) };
        let note = key.sign(&checkpoint);
        let verifier = NoteVerifier::parse(&key.verifier().encoded()).unwrap();
        assert_eq!(verifier.open(&note).unwrap(), checkpoint);
        assert!(
            note.lines().nth(4).unwrap().is_empty() && note.lines().nth(5).unwrap().starts_with("\u{2014} ")
        );
        let edited = note.replacen("\n42\n", "\n41\n", 1);
        assert!(verifier.open(&edited).is_err());
        let other = LogKey::from_seed(&[8; 32]);
        let forged = other.sign(&Checkpoint { origin: key.origin.clone(), ..checkpoint });
        assert!(verifier.open(&forged).is_err());
        assert!(NoteVerifier::parse("not a key").is_err());
    }
}
