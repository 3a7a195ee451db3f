//! `target check`: the pack's tables and columns, through the binding,
//! against the live schema. Every missing table, missing column and column
//! of the wrong kind is named, and the actions that need one are unavailable
//! for that reason: refused when planned, never failing halfway at run time.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::convention::{Convention, Dialect, holds_decimals};
use super::logical::{self, Kind};
use super::{LiveColumn, Target, Uses};
use crate::catalog::ActionSpec;
use crate::error::{Error, Result};

/// What is wrong with one logical column (or its whole table) in the target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// `bookings.amount_cents` (logical), or `bookings` for a missing table.
    pub logical: String,
    /// The team's name it was looked for under.
    pub bound: String,
    pub problem: String,
}

/// The outcome of checking every table the given actions use.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub target: String,
    pub backend: &'static str,
    pub tables_checked: usize,
    pub columns_checked: usize,
    pub problems: Vec<Problem>,
    /// Action → why it cannot run on this target.
    pub unavailable: BTreeMap<String, String>,
}

impl Report {
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Checks the tables and columns `actions` use against the live schema.
pub async fn check<'a>(target: &Target, actions: impl IntoIterator<Item = &'a ActionSpec>) -> Result<Report> {
    let actions: Vec<&ActionSpec> = actions.into_iter().collect();
    let mut needed: Uses = BTreeMap::new();
    for action in &actions {
        for (table, columns) in &action.uses {
            needed.entry(table.clone()).or_default().extend(columns.iter().cloned());
        }
    }
    let mut report =
        Report { target: target.shown().to_owned(), backend: target.db().backend(), ..Report::default() };
    let mut broken: BTreeMap<String, String> = BTreeMap::new();
    for (table, columns) in &needed {
        report.tables_checked += 1;
        let problems = check_table(target, table, columns).await?;
        report.columns_checked += columns.len();
        for problem in problems {
            broken.entry(problem.logical.clone()).or_insert_with(|| describe(&problem));
            report.problems.push(problem);
        }
    }
    for action in actions {
        if let Some(reason) = mixes_identities(target, action) {
            report.unavailable.insert(action.name.clone(), reason);
            continue;
        }
        let reason = action.uses.iter().find_map(|(table, columns)| {
            broken
                .get(table)
                .cloned()
                .or_else(|| columns.iter().find_map(|c| broken.get(&format!("{table}.{c}")).cloned()))
        });
        if let Some(reason) = reason {
            report.unavailable.insert(action.name.clone(), reason);
        }
    }
    Ok(report)
}

/// Every problem with the tables and columns in `uses`, one line each.
pub async fn check_uses(target: &Target, uses: &Uses) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for (table, columns) in uses {
        problems.extend(check_table(target, table, columns).await?.iter().map(describe));
    }
    Ok(problems)
}

/// Refuses an action whose tables or columns the target lacks, naming the first.
pub async fn require_available(target: &Target, action: &ActionSpec) -> Result<()> {
    if target.binding().is_identity() && !target.is_separate() {
        // The state database's own back office under its own names: created
        // by opsgate or adopted as the pack's schema.
        return Ok(());
    }
    let report = check(target, [action]).await?;
    match report.unavailable.get(&action.name) {
        None => Ok(()),
        Some(reason) => Err(Error::Config(format!(
            "{} is unavailable on {}: {reason}; run `opsgate target check` for everything the binding misses",
            action.name, report.target
        ))),
    }
}

/// Tables whose ids name people and their access.
const IDENTITY_TABLES: [&str; 4] = ["staff", "roles", "permissions", "role_permissions"];

/// A write that puts a person's id into a row takes that id from opsgate's
/// state database, where identities are read; on another database it would
/// mix two sets of staff ids, so it is not offered there, unless people are
/// read from the target too.
fn mixes_identities(target: &Target, action: &ActionSpec) -> Option<String> {
    let writes_people =
        action.risk.writes() && action.uses.keys().any(|t| IDENTITY_TABLES.contains(&t.as_str()));
    (target.is_separate() && !target.reads_identities() && writes_people).then(|| {
        "it writes staff ids, which opsgate reads from its state database; on another database it would mix two \
         sets of staff (`identities: target` in the binding reads people from the target instead)"
            .to_owned()
    })
}

fn describe(problem: &Problem) -> String {
    if problem.logical == problem.bound {
        format!("{} {}", problem.logical, problem.problem)
    } else {
        format!("{} ({}) {}", problem.logical, problem.bound, problem.problem)
    }
}

