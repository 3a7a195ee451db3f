//! Policy sets as applied, and the counts caps and rates are checked against.

use chrono::{DateTime, Utc};
use sqlx::AssertSqlSafe;

use super::{Store, Tx, on_pool, on_tx};
use crate::error::Result;
use crate::payload::{SqlStatement, SqlValue};
use crate::policy::Counted;
use crate::time::now_micros;

/// The policy set in force (the newest applied).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PolicySetRow {
    pub id: i64,
    pub text: String,
    pub sha256: String,
    pub rules: i64,
    pub applied_by: String,
    pub applied_at: DateTime<Utc>,
}

/// Which of an actor's steps a count is over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counting {
    /// Steps planned and allowed, by when they were planned.
    Planned,
    /// Steps that started running (and did not stop before), by when they were claimed.
    Ran,
    /// Steps that ran to the end, by when they were claimed.
    Succeeded,
}

/// `WHERE` conditions (after `$1` = since, `$2` = who, `$3` = action to leave out) for one count.
fn conditions(actions: &[String], who: &Counted, counting: Counting) -> String {
    let names: Vec<String> = (0..actions.len()).map(|i| format!("${}", i + 4)).collect();
    let who = match who {
        Counted::Person(_) => "requested_by = $2",
        Counted::Agent(_) => "agent = $2",
    };
    let (status, time) = match counting {
        Counting::Planned => ("decision = 'allowed'", "created_at"),
        Counting::Ran => ("status IN ('executing', 'succeeded', 'failed')", "claimed_at"),
        Counting::Succeeded => ("status = 'succeeded'", "claimed_at"),
    };
    format!("action IN ({}) AND {who} AND {status} AND {time} >= $1 AND id <> $3", names.join(", "))
}

macro_rules! bind_count {
    ($query:expr, $since:expr, $who:expr, $exclude:expr, $actions:expr) => {{
        let query = $query.bind($since);
        let mut query = match $who {
            Counted::Person(id) => query.bind(*id),
            Counted::Agent(name) => query.bind(name.clone()),
        }
        .bind($exclude.unwrap_or(0));
        for action in $actions {
            query = query.bind(action.clone());
        }
        query
    }};
}

impl Store {
    /// One row of a table the payload layer names (never user text), every column.
    pub async fn row_by_key(&self, table: &str, key_column: &str, key: &str) -> Result<super::ResultSet> {
        let key = match key.parse::<i64>() {
            Ok(id) => SqlValue::Int(id),
            Err(_) => SqlValue::Text(key.to_owned()),
        };
        let statement =
            SqlStatement::new(format!("SELECT * FROM {table} WHERE {key_column} = $1"), vec![key]);
        self.query_rows(&statement, now_micros()).await
    }

    pub async fn current_policy_set(&self) -> Result<Option<PolicySetRow>> {
        Ok(on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT p.id, p.text, p.sha256, p.rules, s.email AS applied_by, p.applied_at \
                 FROM opsgate_policy_sets p JOIN staff s ON s.id = p.applied_by ORDER BY p.id DESC LIMIT 1",
            )
            .fetch_optional(pool)
            .await?
        }))
    }

    /// The stored params of matching steps (caps sum one of them).
    pub async fn counted_params(
        &self,
        actions: &[String],
        who: &Counted,
        counting: Counting,
        since: DateTime<Utc>,
        exclude: Option<i64>,
    ) -> Result<Vec<String>> {
        if actions.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!("SELECT params FROM opsgate_actions WHERE {}", conditions(actions, who, counting));
        Ok(on_pool!(self, pool => {
            bind_count!(sqlx::query_scalar(AssertSqlSafe(sql)), since, who, exclude, actions)
                .fetch_all(pool)
                .await?
        }))
    }

    /// How many matching steps there are (rates count them).
    pub async fn counted_steps(
        &self,
        actions: &[String],
        who: &Counted,
        counting: Counting,
        since: DateTime<Utc>,
        exclude: Option<i64>,
    ) -> Result<i64> {
        if actions.is_empty() {
            return Ok(0);
        }
        let sql =
            format!("SELECT COUNT(*) FROM opsgate_actions WHERE {}", conditions(actions, who, counting));
        Ok(on_pool!(self, pool => {
            bind_count!(sqlx::query_scalar(AssertSqlSafe(sql)), since, who, exclude, actions)
                .fetch_one(pool)
                .await?
        }))
    }
}

impl Tx {
    pub async fn insert_policy_set(
        &mut self,
        text: &str,
        sha256: &str,
        rules: i64,
        applied_by: i64,
    ) -> Result<i64> {
        Ok(on_tx!(self, tx => {
            sqlx::query_scalar(
                "INSERT INTO opsgate_policy_sets (text, sha256, rules, applied_by, applied_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(text).bind(sha256).bind(rules).bind(applied_by).bind(now_micros())
            .fetch_one(&mut **tx).await?
        }))
    }

    /// [`Store::counted_params`] inside a transaction.
    pub async fn counted_params(
        &mut self,
        actions: &[String],
        who: &Counted,
        counting: Counting,
        since: DateTime<Utc>,
        exclude: Option<i64>,
    ) -> Result<Vec<String>> {
        if actions.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!("SELECT params FROM opsgate_actions WHERE {}", conditions(actions, who, counting));
        Ok(on_tx!(self, tx => {
            bind_count!(sqlx::query_scalar(AssertSqlSafe(sql)), since, who, exclude, actions)
                .fetch_all(&mut **tx)
                .await?
        }))
    }

    /// Serializes transactions that take the same named lock until they end:
    /// an advisory lock on PostgreSQL; SQLite's write transactions
    /// (`BEGIN IMMEDIATE`) are serialized already.
    pub async fn lock_named(&mut self, name: &str) -> Result<()> {
        if let Tx::Postgres(tx) = self {
            sqlx::query("SELECT pg_advisory_xact_lock(hashtext($1))").bind(name).execute(&mut **tx).await?;
        }
        Ok(())
    }
}
