//! YAML in and out. Parsing is strict (`yes`/`on` stay strings, duplicate keys are
//! errors) and every error names the file, line and column.

use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{Error, Result, one_line};

/// A place in a YAML file (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    pub line: u64,
    pub column: u64,
}

impl Position {
    pub fn of<T>(spanned: &serde_saphyr::Spanned<T>) -> Position {
        Position { line: spanned.referenced.line(), column: spanned.referenced.column() }
    }
}

/// Where `text` (its first line) first appears in `file` at or after `at`; `at` when it does not.
pub fn find_after(file: &str, at: Position, text: &str) -> Position {
    let start: usize =
        file.split_inclusive('\n').take(at.line.saturating_sub(1) as usize).map(str::len).sum::<usize>()
            + file
                .lines()
                .nth(at.line.saturating_sub(1) as usize)
                .map(|line| line.chars().take(at.column.saturating_sub(1) as usize).map(char::len_utf8).sum())
                .unwrap_or(0);
    let needle = text.lines().next().unwrap_or("");
    match file.get(start..).and_then(|rest| if needle.is_empty() { None } else { rest.find(needle) }) {
        Some(found) => {
            let offset = start + found;
            let line_start = file[..offset].rfind('\n').map_or(0, |i| i + 1);
            Position {
                line: file[..offset].matches('\n').count() as u64 + 1,
                column: file[line_start..offset].chars().count() as u64 + 1,
            }
        }
        None => at,
    }
}

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
