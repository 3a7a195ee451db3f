//! The database the built-in pack acts on, behind one door: the state
//! database itself (its own back office), another SQLite or PostgreSQL
//! database, or MySQL / MariaDB. Statements arrive already in the team's names
//! and placeholders; this only runs them and reads rows back.

use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::Value;
use sqlx::mysql::{MySqlConnectOptions, MySqlPool, MySqlRow};
use sqlx::{AssertSqlSafe, Column, MySql, Row, Transaction, TypeInfo, ValueRef};

use super::convention::Dialect;
use crate::error::{Error, Result, one_line};
use crate::payload::{SqlStatement, SqlValue};
use crate::store::{DbLocation, ResultSet, Store, Tx, format_time, redact_url};

/// Where the back office lives.
#[derive(Clone, Debug)]
pub enum Db {
    /// SQLite or PostgreSQL: the state database, or another one opened without migrations.
    Store(Store),
    MySql(MySqlPool),
}

/// One live column of a team's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveColumn {
    pub name: String,
    /// The database's own type name, lowercased (`bigint`, `varchar`, `timestamp with time zone`).
    pub data_type: String,
}

impl Db {
    /// Connects to a target URL: a SQLite path or URL, `postgres://…`, or `mysql://…` / `mariadb://…`.
    /// Nothing is created or migrated: a target is the team's.
    pub async fn connect(url: &str) -> Result<Db> {
        if let Some(rest) = url.strip_prefix("mariadb://") {
            return connect_mysql(&format!("mysql://{rest}")).await;
        }
        if url.starts_with("mysql://") {
            return connect_mysql(url).await;
        }
        let location = match DbLocation::parse(url)? {
            DbLocation::Sqlite(path) | DbLocation::SqliteExisting { path, .. } if !path.exists() => {
                return Err(Error::NotFound(format!("target {} does not exist", path.display())));
            }
            DbLocation::Sqlite(path) => DbLocation::SqliteExisting { path, read_only: false },
            other => other,
        };
        Ok(Db::Store(Store::connect_only(&location).await?))
    }

    pub fn dialect(&self) -> Dialect {
        match self {
            Db::Store(store) if store.backend() == "postgres" => Dialect::Postgres,
            Db::Store(_) => Dialect::Sqlite,
            Db::MySql(_) => Dialect::MySql,
        }
    }