async fn check_table(target: &Target, table: &str, columns: &BTreeSet<String>) -> Result<Vec<Problem>> {
    let binding = target.binding();
    let live = target.live_columns(table).await?;
    let shown_table = binding.table(table);
    if live.is_empty() {
        return Ok(vec![Problem {
            logical: table.to_owned(),
            bound: shown_table,
            problem: "is missing: no such table".into(),
        }]);
    }
    let logical =
        logical::table(table).ok_or_else(|| Error::Internal(format!("`{table}` is not a pack table")))?;
    let mut problems = Vec::new();
    for column in columns {
        let bound = binding.column(table, column);
        let expected = logical
            .kind(column)
            .ok_or_else(|| Error::Internal(format!("`{table}.{column}` is not a pack column")))?;
        let found = live.iter().find(|c| c.name.eq_ignore_ascii_case(bound));
        let convention = binding.convention(table, column);
        let problem = match found {
            None => Some("is missing: no such column".to_owned()),
            Some(found) => match convention {
                Some(convention) => unfit_for(&convention, found, target).await?,
                None if !fits(expected, found, target.db().backend()) => Some(format!(
                    "has type {}, where the pack needs {}",
                    found.data_type,
                    expected_words(expected)
                )),
                None => None,
            },
        };
        if let Some(problem) = problem {
            problems.push(Problem {
                logical: format!("{table}.{column}"),
                bound: format!("{shown_table}.{bound}"),
                problem,
            });
        }
    }
    Ok(problems)
}

/// Why a column cannot follow the convention its binding gives it, if it cannot.
async fn unfit_for(
    convention: &Convention<'_>,
    column: &LiveColumn,
    target: &Target,
) -> Result<Option<String>> {
    let t = column.data_type.as_str();
    Ok(match convention {
        Convention::Major { scale } => {
            let decimal = holds_decimals(t);
            let whole = t.contains("int") && *scale == 0;
            (!decimal && !whole).then(|| {
                format!("has type {t}, where money in major units with {scale} decimals needs a decimal type")
            })
        }
        Convention::Values(_) => (!fits(Kind::Text, column, target.db().backend()))
            .then(|| format!("has type {t}, where renamed values need text")),
        Convention::Zone(tz) => {
            if t.contains("with time zone")
                || t == "timestamptz"
                || (t == "timestamp" && target.db().dialect() == Dialect::MySql)
            {
                Some(format!(
                    "has type {t}, which keeps instants itself; give it `time_zone: UTC` instead of {}",
                    tz.name()
                ))
            } else if !(t.contains("timestamp") || t.contains("datetime")) {
                Some(format!(
                    "has type {t}, where a time on {}'s wall clock needs a timestamp without zone",
                    tz.name()
                ))
            } else if !target.db().knows_zone(tz.name()).await? {
                Some(format!(
                    "is kept in {}, which the database cannot convert: load its time zone tables \
                     (mariadb-tzinfo-to-sql /usr/share/zoneinfo | mariadb mysql)",
                    tz.name()
                ))
            } else {
                None
            }
        }
    })
}

fn expected_words(kind: Kind) -> &'static str {
    match kind {
        Kind::Integer => "an integer (money in minor units)",
        Kind::Real => "a number",
        Kind::Text => "text",
        Kind::Time => "a timestamp",
    }
}

/// Whether a live column can hold what the pack reads and writes as `kind`.
fn fits(kind: Kind, column: &LiveColumn, backend: &str) -> bool {
    let t = column.data_type.as_str();
    let integer = t.contains("int") || t == "serial" || t == "bigserial";
    let real = ["real", "double", "float", "numeric", "decimal"].iter().any(|w| t.contains(w));
    let text = ["char", "text", "clob", "enum", "json"].iter().any(|w| t.contains(w)) || t == "name";
    let time = t.contains("timestamp") || t.contains("datetime");
    match kind {
        Kind::Integer => integer,
        Kind::Real => real || integer,
        Kind::Text => text,
        // SQLite keeps instants as RFC 3339 text.
        Kind::Time => time || (backend == "sqlite" && text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(data_type: &str) -> LiveColumn {
        LiveColumn { name: "x".into(), data_type: data_type.into() }
    }

    #[test]
    fn kinds_fit_each_databases_type_names() {
        assert!(fits(Kind::Integer, &column("bigint"), "postgres"));
        assert!(fits(Kind::Integer, &column("integer"), "sqlite"));
        assert!(fits(Kind::Integer, &column("int"), "mysql"));
        assert!(!fits(Kind::Integer, &column("decimal"), "mysql"), "money in major units is not minor units");
        assert!(fits(Kind::Time, &column("timestamp with time zone"), "postgres"));
        assert!(fits(Kind::Time, &column("datetime"), "mysql"));
        assert!(fits(Kind::Time, &column("text"), "sqlite"));
        assert!(!fits(Kind::Time, &column("text"), "postgres"));
        assert!(fits(Kind::Text, &column("character varying"), "postgres"));
        assert!(fits(Kind::Text, &column("enum"), "mysql"));
        assert!(fits(Kind::Real, &column("double precision"), "postgres"));
    }
}
