//! A binding: how the built-in pack's logical tables and columns are called
//! in a team's back office. Everything not named keeps its logical name, so
//! the empty binding fits the bundled back office (and the demo).
//!
//! A column is a name, or a name with the convention its values follow:
//!
//! ```yaml
//! schema: backoffice          # optional: where the tables live (PostgreSQL schema, MySQL database)
//! identities: target         # optional: read staff, roles and permissions from the target (default: state)
//! time_zone: Europe/Berlin    # optional: stored times without a zone are this zone's wall clock (default UTC)
//! tables:
//!   bookings:
//!     table: reservations
//!     columns:
//!       amount_cents: { column: total, money: major }        # 120.00 (EUR) for 12000 cents
//!       refunded_cents: { column: refunded, money: { unit: major, scale: 2 } }
//!       status: { column: state, values: { confirmed: CONF, cancelled: CXL } }
//!       created_at: { time_zone: UTC }                        # this column is kept in UTC
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::convention::{self, Convention, MAX_SCALE, Money};
use super::identities::Identities;
use super::logical::{self, Kind};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Binding {
    /// The schema (PostgreSQL) or database (MySQL) that holds the back office;
    /// unqualified names otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Where people, roles and permissions are read from: `state` (default) or `target`.
    #[serde(default, skip_serializing_if = "is_default")]
    pub identities: Identities,
    /// The zone whose wall clock the team's times without a zone are kept in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    #[serde(default)]
    pub tables: BTreeMap<String, TableBinding>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableBinding {
    /// The team's name for the table, when it differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// Logical column → the team's column and conventions, for those that differ.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub columns: BTreeMap<String, ColumnBinding>,
}

/// One logical column in the team's back office: its name, and how its values are kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnBinding {
    /// The team's name for the column, when it differs.
    pub column: Option<String>,
    pub money: Option<Money>,
    /// Logical value → the team's spelling, for those that differ.
    pub values: BTreeMap<String, String>,
    /// Overrides the binding's `time_zone` for this column.
    pub time_zone: Option<String>,
}

impl ColumnBinding {
    /// A column that is only renamed.
    pub fn renamed(name: impl Into<String>) -> ColumnBinding {
        ColumnBinding { column: Some(name.into()), ..ColumnBinding::default() }
    }

