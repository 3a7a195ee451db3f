//! A binding: how the built-in pack's logical tables and columns are called
//! in a team's back office. Everything not named keeps its logical name, so
//! the empty binding fits the bundled back office (and the demo).
//!
//! ```yaml
//! schema: backoffice          # optional: where the tables live (PostgreSQL schema, MySQL database)
//! tables:
//!   bookings:
//!     table: reservations
//!     columns: { amount_cents: total_minor, refunded_cents: refunded_minor }
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::logical;
use crate::error::{Error, Result};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Binding {
    /// The schema (PostgreSQL) or database (MySQL) that holds the back office;
    /// unqualified names otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    #[serde(default)]
    pub tables: BTreeMap<String, TableBinding>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableBinding {
    /// The team's name for the table, when it differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// Logical column → the team's column, for those that differ.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub columns: BTreeMap<String, String>,
}

impl Binding {
    /// Reads and checks a binding file: every table and column it names must
    /// be one of the pack's, and every name it maps to a plain SQL identifier.
    pub fn load(path: &Path) -> Result<Binding> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::io(format!("cannot read binding {}", path.display()), e))?;
        let binding: Binding = crate::yaml::from_str(path, &text)?;
        binding.check().map_err(|(needle, message)| Error::InvalidFile {
            path: path.to_owned(),
            location: locate(&text, &needle),
            message,
        })?;
        Ok(binding)
    }

    fn check(&self) -> std::result::Result<(), (String, String)> {
        if let Some(schema) = &self.schema {
            identifier(schema).map_err(|message| (schema.clone(), message))?;
        }
        let mut physical_tables = BTreeMap::new();
        for (name, table) in &self.tables {
            let Some(logical) = logical::table(name) else {
                return Err((name.clone(), format!("`{name}` is not a table of the built-in pack")));
            };
            let physical = table.table.as_deref().unwrap_or(name);
            identifier(physical).map_err(|message| (physical.to_owned(), message))?;
            if let Some(other) = physical_tables.insert(physical.to_owned(), name.clone()) {
                return Err((
                    physical.to_owned(),
                    format!("`{other}` and `{name}` are both bound to `{physical}`"),
                ));
            }
            let mut physical_columns = BTreeMap::new();
            for (column, bound) in &table.columns {
                if logical.kind(column).is_none() {
                    return Err((
                        column.clone(),
                        format!("`{name}` has no column `{column}` in the built-in pack"),
                    ));
                }
                identifier(bound).map_err(|message| (bound.clone(), message))?;
                if let Some(other) = physical_columns.insert(bound.clone(), column.clone()) {
                    return Err((
                        bound.clone(),
                        format!("`{name}.{other}` and `{name}.{column}` are both bound to `{bound}`"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The team's name for a logical table (schema-qualified when the binding names a schema).
    pub fn table(&self, logical: &str) -> String {
        let name = self.bare_table(logical);
        match &self.schema {
            Some(schema) => format!("{schema}.{name}"),
            None => name.to_owned(),
        }
    }

    /// The team's table name without its schema.
    pub fn bare_table<'a>(&'a self, logical: &'a str) -> &'a str {
        self.tables.get(logical).and_then(|t| t.table.as_deref()).unwrap_or(logical)
    }

    /// The team's name for a logical column.
    pub fn column<'a>(&'a self, table: &str, column: &'a str) -> &'a str {
        self.tables.get(table).and_then(|t| t.columns.get(column)).map(String::as_str).unwrap_or(column)
    }

    /// Whether this binding renames nothing (the bundled back office's own names).
    pub fn is_identity(&self) -> bool {
        self.schema.is_none()
            && self.tables.iter().all(|(name, t)| {
                t.table.as_deref().is_none_or(|n| n == name) && t.columns.iter().all(|(l, p)| l == p)
            })
    }
}

/// A name the binding may put into SQL: letters, digits and underscores,
/// not starting with a digit, at most 63 bytes (PostgreSQL's limit).
fn identifier(name: &str) -> std::result::Result<(), String> {
    let plain = !name.is_empty()
        && name.len() <= 63
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit());
    if plain {
        Ok(())
    } else {
        Err(format!("`{name}` is not a plain SQL name (letters, digits and _, at most 63)"))
    }
}

/// The line and column where `needle` first appears as a word, for messages.
fn locate(text: &str, needle: &str) -> Option<(u64, u64)> {
    text.lines().enumerate().find_map(|(index, line)| {
        line.match_indices(needle)
            .find(|(at, _)| {
                let before = line[..*at].chars().next_back();
                let after = line[at + needle.len()..].chars().next();
                let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
                !word(before) && !word(after)
            })
            .map(|(at, _)| (index as u64 + 1, at as u64 + 1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Binding> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("binding.yaml");
        std::fs::write(&path, text).unwrap();
        Binding::load(&path)
    }

    #[test]
    fn names_map_and_everything_else_keeps_its_logical_name() {
        let binding = parse(
            "schema: backoffice\ntables:\n  bookings:\n    table: reservations\n    columns: { amount_cents: total_minor }\n",
        )
        .unwrap();
        assert_eq!(binding.table("bookings"), "backoffice.reservations");
        assert_eq!(binding.table("users"), "backoffice.users");
        assert_eq!(binding.column("bookings", "amount_cents"), "total_minor");
        assert_eq!(binding.column("bookings", "status"), "status");
        assert!(!binding.is_identity());
        assert!(Binding::default().is_identity());
    }

    #[test]
    fn unknown_names_and_unsafe_identifiers_are_refused_with_their_line() {
        for (text, line, message) in [
            ("tables:\n  invoices: {}\n", 2, "not a table of the built-in pack"),
            ("tables:\n  bookings:\n    columns: { total: x }\n", 3, "has no column `total`"),
            ("tables:\n  bookings:\n    table: \"res; DROP TABLE x\"\n", 3, "not a plain SQL name"),
            ("tables:\n  bookings: { table: t }\n  users: { table: t }\n", 2, "both bound to `t`"),
            ("tables:\n  bookings:\n    colums: {}\n", 3, "unknown field"),
        ] {
            let error = parse(text).unwrap_err();
            let Error::InvalidFile { location, message: got, .. } = &error else { panic!("{error:?}") };
            assert!(got.contains(message), "{text}: {got}");
            assert_eq!(location.map(|(l, _)| l), Some(line), "{text}: {error}");
        }
    }
}
