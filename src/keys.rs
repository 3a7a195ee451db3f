//! Ed25519 signing keys: generation, and the private key files kept (mode 0600)
//! in a person's own config directory.

use std::io::Write;
use std::path::{Path, PathBuf};

use ed25519_dalek::{Signature, SigningKey, VerifyingKey};

use crate::canonical::{hex, unhex};
use crate::error::{Error, Result};
use crate::paths::create_private_dir;

const FILE_HEADER: &str = "opsgate-ed25519-private-key-v1";

/// The public key a hex string names, if it is one.
pub fn verifying_key(public_hex: &str) -> Option<VerifyingKey> {
    let bytes = <[u8; 32]>::try_from(unhex(public_hex)?).ok()?;
    VerifyingKey::from_bytes(&bytes).ok()
}

/// Whether `signature_hex` is `public_hex`'s Ed25519 signature of `message`
/// (strict verification). Malformed input is `false`.
pub fn verifies_hex(public_hex: &str, signature_hex: &str, message: &[u8]) -> bool {
    let Some(key) = verifying_key(public_hex) else { return false };
    let Some(signature) = unhex(signature_hex).and_then(|b| <[u8; 64]>::try_from(b).ok()) else {
        return false;
    };
    key.verify_strict(message, &Signature::from_bytes(&signature)).is_ok()
}

/// A freshly generated or loaded signing key.
pub struct KeyPair {
    signing: SigningKey,
}

impl KeyPair {
    /// A new key from the operating system's random source.
    pub fn generate() -> Result<KeyPair> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed)
            .map_err(|e| Error::Internal(format!("no randomness available for a new key: {e}")))?;
        Ok(KeyPair { signing: SigningKey::from_bytes(&seed) })
    }

    /// The key of a 32-byte seed (an agent credential, as shown once).
    pub fn from_seed(seed: &[u8; 32]) -> KeyPair {
        KeyPair { signing: SigningKey::from_bytes(seed) }
    }

    /// The public half, hex-encoded, as registered in `staff_keys`.
    pub fn public_hex(&self) -> String {
        hex(self.signing.verifying_key().as_bytes())
    }

    pub fn signing_key(&self) -> &SigningKey {
        &self.signing
    }
}

/// A directory of private key files, one per staff e-mail.
#[derive(Debug, Clone)]
pub struct KeyDir {
    dir: PathBuf,
}

impl KeyDir {
    pub fn new(dir: impl Into<PathBuf>) -> KeyDir {
        KeyDir { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The private key file of `email`. Only a valid address names a file, so
    /// that no address (one made of `../` segments, say) points outside the directory.
    pub fn path_for(&self, email: &str) -> Result<PathBuf> {
        crate::email::validate(email)?;
        let path = self.dir.join(format!("{email}.ed25519"));
        debug_assert_eq!(path.parent(), Some(self.dir.as_path()));
        Ok(path)
    }

    /// Where `email`'s key would be, for messages (the directory when the address names no file).
    pub fn shown_path(&self, email: &str) -> String {
        self.path_for(email).unwrap_or_else(|_| self.dir.clone()).display().to_string()
    }

    /// Writes a private key readable only by its owner, replacing any older file.
    pub fn write(&self, email: &str, key: &KeyPair) -> Result<PathBuf> {
        let path = self.path_for(email)?;
        create_private_dir(&self.dir)?;
        let tmp = self.dir.join(format!(".{email}.ed25519.tmp"));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let write = || -> std::io::Result<()> {
            let mut file = options.open(&tmp)?;
            writeln!(file, "{FILE_HEADER}")?;
            writeln!(file, "{}", hex(key.signing.as_bytes()))?;
            file.sync_all()?;
            std::fs::rename(&tmp, &path)
        };
        write().map_err(|e| Error::io(format!("cannot write private key {}", path.display()), e))?;
        Ok(path)
    }

    /// The e-mails with a private key here, sorted.
    pub fn emails(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return Vec::new() };
        let mut emails: Vec<String> = entries
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter_map(|name| name.strip_suffix(".ed25519").map(str::to_owned))
            .filter(|email| !email.starts_with('.') && crate::email::validate(email).is_ok())
            .collect();
        emails.sort();
        emails
    }

    /// Reads a person's private key.
    pub fn read(&self, email: &str) -> Result<KeyPair> {
        let path = self.path_for(email)?;
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Error::io(format!("cannot read private key {} (run `opsgate staff keygen`)", path.display()), e)
        })?;
        parse_key_file(&path, &text)
    }
}

fn parse_key_file(path: &Path, text: &str) -> Result<KeyPair> {
    let mut lines = text.lines();
    let bad = || Error::Config(format!("{} is not an opsgate private key file", path.display()));
    if lines.next() != Some(FILE_HEADER) {
        return Err(bad());
    }
    let bytes = lines.next().and_then(|l| unhex(l.trim())).ok_or_else(bad)?;
    let seed: [u8; 32] = bytes.try_into().map_err(|_| bad())?;
    Ok(KeyPair { signing: SigningKey::from_bytes(&seed) })
}

/// Deletes files written during a transaction unless the transaction committed.
#[derive(Default)]
pub struct WrittenFiles {
    paths: Vec<PathBuf>,
    committed: bool,
}

impl WrittenFiles {
    pub fn push(&mut self, path: PathBuf) {
        self.paths.push(path);
    }

    pub fn committed(mut self) {
        self.committed = true;
    }
}

impl Drop for WrittenFiles {
    fn drop(&mut self) {
        if !self.committed {
            for path in &self.paths {
                let _ = std::fs::remove_file(path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_key_reads_back_with_owner_only_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let keys = KeyDir::new(dir.path().join("keys"));
        let key = KeyPair::generate().unwrap();
        let path = keys.write("a@example.com", &key).unwrap();
        let back = keys.read("a@example.com").unwrap();
        assert_eq!(back.public_hex(), key.public_hex());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
    }

    #[test]
    fn an_address_cannot_name_a_file_outside_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        let keys = KeyDir::new(dir.path().join("keys"));
        let key = KeyPair::generate().unwrap();
        for email in ["../../x@evil.example.com", "a/../../b@example.com", "..@example.com"] {
            assert!(keys.write(email, &key).is_err(), "{email}");
        }
        assert_eq!(std::fs::read_dir(dir.path()).map(|d| d.count()).unwrap_or(0), 0);
    }

    #[test]
    fn a_garbled_key_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let keys = KeyDir::new(dir.path());
        std::fs::write(keys.path_for("a@example.com").unwrap(), "not a key\n").unwrap();
        assert!(keys.read("a@example.com").is_err());
    }
}