    pub fn backend(&self) -> &'static str {
        match self {
            Db::Store(store) => store.backend(),
            Db::MySql(_) => "mysql",
        }
    }

    pub async fn query_rows(&self, statement: &SqlStatement, now: DateTime<Utc>) -> Result<ResultSet> {
        match self {
            Db::Store(store) => store.query_rows(statement, now).await,
            Db::MySql(pool) => {
                let query = bind_mysql(
                    sqlx::query(AssertSqlSafe(statement.sql.clone())),
                    &statement.params,
                    now,
                    None,
                );
                let rows = query.fetch_all(pool).await?;
                result_set(&rows)
            }
        }
    }

    /// Columns of one row read as text (`None` when the row is missing); names are the team's.
    pub async fn snapshot_row(
        &self,
        table: &str,
        key_column: &str,
        key: &str,
        columns: &[&str],
    ) -> Result<Option<Vec<Option<String>>>> {
        match self {
            Db::Store(store) => store.snapshot_row(table, key_column, key, columns).await,
            Db::MySql(pool) => {
                let sql = mysql_snapshot_sql(table, key_column, columns);
                let row = sqlx::query(AssertSqlSafe(sql)).bind(key.to_owned()).fetch_optional(pool).await?;
                row.map(|row| mysql_text_columns(&row, columns.len())).transpose()
            }
        }
    }

    /// The live columns of `table` (bare name, in `schema` when given), in the table's order;
    /// empty when there is no such table.
    pub async fn live_columns(&self, schema: Option<&str>, table: &str) -> Result<Vec<LiveColumn>> {
        let rows: Vec<(String, String)> = match self {
            Db::Store(store) => store.live_columns(schema, table).await?,
            Db::MySql(pool) => sqlx::query_as(MYSQL_COLUMNS).bind(schema).bind(table).fetch_all(pool).await?,
        };
        Ok(rows
            .into_iter()
            .map(|(name, data_type)| LiveColumn { name, data_type: data_type.to_lowercase() })
            .collect())
    }

    /// Whether the database can convert times from the zone `name` (MySQL
    /// needs its time zone tables loaded; PostgreSQL carries its own).
    pub async fn knows_zone(&self, name: &str) -> Result<bool> {
        match self {
            Db::Store(_) => Ok(true),
            Db::MySql(pool) => {
                let converted: Option<String> =
                    sqlx::query_scalar("SELECT CAST(CONVERT_TZ('2026-01-01 12:00:00', ?, '+00:00') AS CHAR)")
                        .bind(name)
                        .fetch_one(pool)
                        .await?;
                Ok(converted.is_some())
            }
        }
    }

    /// Every table of the team's: (schema, name).
    pub async fn tables(&self) -> Result<Vec<(Option<String>, String)>> {
        match self {
            Db::Store(store) => store.live_tables().await,
            Db::MySql(pool) => {
                let rows: Vec<(String, String)> = sqlx::query_as(
                    "SELECT CAST(table_schema AS CHAR), CAST(table_name AS CHAR) FROM information_schema.tables \
                     WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY 2",
                )
                .fetch_all(pool)
                .await?;
                Ok(rows.into_iter().map(|(_, name)| (None, name)).collect())
            }
        }
    }

    /// A transaction of its own on this database.
    pub async fn begin(&self) -> Result<DbTx<'static>> {
        Ok(match self {
            Db::Store(store) => DbTx::Own(store.begin().await?),
            Db::MySql(pool) => DbTx::MySql(pool.begin().await?),
        })
    }

    pub async fn close(&self) {
        match self {
            Db::Store(store) => store.close().await,
            Db::MySql(pool) => pool.close().await,
        }
    }
}

