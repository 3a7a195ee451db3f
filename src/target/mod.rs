//! Targets: the back office the built-in pack acts on. By default that is the
//! state database's own back office (the bundled one, or a team's tables
//! adopted in place); `--target URL` points at another database — SQLite,
//! PostgreSQL or MySQL / MariaDB — and `--binding FILE` maps the pack's
//! logical tables and columns to the team's names.
//!
//! The pack's statements are written with logical names and bound here, once,
//! when a payload is built: what a person reviews, approves and signs is the
//! SQL that runs.

pub mod binding;
pub mod check;
pub mod convention;
pub mod db;
pub mod identities;
pub mod infer;
pub mod logical;
pub mod rewrite;
pub mod seed;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use binding::Binding;
pub use convention::Dialect;
pub use db::{Db, DbTx, LiveColumn};
pub use rewrite::Uses;

use crate::error::{Error, Result};
use crate::payload::{SqlStatement, SqlValue, TargetRef};
use crate::store::redact_url;

/// The back office, and how its names map.
#[derive(Clone, Debug)]
pub struct Target {
    db: Db,
    binding: Arc<Binding>,
    /// Whether `db` is another database than the state's (writes and their
    /// audit entries then cannot commit together).
    separate: bool,
    /// Where it is, passwords hidden, for messages.
    shown: String,
    /// The live columns of the tables checked lately, shared by the clones:
    /// a plan of several steps (or a server's requests) reads each table's
    /// shape once a minute, not once per step.
    schema: Arc<std::sync::Mutex<SchemaCache>>,
}

/// Logical table → when its live columns were read, and what they were.
type SchemaCache = BTreeMap<String, (Instant, Vec<LiveColumn>)>;

/// How long a table's shape is trusted before it is read again.
const SCHEMA_FRESH_FOR: Duration = Duration::from_secs(60);

impl Target {
    /// The state database's own back office, under its logical names.
    pub fn state(store: crate::store::Store) -> Target {
        Target {
            db: Db::Store(store),
            binding: Arc::default(),
            separate: false,
            shown: "the state database".into(),
            schema: Arc::default(),
        }
    }

    fn new(db: Db, binding: Binding, separate: bool, shown: String) -> Result<Target> {
        if db.dialect() == Dialect::Sqlite && binding.uses_zones() {
            return Err(Error::Config(format!(
                "the binding keeps times on a time zone's wall clock, which {shown} (SQLite) cannot convert; \
                 remove time_zone from the binding and keep its times in UTC"
            )));
        }
        Ok(Target { db, binding: Arc::new(binding), separate, shown, schema: Arc::default() })
    }

    /// Another database, with a binding (the logical names when `binding` is `None`).
    pub async fn connect(url: &str, binding: Option<&Path>) -> Result<Target> {
        let binding = match binding {
            Some(path) => Binding::load(path)?,
            None => Binding::default(),
        };
        let db = Db::connect(url).await?;
        Target::new(db, binding, true, redact_url(url))
    }

