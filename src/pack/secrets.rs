//! Secrets for pack requests: read at send time from the environment or from
//! a secrets file only its owner can read (`OPSGATE_SECRETS_FILE`, lines of
//! `NAME=value`). They never reach the database, the audit log, output or an
//! error message: payloads hold references, and every text recorded from a
//! response has the values it could echo replaced by their reference.

use std::collections::BTreeMap;
use std::path::Path;

use super::template::{Part, Template};
use crate::error::{Error, Result};

/// The environment variable naming the secrets file.
pub const SECRETS_FILE_ENV: &str = "OPSGATE_SECRETS_FILE";

/// Resolved secrets, by name.
#[derive(Default)]
pub struct Secrets {
    values: BTreeMap<String, String>,
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Secrets").field("names", &self.values.keys().collect::<Vec<_>>()).finish()
    }
}

fn read_file(path: &Path) -> Result<BTreeMap<String, String>> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let metadata = std::fs::metadata(path)
            .map_err(|e| Error::io(format!("cannot read secrets file {}", path.display()), e))?;
        if metadata.permissions().mode() & 0o077 != 0 {
            return Err(Error::Config(format!(
                "secrets file {} can be read by others; `chmod 600 {}`",
                path.display(),
                path.display()
            )));
        }
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::io(format!("cannot read secrets file {}", path.display()), e))?;
    let mut values = BTreeMap::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((name, value)) = line.split_once('=') else {
            // The line itself may be a secret: name only its number.
            return Err(Error::Config(format!(
                "secrets file {} line {}: expected NAME=value",
                path.display(),
                number + 1
            )));
        };
        values.insert(name.trim().to_owned(), value.trim().to_owned());
    }
    Ok(values)
}

impl Secrets {
    /// The values of `names`, from the environment first, then the secrets file.
    pub fn resolve<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<Secrets> {
        let mut file: Option<BTreeMap<String, String>> = None;
        let mut values = BTreeMap::new();
        for name in names {
            if values.contains_key(name) {
                continue;
            }
            if let Ok(value) = std::env::var(name) {
                values.insert(name.to_owned(), value);
                continue;
            }
            if file.is_none()
                && let Some(path) = std::env::var_os(SECRETS_FILE_ENV)
            {
                file = Some(read_file(Path::new(&path))?);
            }
            match file.as_ref().and_then(|f| f.get(name)) {
                Some(value) => {
                    values.insert(name.to_owned(), value.clone());
                }
                None => {
                    return Err(Error::Config(format!(
                        "secret `{name}` is not set: export it, or put `{name}=…` in the file named by {SECRETS_FILE_ENV} (mode 600)"
                    )));
                }
            }
        }
        Ok(Secrets { values })
    }

    /// Every secret a set of header values refers to.
    pub fn for_headers<'a>(headers: impl IntoIterator<Item = &'a String>) -> Result<Secrets> {
        let names: std::collections::BTreeSet<String> =
            headers.into_iter().flat_map(|value| super::template::referenced_secrets(value)).collect();
        Secrets::resolve(names.iter().map(String::as_str))
    }

    /// A header value with its secret references replaced by their values.
    pub fn fill(&self, header: &str) -> Result<String> {
        let template = Template::parse(header)
            .map_err(|m| Error::Internal(format!("a stored header does not parse: {}", m.message)))?;
        let mut out = String::new();
        for part in template.parts {
            match part {
                Part::Text(text) => out.push_str(&text),
                Part::Secret(name) => out.push_str(
                    self.values
                        .get(&name)
                        .ok_or_else(|| Error::Internal(format!("secret `{name}` was not resolved")))?,
                ),
                // Rendered away when the payload was built.
                Part::Param(_) | Part::Env(_) => {
                    return Err(Error::Internal("a stored header still has a template".into()));
                }
            }
        }
        Ok(out)
    }

    /// `text` with every secret value replaced by its reference.
    pub fn scrub(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for (name, value) in &self.values {
            // Very short values would blank out ordinary text; they are refused
            // from logs by never being recorded in the first place (headers only).
            if value.len() >= 4 {
                out = out.replace(value.as_str(), &format!("secret('{name}')"));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_is_filled_and_its_echo_scrubbed() {
        let secrets = Secrets { values: [("TOKEN".to_owned(), "s3cr3t-value".to_owned())].into() };
        assert_eq!(secrets.fill("Bearer {{ secret('TOKEN') }}").unwrap(), "Bearer s3cr3t-value");
        assert_eq!(secrets.scrub("echo: Bearer s3cr3t-value"), "echo: Bearer secret('TOKEN')");
        assert!(format!("{secrets:?}").contains("TOKEN") && !format!("{secrets:?}").contains("s3cr3t"));
    }

    #[test]
    fn a_missing_secret_is_named_and_never_guessed() {
        let error = Secrets::resolve(["OPSGATE_TEST_SURELY_UNSET_SECRET"]).unwrap_err();
        assert!(error.to_string().contains("OPSGATE_TEST_SURELY_UNSET_SECRET"), "{error}");
    }
}
