//! Secrets at rest. TOTP secrets and the confirmation-token key are stored
//! sealed — XChaCha20-Poly1305 with a random nonce per value — under an
//! instance key kept outside the database (a 0600 file; a server's own
//! configuration in team mode). Reading the database alone then mints no
//! token and computes no code. Each value is bound to what it is for (the
//! AEAD's associated data), so a sealed value copied onto another row or
//! another purpose does not open.
//!
//! Stored form: `sealed:v1:<key id>:<hex nonce ‖ ciphertext>`, where the key
//! id (the first 8 bytes of the key's SHA-256) says which instance key sealed it.

use std::path::{Path, PathBuf};

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

use crate::canonical::{hex, sha256_hex, unhex};
use crate::error::{Error, Result};

const PREFIX: &str = "sealed:v1:";
const KEY_FILE_HEADER: &str = "opsgate-instance-key-v1";
const NONCE_BYTES: usize = 24;

/// The instance key, and where it came from (for messages).
pub struct Sealer {
    cipher: XChaCha20Poly1305,
    id: String,
    source: PathBuf,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Sealer(key {} from {})", self.id, self.source.display())
    }
}

impl Sealer {
    /// Reads the instance key at `path`, creating it (0600, in a 0700
    /// directory) when missing. Processes that create it at once agree on one:
    /// the first file linked into place wins.
    pub fn load_or_create(path: &Path) -> Result<Sealer> {
        match std::fs::read_to_string(path) {
            Ok(text) => return Sealer::parse(path, &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(format!("cannot read the instance key {}", path.display()), e)),
        }
        let mut key = [0u8; 32];
        getrandom::fill(&mut key).map_err(|e| Error::Internal(format!("no randomness available: {e}")))?;
        write_new_key_file(path, &key)?;
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::io(format!("cannot read the instance key {}", path.display()), e))?;
        Sealer::parse(path, &text)
    }

    fn parse(path: &Path, text: &str) -> Result<Sealer> {
        let bad = || Error::Config(format!("{} is not an opsgate instance key file", path.display()));
        let mut lines = text.lines();
        if lines.next() != Some(KEY_FILE_HEADER) {
            return Err(bad());
        }
        let bytes = lines.next().and_then(|l| unhex(l.trim())).ok_or_else(bad)?;
        let key: [u8; 32] = bytes.try_into().map_err(|_| bad())?;
        Ok(Sealer::from_key(key, path.to_owned()))
    }

    fn from_key(key: [u8; 32], source: PathBuf) -> Sealer {
        let id = sha256_hex(&key)[..16].to_owned();
        let cipher = XChaCha20Poly1305::new_from_slice(&key).unwrap_or_else(|_| unreachable!("32-byte key"));
        Sealer { cipher, id, source }
    }

    /// A key that lives only in this process, for tests and benchmarks.
    pub fn ephemeral() -> Result<Sealer> {
        let mut key = [0u8; 32];
        getrandom::fill(&mut key).map_err(|e| Error::Internal(format!("no randomness available: {e}")))?;
        Ok(Sealer::from_key(key, PathBuf::from("<in memory>")))
    }

    /// The key's id, as written into every value it seals.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Seals `plaintext` for `purpose` (e.g. `totp:12`).
    pub fn seal(&self, purpose: &str, plaintext: &[u8]) -> Result<String> {
        let mut nonce = [0u8; NONCE_BYTES];
        getrandom::fill(&mut nonce).map_err(|e| Error::Internal(format!("no randomness available: {e}")))?;
        let sealed = self
            .cipher
            .encrypt(&XNonce::from(nonce), Payload { msg: plaintext, aad: purpose.as_bytes() })
            .map_err(|_| Error::Internal(format!("cannot seal a value for {purpose}")))?;
        Ok(format!("{PREFIX}{}:{}{}", self.id, hex(&nonce), hex(&sealed)))
    }

    /// Opens a value sealed for `purpose`. A value sealed by another instance
    /// key, or altered, or moved to another purpose, is refused with a message
    /// that says which.
    pub fn open(&self, purpose: &str, stored: &str) -> Result<Vec<u8>> {
        let rest = stored
            .strip_prefix(PREFIX)
            .ok_or_else(|| Error::Internal(format!("the stored value for {purpose} is not sealed")))?;
        let (key_id, body) = rest.split_once(':').ok_or_else(|| self.tampered(purpose))?;
        if key_id != self.id {
            return Err(Error::Config(format!(
                "the secret for {purpose} was sealed with instance key {key_id}, but this machine's instance key is {} ({}): opsgate needs the key of the installation that wrote this database",
                self.id,
                self.source.display()
            )));
        }
        let bytes = unhex(body).filter(|b| b.len() > NONCE_BYTES).ok_or_else(|| self.tampered(purpose))?;
        let (nonce, ciphertext) = bytes.split_at(NONCE_BYTES);
        let nonce: [u8; NONCE_BYTES] = nonce.try_into().map_err(|_| self.tampered(purpose))?;
        self.cipher
            .decrypt(&XNonce::from(nonce), Payload { msg: ciphertext, aad: purpose.as_bytes() })
            .map_err(|_| self.tampered(purpose))
    }

    fn tampered(&self, purpose: &str) -> Error {
        Error::TokenInvalid(format!(
            "the sealed secret for {purpose} does not open: it was altered or copied from elsewhere"
        ))
    }
}

/// Whether a stored value is sealed (older installs stored secrets in clear).
pub fn is_sealed(stored: &str) -> bool {
    stored.starts_with(PREFIX)
}

fn write_new_key_file(path: &Path, key: &[u8; 32]) -> Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    crate::paths::create_private_dir(dir)?;
    let tmp = dir.join(format!(".instance.key.{}.{}", std::process::id(), hex(&key[..4])));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let written = (|| -> std::io::Result<()> {
        let mut file = options.open(&tmp)?;
        writeln!(file, "{KEY_FILE_HEADER}")?;
        writeln!(file, "{}", hex(key))?;
        file.sync_all()?;
        // A hard link never replaces: of processes creating the key at once, one wins.
        match std::fs::hard_link(&tmp, path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            Err(e) => Err(e),
        }
    })();
    let _ = std::fs::remove_file(&tmp);
    written.map_err(|e| Error::io(format!("cannot write the instance key {}", path.display()), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_value_opens_only_with_its_key_and_its_purpose() {
        let dir = tempfile::tempdir().unwrap();
        let sealer = Sealer::load_or_create(&dir.path().join("keys/instance.key")).unwrap();
        let again = Sealer::load_or_create(&dir.path().join("keys/instance.key")).unwrap();
        assert_eq!(sealer.id(), again.id());
        let sealed = sealer.seal("totp:7", b"JBSWY3DPEHPK3PXP").unwrap();
        assert!(is_sealed(&sealed) && !sealed.contains("JBSWY3DPEHPK3PXP"));
        assert_ne!(sealed, sealer.seal("totp:7", b"JBSWY3DPEHPK3PXP").unwrap(), "a fresh nonce each time");
        assert_eq!(again.open("totp:7", &sealed).unwrap(), b"JBSWY3DPEHPK3PXP");
        assert!(sealer.open("totp:8", &sealed).is_err(), "moved to another row");
        let other = Sealer::ephemeral().unwrap();
        assert!(other.open("totp:7", &sealed).unwrap_err().to_string().contains("sealed with instance key"));
        let mut flipped = sealed.clone();
        let last = flipped.pop().unwrap();
        flipped.push(if last == '0' { '1' } else { '0' });
        assert!(sealer.open("totp:7", &flipped).is_err());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("keys/instance.key")).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
