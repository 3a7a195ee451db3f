//! YAML in and out. Parsing is strict (`yes`/`on` stay strings, duplicate keys are
//! errors) and every error names the file, line and column.

use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{Error, Result, one_line};

/// Parses YAML text read from `path` (the path is only used in error messages).
pub fn from_str<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T> {
    let options = serde_saphyr::options! {
        strict_booleans: true,
        with_snippet: false,
    };
    serde_saphyr::from_str_with_options(text, options).map_err(|error| {
        let location = error.location().map(|l| (l.line(), l.column()));
        Error::InvalidFile { path: path.to_owned(), location, message: bare_message(&error.to_string()) }
    })
}

/// The parser's message without its own " at line X column Y" suffix, on one line.
fn bare_message(rendered: &str) -> String {
    let line = one_line(rendered);
    match line.rfind(" at line ") {
        Some(at) => line[..at].to_owned(),
        None => line,
    }
}

/// Serializes a value as YAML for `--output yaml`.
pub fn to_string<T: Serialize>(value: &T) -> Result<String> {
    serde_saphyr::to_string(value).map_err(|e| Error::Internal(format!("cannot render YAML: {e}")))
}
