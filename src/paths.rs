//! Where opsgate keeps its files: XDG data and config directories.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The directories one run uses. The demo gets its own key directory so that
/// it never reads or writes a real person's keys.
#[derive(Debug, Clone)]
pub struct Paths {
    pub data_dir: PathBuf,
    pub config_dir: PathBuf,
}

impl Paths {
    /// Resolves `$XDG_DATA_HOME/opsgate` and `$XDG_CONFIG_HOME/opsgate`, falling
    /// back to `~/.local/share` and `~/.config`.
    pub fn from_env() -> Result<Paths> {
        let home = || {
            std::env::var_os("HOME")
                .filter(|h| !h.is_empty())
                .map(PathBuf::from)
                .ok_or_else(|| Error::Config("neither XDG_DATA_HOME/XDG_CONFIG_HOME nor HOME is set".into()))
        };
        let base = |var: &str, fallback: &str| -> Result<PathBuf> {
            match std::env::var_os(var).filter(|v| !v.is_empty()) {
                Some(dir) => Ok(PathBuf::from(dir)),
                None => Ok(home()?.join(fallback)),
            }
        };
        Ok(Paths {
            data_dir: base("XDG_DATA_HOME", ".local/share")?.join("opsgate"),
            config_dir: base("XDG_CONFIG_HOME", ".config")?.join("opsgate"),
        })
    }

    /// The default SQLite database.
    pub fn default_db(&self) -> PathBuf {
        self.data_dir.join("opsgate.db")
    }

    /// The demo's directory: its database and its staff's keys, built
    /// together and moved into place together.
    pub fn demo_dir(&self) -> PathBuf {
        self.data_dir.join("demo")
    }

    /// The throwaway demo database.
    pub fn demo_db(&self) -> PathBuf {
        self.demo_dir().join("demo.db")
    }

    /// Private keys of real staff: the person's own config directory.
    pub fn key_dir(&self) -> PathBuf {
        self.config_dir.join("keys")
    }

    /// Private keys of the demo's test staff, next to the demo database.
    pub fn demo_key_dir(&self) -> PathBuf {
        self.demo_dir().join("keys")
    }

    /// The instance key that seals the secrets of databases this configuration
    /// writes (`OPSGATE_INSTANCE_KEY` names another file, e.g. a server's).
    pub fn instance_key(&self) -> PathBuf {
        match std::env::var_os("OPSGATE_INSTANCE_KEY").filter(|v| !v.is_empty()) {
            Some(path) => PathBuf::from(path),
            None => self.config_dir.join("instance.key"),
        }
    }

    /// The demo's own instance key, kept with the demo database it seals.
    pub fn demo_instance_key(&self) -> PathBuf {
        self.demo_dir().join("instance.key")
    }

    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.yaml")
    }
}

/// Creates a directory (and parents) readable only by its owner.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| Error::io(format!("cannot restrict {}", dir.display()), e))?;
    }
    Ok(())
}