/// A transaction on the back office: borrowed from the state database (the
/// write and its audit entry then commit together), or its own.
pub enum DbTx<'a> {
    State(&'a mut Tx),
    Own(Tx),
    MySql(Transaction<'static, MySql>),
}

impl DbTx<'_> {
    /// Runs one statement (for `action`, when it is an action's); the rows it affected.
    pub async fn execute(
        &mut self,
        statement: &SqlStatement,
        now: DateTime<Utc>,
        action: Option<i64>,
    ) -> std::result::Result<u64, sqlx::Error> {
        match self {
            DbTx::State(tx) => tx.execute_statement(statement, now, action).await,
            DbTx::Own(tx) => tx.execute_statement(statement, now, action).await,
            DbTx::MySql(tx) => {
                let query = bind_mysql(
                    sqlx::query(AssertSqlSafe(statement.sql.clone())),
                    &statement.params,
                    now,
                    action,
                );
                Ok(query.execute(&mut **tx).await?.rows_affected())
            }
        }
    }

    /// Rows of one statement inside this transaction.
    pub async fn query_rows(&mut self, statement: &SqlStatement, now: DateTime<Utc>) -> Result<ResultSet> {
        match self {
            DbTx::State(tx) => tx.query_rows(statement, now).await,
            DbTx::Own(tx) => tx.query_rows(statement, now).await,
            DbTx::MySql(tx) => {
                let query = bind_mysql(
                    sqlx::query(AssertSqlSafe(statement.sql.clone())),
                    &statement.params,
                    now,
                    None,
                );
                let rows = query.fetch_all(&mut **tx).await?;
                result_set(&rows)
            }
        }
    }

    pub async fn snapshot_row(
        &mut self,
        table: &str,
        key_column: &str,
        key: &str,
        columns: &[&str],
    ) -> Result<Option<Vec<Option<String>>>> {
        match self {
            DbTx::State(tx) => tx.snapshot_row(table, key_column, key, columns).await,
            DbTx::Own(tx) => tx.snapshot_row(table, key_column, key, columns).await,
            DbTx::MySql(tx) => {
                let sql = mysql_snapshot_sql(table, key_column, columns);
                let row =
                    sqlx::query(AssertSqlSafe(sql)).bind(key.to_owned()).fetch_optional(&mut **tx).await?;
                row.map(|row| mysql_text_columns(&row, columns.len())).transpose()
            }
        }
    }

    /// Every column of `table` (as the statement names it, schema and all), in order.
    pub async fn table_columns(&mut self, table: &str) -> Result<Vec<String>> {
        match self {
            DbTx::State(tx) => tx.table_columns(table).await,
            DbTx::Own(tx) => tx.table_columns(table).await,
            DbTx::MySql(tx) => {
                let (schema, bare) = match table.split_once('.') {
                    Some((schema, bare)) => (Some(schema), bare),
                    None => (None, table),
                };
                let columns: Vec<(String, String)> =
                    sqlx::query_as(MYSQL_COLUMNS).bind(schema).bind(bare).fetch_all(&mut **tx).await?;
                Ok(columns.into_iter().map(|(name, _)| name).collect())
            }
        }
    }

    pub async fn savepoint(&mut self, name: &str) -> Result<()> {
        self.savepoint_command("SAVEPOINT", name).await
    }

    pub async fn release_savepoint(&mut self, name: &str) -> Result<()> {
        self.savepoint_command("RELEASE SAVEPOINT", name).await
    }

    pub async fn rollback_to_savepoint(&mut self, name: &str) -> Result<()> {
        self.savepoint_command("ROLLBACK TO SAVEPOINT", name).await
    }

    async fn savepoint_command(&mut self, command: &str, name: &str) -> Result<()> {
        match self {
            DbTx::State(tx) => tx.savepoint_command(command, name).await,
            DbTx::Own(tx) => tx.savepoint_command(command, name).await,
            DbTx::MySql(tx) => {
                let sql = crate::store::savepoint_sql(command, name)?;
                sqlx::query(AssertSqlSafe(sql)).execute(&mut **tx).await?;
                Ok(())
            }
        }
    }

    /// Commits a transaction of its own; one borrowed from the state database
    /// commits with it, later.
    pub async fn commit(self) -> Result<()> {
        match self {
            DbTx::State(_) => Ok(()),
            DbTx::Own(tx) => tx.commit().await,
            DbTx::MySql(tx) => Ok(tx.commit().await?),
        }
    }

    pub async fn rollback(self) -> Result<()> {
        match self {
            DbTx::State(_) => Ok(()),
            DbTx::Own(tx) => tx.rollback().await,
            DbTx::MySql(tx) => Ok(tx.rollback().await?),
        }
    }
}

/// Name and type of every column of one table, in order (the session's database unless a schema is given).
const MYSQL_COLUMNS: &str = "SELECT CAST(column_name AS CHAR), CAST(data_type AS CHAR) FROM information_schema.columns \
     WHERE table_schema = COALESCE(?, DATABASE()) AND table_name = ? ORDER BY ordinal_position";

/// MySQL's connect timeout is long by default; a target that does not answer fails fast.
async fn connect_mysql(url: &str) -> Result<Db> {
    let unreachable = |e: sqlx::Error| {
        Error::Database(format!("cannot connect to target {}: {}", redact_url(url), one_line(&e.to_string())))
    };
    let options =
        MySqlConnectOptions::from_str(url).map_err(unreachable)?.timezone(Some("+00:00".to_owned()));
    let pool = sqlx::pool::PoolOptions::new()
        .max_connections(8)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
        .map_err(unreachable)?;
    Ok(Db::MySql(pool))
}