    fn is_plain_rename(&self) -> bool {
        self.money.is_none() && self.values.is_empty() && self.time_zone.is_none()
    }
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
        if let Some(zone) = &self.time_zone {
            convention::zone(zone).map_err(|message| (zone.clone(), message))?;
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
            for (column, entry) in &table.columns {
                let Some(kind) = logical.kind(column) else {
                    return Err((
                        column.clone(),
                        format!("`{name}` has no column `{column}` in the built-in pack"),
                    ));
                };
                check_conventions(name, column, kind, entry)?;
                let bound = entry.column.as_deref().unwrap_or(column);
                identifier(bound).map_err(|message| (bound.to_owned(), message))?;
                if let Some(other) = physical_columns.insert(bound.to_owned(), column.clone()) {
                    return Err((
                        bound.to_owned(),
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
        self.tables
            .get(table)
            .and_then(|t| t.columns.get(column))
            .and_then(|c| c.column.as_deref())
            .unwrap_or(column)
    }

    /// How the team keeps `table.column`'s values, when that differs from the pack.
    pub fn convention(&self, table: &str, column: &str) -> Option<Convention<'_>> {
        let kind = logical::table(table)?.kind(column)?;
        let entry = self.tables.get(table).and_then(|t| t.columns.get(column));
        if let Some(Money::Major { scale }) = entry.and_then(|c| c.money) {
            return Some(Convention::Major { scale });
        }
        if let Some(values) = entry.map(|c| &c.values).filter(|v| !v.is_empty()) {
            return Some(Convention::Values(values));
        }
        if kind == Kind::Time {
            let zone = entry.and_then(|c| c.time_zone.as_deref()).or(self.time_zone.as_deref())?;
            let tz = convention::zone(zone).ok()?;
            return (tz != chrono_tz::UTC && tz != chrono_tz::Etc::UTC).then_some(Convention::Zone(tz));
        }
        None
    }

    /// Whether any time is kept on a zone's wall clock (which SQLite cannot convert).
    pub fn uses_zones(&self) -> bool {
        logical::TABLES.iter().any(|table| {
            table
                .columns
                .iter()
                .any(|(column, _)| matches!(self.convention(table.name, column), Some(Convention::Zone(_))))
        })
    }

    /// Whether this binding changes nothing (the bundled back office's own names and values).
    pub fn is_identity(&self) -> bool {
        self.schema.is_none()
            && logical::TABLES.iter().all(|table| {
                self.bare_table(table.name) == table.name
                    && table.columns.iter().all(|(column, _)| {
                        self.column(table.name, column) == *column
                            && self.convention(table.name, column).is_none()
                    })
            })
    }
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// A column's conventions must suit what it holds.
fn check_conventions(
    table: &str,
    column: &str,
    kind: Kind,
    entry: &ColumnBinding,
) -> std::result::Result<(), (String, String)> {
    let conventions = [entry.money.is_some(), !entry.values.is_empty(), entry.time_zone.is_some()];
    if conventions.iter().filter(|c| **c).count() > 1 {
        return Err((
            column.to_owned(),
            format!("`{table}.{column}` can follow one convention, not several"),
        ));
    }
    if let Some(money) = entry.money {
        if !column.ends_with("_cents") {
            return Err((
                column.to_owned(),
                format!("`{table}.{column}` is not money; `money` is for the *_cents columns"),
            ));
        }
        if let Money::Major { scale } = money
            && scale > MAX_SCALE
        {
            return Err((
                column.to_owned(),
                format!("a money scale is at most {MAX_SCALE} digits, not {scale}"),
            ));
        }
    }
    if !entry.values.is_empty() {
        if kind != Kind::Text {
            return Err((
                column.to_owned(),
                format!("`{table}.{column}` is not text; `values` renames text values"),
            ));
        }
        let mut spelled: BTreeMap<&str, &str> = BTreeMap::new();
        for (logical, team) in &entry.values {
            if logical.is_empty() || team.is_empty() {
                return Err((column.to_owned(), format!("`{table}.{column}` maps an empty value")));
            }
            if let Some(other) = spelled.insert(team, logical) {
                return Err((
                    team.clone(),
                    format!("`{other}` and `{logical}` of `{table}.{column}` are both spelled `{team}`"),
                ));
            }
        }
    }
    if let Some(zone) = &entry.time_zone {
        if kind != Kind::Time {
            return Err((
                zone.clone(),
                format!("`{table}.{column}` is not a time; `time_zone` is for times"),
            ));
        }
        convention::zone(zone).map_err(|message| (zone.clone(), message))?;
    }
    Ok(())
}

impl Serialize for ColumnBinding {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        match (&self.column, self.is_plain_rename()) {
            (Some(name), true) => serializer.serialize_str(name),
            _ => Full::from(self).serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for ColumnBinding {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct Entry;
        impl<'de> serde::de::Visitor<'de> for Entry {
            type Value = ColumnBinding;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a column name, or { column, money, values, time_zone }")
            }
            fn visit_str<E: serde::de::Error>(self, name: &str) -> std::result::Result<ColumnBinding, E> {
                Ok(ColumnBinding::renamed(name))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<ColumnBinding, A::Error> {
                let full = Full::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(ColumnBinding {
                    column: full.column,
                    money: full.money.map(Money::from),
                    values: full.values,
                    time_zone: full.time_zone,
                })
            }
        }
        deserializer.deserialize_any(Entry)
    }
}

/// A column entry written out in full.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Full {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    column: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    money: Option<MoneyEntry>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    values: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    time_zone: Option<String>,
}

impl From<&ColumnBinding> for Full {
    fn from(c: &ColumnBinding) -> Full {
        Full {
            column: c.column.clone(),
            money: c.money.map(|m| match m {
                Money::Minor => MoneyEntry::Unit(Unit::Minor),
                Money::Major { scale: 2 } => MoneyEntry::Unit(Unit::Major),
                Money::Major { scale } => MoneyEntry::Scaled { unit: Unit::Major, scale: Some(scale) },
            }),
            values: c.values.clone(),
            time_zone: c.time_zone.clone(),
        }
    }
}

/// `money: major`, `money: minor`, or `money: { unit: major, scale: 3 }`.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum MoneyEntry {
    Unit(Unit),
    Scaled {
        unit: Unit,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        scale: Option<u32>,
    },
}

#[derive(Serialize, Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum Unit {
    Major,
    Minor,
}

impl From<MoneyEntry> for Money {
    fn from(entry: MoneyEntry) -> Money {
        match entry {
            MoneyEntry::Unit(Unit::Minor) | MoneyEntry::Scaled { unit: Unit::Minor, .. } => Money::Minor,
            MoneyEntry::Unit(Unit::Major) => Money::Major { scale: 2 },
            MoneyEntry::Scaled { unit: Unit::Major, scale } => Money::Major { scale: scale.unwrap_or(2) },
        }
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