    /// The state database's own back office under a binding (a team that
    /// keeps opsgate's state beside its own tables).
    pub fn state_with_binding(store: crate::store::Store, binding: Binding) -> Result<Target> {
        Target::new(Db::Store(store), binding, false, "the state database".into())
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    pub fn binding(&self) -> &Binding {
        &self.binding
    }

    pub fn is_separate(&self) -> bool {
        self.separate
    }

    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// The live columns of the team's table bound to `logical` (empty when it
    /// is missing), read at most once a minute.
    pub async fn live_columns(&self, logical: &str) -> Result<Vec<LiveColumn>> {
        let cached = self.schema.lock().unwrap_or_else(|e| e.into_inner()).get(logical).cloned();
        if let Some((read, columns)) = cached
            && read.elapsed() < SCHEMA_FRESH_FOR
        {
            return Ok(columns);
        }
        let columns =
            self.db.live_columns(self.binding.schema.as_deref(), self.binding.bare_table(logical)).await?;
        let entry = (Instant::now(), columns.clone());
        self.schema.lock().unwrap_or_else(|e| e.into_inner()).insert(logical.to_owned(), entry);
        Ok(columns)
    }

    /// One of the pack's statements in the team's names and placeholders,
    /// refusing any column outside `uses`.
    pub fn bind(&self, uses: &Uses, statement: &SqlStatement) -> Result<SqlStatement> {
        let dialect = self.db.dialect();
        let bound = rewrite::bind(&self.binding, &statement.sql, Some(uses), dialect)?;
        let params = match dialect {
            Dialect::Sqlite | Dialect::Postgres => statement.params.clone(),
            Dialect::MySql => {
                let mut params = Vec::with_capacity(bound.order.len());
                for index in &bound.order {
                    let value: &SqlValue = statement.params.get(*index).ok_or_else(|| {
                        Error::Internal(format!(
                            "placeholder ${} has no value in `{}`",
                            index + 1,
                            statement.sql
                        ))
                    })?;
                    params.push(value.clone());
                }
                params
            }
        };
        let mut out = SqlStatement::new(spelled_for(&bound.sql, dialect), params);
        out.expect_rows = statement.expect_rows;
        Ok(out)
    }

    /// The row a write changes, in the team's names.
    pub fn bind_target(&self, uses: &Uses, target: &TargetRef) -> Result<TargetRef> {
        let table = &target.table;
        let mut checked = std::iter::once(&target.key_column).chain(&target.watch);
        if let Some(missing) = checked.find(|c| !uses.get(table).is_some_and(|set| set.contains(c.as_str())))
        {
            return Err(Error::Internal(format!(
                "the target row's {table}.{missing} is not declared in `uses`"
            )));
        }
        Ok(TargetRef {
            table: self.binding.table(table),
            key_column: self.binding.column(table, &target.key_column).to_owned(),
            key: target.key.clone(),
            label: target.label.clone(),
            watch: target.watch.iter().map(|c| self.binding.column(table, c).to_owned()).collect(),
        })
    }

    /// Whether the back office's activity log holds the row an action's write
    /// left there (its `opsgate_action` key): the write committed.
    pub async fn wrote(&self, action_id: i64) -> Result<bool> {
        let uses: Uses = [("ops_audit_log".to_owned(), ["details".to_owned()].into())].into();
        let pattern = format!("%\"opsgate_action\":\"{}\"%", crate::payload::action_key(action_id));
        let statement = SqlStatement::new(
            "SELECT COUNT(*) AS found FROM ops_audit_log WHERE details LIKE $1",
            vec![SqlValue::Text(pattern)],
        );
        let set = self.db.query_rows(&self.bind(&uses, &statement)?, chrono::Utc::now()).await?;
        Ok(set.int(0, "found") > 0)
    }

    /// Reads columns of one row by logical names, for building a write.
    pub async fn row(
        &self,
        uses: &Uses,
        table: &str,
        key_column: &str,
        key: &str,
        columns: &[&str],
    ) -> Result<Option<Vec<Option<String>>>> {
        for column in std::iter::once(&key_column).chain(columns) {
            if !uses.get(table).is_some_and(|set| set.contains(*column)) {
                return Err(Error::Internal(format!("{table}.{column} is read but not declared in `uses`")));
            }
        }
        let physical: Vec<&str> = columns.iter().map(|c| self.binding.column(table, c)).collect();
        let Some(values) = self
            .db
            .snapshot_row(&self.binding.table(table), self.binding.column(table, key_column), key, &physical)
            .await?
        else {
            return Ok(None);
        };
        // The team's values as the pack reads them (minor units, its own status words, UTC).
        let logical = columns
            .iter()
            .zip(values)
            .map(|(column, value)| match (self.binding.convention(table, column), value) {
                (Some(convention), Some(stored)) => convention.to_logical(&stored).map(Some),
                (_, value) => Ok(value),
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Some(logical))
    }
}

/// A write the target's database refused for want of rights (a read-only
/// user), said so; any other error as it is.
pub fn refused_write(target: &Target, error: Error) -> Error {
    let Error::Database(message) = &error else { return error };
    let lower = message.to_lowercase();
    let denied = ["permission denied", "command denied", "readonly database", "read-only", "read only"];
    if denied.iter().any(|needle| lower.contains(needle)) {
        return Error::Config(format!(
            "{} does not let this user write ({}); reads still work, writes need a user with INSERT, UPDATE and DELETE",
            target.shown(),
            crate::error::one_line(message)
        ));
    }
    error
}

/// The back office as one action sees it: only what its catalog entry declares.
#[derive(Clone, Copy)]
pub struct BackOffice<'a> {
    pub target: &'a Target,
    pub uses: &'a Uses,
}

impl BackOffice<'_> {
    /// Columns of one row by logical names (`None` when it does not exist).
    pub async fn row(
        &self,
        table: &str,
        key_column: &str,
        key: &str,
        columns: &[&str],
    ) -> Result<Option<Vec<Option<String>>>> {
        self.target.row(self.uses, table, key_column, key, columns).await
    }
}

/// The few spellings the pack's shared SQL needs per database: MySQL casts to
/// SIGNED and CHAR, not BIGINT and TEXT.
fn spelled_for(sql: &str, dialect: Dialect) -> String {
    match dialect {
        Dialect::Sqlite | Dialect::Postgres => sql.to_owned(),
        Dialect::MySql => sql.replace(" AS BIGINT)", " AS SIGNED)").replace(" AS TEXT)", " AS CHAR)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn every_action_uses_only_the_packs_tables_and_columns() {
        for action in Catalog::builtin().actions() {
            for (table, columns) in &action.uses {
                let logical = logical::table(table)
                    .unwrap_or_else(|| panic!("{} uses `{table}`, not a table of the pack", action.name));
                for column in columns {
                    assert!(
                        logical.kind(column).is_some(),
                        "{} uses {table}.{column}, not in the pack",
                        action.name
                    );
                }
            }
        }
    }
}