fn bind_mysql<'q>(
    mut query: sqlx::query::Query<'q, MySql, sqlx::mysql::MySqlArguments>,
    params: &[SqlValue],
    now: DateTime<Utc>,
    action: Option<i64>,
) -> sqlx::query::Query<'q, MySql, sqlx::mysql::MySqlArguments> {
    use crate::payload::NullKind;
    for value in params {
        query = match value {
            SqlValue::Null(NullKind::Int) => query.bind(None::<i64>),
            SqlValue::Null(NullKind::Text) => query.bind(None::<String>),
            SqlValue::Bool(b) => query.bind(*b),
            SqlValue::Int(i) => query.bind(*i),
            SqlValue::Float(f) => query.bind(*f),
            SqlValue::Text(t) => query.bind(t.clone()),
            // Stored as UTC wall-clock time (the session's time zone is UTC).
            SqlValue::Time(t) => query.bind(t.naive_utc()),
            SqlValue::Now => query.bind(now.naive_utc()),
            SqlValue::Details(t) => query.bind(crate::payload::details_for(t, action)),
        };
    }
    query
}

fn quoted_mysql(name: &str) -> String {
    format!("`{}`", name.replace('`', "``"))
}

fn mysql_snapshot_sql(table: &str, key_column: &str, columns: &[&str]) -> String {
    let select: Vec<String> = columns.iter().map(|c| format!("CAST({} AS CHAR)", quoted_mysql(c))).collect();
    let table: Vec<String> = table.split('.').map(quoted_mysql).collect();
    format!("SELECT {} FROM {} WHERE {} = ?", select.join(", "), table.join("."), quoted_mysql(key_column))
}

fn mysql_text_columns(row: &MySqlRow, count: usize) -> Result<Vec<Option<String>>> {
    (0..count).map(|i| row.try_get::<Option<String>, _>(i).map_err(Error::from)).collect()
}

fn result_set(rows: &[MySqlRow]) -> Result<ResultSet> {
    let mut set = ResultSet::default();
    if let Some(first) = rows.first() {
        set.columns = first.columns().iter().map(|c| c.name().to_owned()).collect();
    }
    for row in rows {
        set.rows.push((0..row.columns().len()).map(|i| mysql_cell(row, i)).collect::<Result<Vec<_>>>()?);
    }
    Ok(set)
}

fn mysql_cell(row: &MySqlRow, index: usize) -> Result<Value> {
    let raw = row.try_get_raw(index)?;
    if raw.is_null() {
        return Ok(Value::Null);
    }
    let type_name = raw.type_info().name().to_owned();
    let number = |f: f64| serde_json::Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null);
    Ok(match type_name.as_str() {
        "BIGINT" | "INT" | "MEDIUMINT" | "SMALLINT" | "TINYINT" => Value::from(row.try_get::<i64, _>(index)?),
        "BIGINT UNSIGNED" | "INT UNSIGNED" | "MEDIUMINT UNSIGNED" | "SMALLINT UNSIGNED"
        | "TINYINT UNSIGNED" => Value::from(row.try_get::<u64, _>(index)?),
        "BOOLEAN" => Value::from(row.try_get::<bool, _>(index)?),
        "DOUBLE" => number(row.try_get::<f64, _>(index)?),
        "FLOAT" => number(f64::from(row.try_get::<f32, _>(index)?)),
        // DECIMAL arrives as its exact text; shown as a number when it is one.
        "DECIMAL" => {
            let text = row.try_get_unchecked::<String, _>(index)?;
            text.parse::<f64>().ok().map(number).unwrap_or(Value::from(text))
        }
        "DATETIME" | "TIMESTAMP" => {
            let naive = row.try_get::<NaiveDateTime, _>(index)?;
            Value::from(format_time(naive.and_utc()))
        }
        "VARCHAR" | "CHAR" | "TEXT" | "TINYTEXT" | "MEDIUMTEXT" | "LONGTEXT" | "ENUM" | "DATE" | "TIME"
        | "JSON" => Value::from(row.try_get_unchecked::<String, _>(index)?),
        other => {
            return Err(Error::Internal(format!(
                "column `{}` has type {other}, which answers cannot show",
                row.columns()[index].name()
            )));
        }
    })
}
