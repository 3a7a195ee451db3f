//! Rows read as text, for target versions and dry-runs; the live schema's
//! columns; and savepoints, so that one step of a simulation can fail without
//! spoiling the transaction the others run in.

use sqlx::{AssertSqlSafe, Row};

use super::{Pool, Store, Tx, on_pool, on_tx};
use crate::error::{Error, Result};

impl Store {
    /// Columns of one row, read as text (identical on both backends), or `None` if the row is missing.
    /// `table`, `key_column` and `columns` come from code or the live schema, never from input; `key` is bound.
    pub async fn snapshot_row(
        &self,
        table: &str,
        key_column: &str,
        key: &str,
        columns: &[&str],
    ) -> Result<Option<Vec<Option<String>>>> {
        let (sql, numeric_key) = snapshot_sql(table, key_column, key, columns);
        Ok(on_pool!(self, pool => {
            let query = sqlx::query(AssertSqlSafe(sql));
            let query = match numeric_key { Some(id) => query.bind(id), None => query.bind(key.to_owned()) };
            match query.fetch_optional(pool).await? {
                Some(row) => Some(text_columns(&row, columns.len())?),
                None => None,
            }
        }))
    }

    /// Every table outside opsgate's namespace: (schema, name); the schema is
    /// `None` on SQLite.
    pub async fn live_tables(&self) -> Result<Vec<(Option<String>, String)>> {
        Ok(match self.pool() {
            Pool::Sqlite(pool) => {
                let names: Vec<String> = sqlx::query_scalar(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'opsgate\\_%' ESCAPE '\\' \
                     AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
                )
                .fetch_all(pool)
                .await?;
                names.into_iter().map(|name| (None, name)).collect()
            }
            Pool::Postgres(pool) => {
                let rows: Vec<(String, String)> = sqlx::query_as(
                    "SELECT CAST(table_schema AS TEXT), CAST(table_name AS TEXT) FROM information_schema.tables \
                     WHERE table_schema NOT IN ('pg_catalog', 'information_schema', 'opsgate') \
                     AND table_type = 'BASE TABLE' ORDER BY 1, 2",
                )
                .fetch_all(pool)
                .await?;
                rows.into_iter().map(|(schema, name)| (Some(schema), name)).collect()
            }
        })
    }

    /// Name and declared type of every column of `table` (in `schema` when
    /// given), in the table's order; empty when there is no such table.
    pub async fn live_columns(&self, schema: Option<&str>, table: &str) -> Result<Vec<(String, String)>> {
        Ok(match self.pool() {
            Pool::Sqlite(pool) => {
                sqlx::query_as("SELECT name, type FROM pragma_table_info($1) ORDER BY cid")
                    .bind(table)
                    .fetch_all(pool)
                    .await?
            }
            Pool::Postgres(pool) => {
                let qualified = match schema {
                    Some(schema) => format!("{schema}.{table}"),
                    None => table.to_owned(),
                };
                sqlx::query_as(
                    "SELECT CAST(attname AS TEXT), format_type(atttypid, atttypmod) FROM pg_attribute \
                     WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
                )
                .bind(qualified)
                .fetch_all(pool)
                .await?
            }
        })
    }

    /// Every column of `table`, in the schema's order (empty when there is no such table).
    pub async fn table_columns(&self, table: &str) -> Result<Vec<String>> {
        Ok(match self.pool() {
            Pool::Sqlite(pool) => sqlx::query_scalar(SQLITE_COLUMNS).bind(table).fetch_all(pool).await?,
            Pool::Postgres(pool) => sqlx::query_scalar(POSTGRES_COLUMNS).bind(table).fetch_all(pool).await?,
        })
    }
}

impl Tx {
    /// Runs one statement of a payload; the rows it affected.
    pub async fn execute_statement(
        &mut self,
        statement: &crate::payload::SqlStatement,
        now: chrono::DateTime<chrono::Utc>,
        action: Option<i64>,
    ) -> std::result::Result<u64, sqlx::Error> {
        Ok(on_tx!(self, conn => {
            let query =
                super::bind_values!(sqlx::query(AssertSqlSafe(statement.sql.clone())), &statement.params, now, action);
            query.execute(&mut **conn).await?.rows_affected()
        }))
    }

    /// [`Store::snapshot_row`] inside a transaction (sees its uncommitted changes).
    pub async fn snapshot_row(
        &mut self,
        table: &str,
        key_column: &str,
        key: &str,
        columns: &[&str],
    ) -> Result<Option<Vec<Option<String>>>> {
        let (sql, numeric_key) = snapshot_sql(table, key_column, key, columns);
        Ok(on_tx!(self, tx => {
            let query = sqlx::query(AssertSqlSafe(sql));
            let query = match numeric_key { Some(id) => query.bind(id), None => query.bind(key.to_owned()) };
            match query.fetch_optional(&mut **tx).await? {
                Some(row) => Some(text_columns(&row, columns.len())?),
                None => None,
            }
        }))
    }

    /// [`Store::table_columns`] inside a transaction.
    pub async fn table_columns(&mut self, table: &str) -> Result<Vec<String>> {
        Ok(match self {
            Tx::Sqlite(tx) => sqlx::query_scalar(SQLITE_COLUMNS).bind(table).fetch_all(&mut **tx).await?,
            Tx::Postgres(tx) => sqlx::query_scalar(POSTGRES_COLUMNS).bind(table).fetch_all(&mut **tx).await?,
        })
    }

    /// Marks a point this transaction can roll back to without ending it.
    pub async fn savepoint(&mut self, name: &str) -> Result<()> {
        self.savepoint_command("SAVEPOINT", name).await
    }

    /// Forgets a savepoint, keeping what was done since.
    pub async fn release_savepoint(&mut self, name: &str) -> Result<()> {
        self.savepoint_command("RELEASE SAVEPOINT", name).await
    }

    /// Undoes everything since the savepoint; on PostgreSQL this also clears
    /// the "transaction is aborted" state a failed statement leaves behind.
    pub async fn rollback_to_savepoint(&mut self, name: &str) -> Result<()> {
        self.savepoint_command("ROLLBACK TO SAVEPOINT", name).await
    }

    pub(crate) async fn savepoint_command(&mut self, command: &str, name: &str) -> Result<()> {
        let sql = savepoint_sql(command, name)?;
        on_tx!(self, tx => { sqlx::query(AssertSqlSafe(sql)).execute(&mut **tx).await?; });
        Ok(())
    }
}

/// `SAVEPOINT name` and its kin. Savepoint names cannot be bound; they come
/// from code, so anything but a plain name is refused.
pub(crate) fn savepoint_sql(command: &str, name: &str) -> Result<String> {
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(Error::Internal(format!("`{name}` is not a savepoint name")));
    }
    Ok(format!("{command} {name}"))
}

const SQLITE_COLUMNS: &str = "SELECT name FROM pragma_table_info($1) ORDER BY cid";
/// The table as the search path resolves it (opsgate's schema, then the team's).
const POSTGRES_COLUMNS: &str = "SELECT CAST(attname AS TEXT) FROM pg_attribute \
     WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped ORDER BY attnum";

fn snapshot_sql(table: &str, key_column: &str, key: &str, columns: &[&str]) -> (String, Option<i64>) {
    let select: Vec<String> = columns.iter().map(|c| format!("CAST({} AS TEXT)", quoted(c))).collect();
    let sql = format!("SELECT {} FROM {table} WHERE {} = $1", select.join(", "), quoted(key_column));
    let numeric_key = if key_column == "id" { key.parse::<i64>().ok() } else { None };
    (sql, numeric_key)
}

/// A column name as an SQL identifier. Plain lowercase names stay bare: SQLite
/// reads a double-quoted name that matches no column as a string literal, which
/// would hide a misspelt column in code. Names from a team's live schema that
/// are not plain (capitals, spaces) exist by construction, so quoting them is safe.
fn quoted(column: &str) -> String {
    let plain = column.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && column.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if plain { column.to_owned() } else { format!("\"{}\"", column.replace('"', "\"\"")) }
}

fn text_columns<R: Row>(row: &R, count: usize) -> Result<Vec<Option<String>>>
where
    usize: sqlx::ColumnIndex<R>,
    for<'r> Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    (0..count).map(|i| row.try_get::<Option<String>, _>(i).map_err(Error::from)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_column_names_are_quoted_and_the_key_is_bound() {
        let (sql, key) = snapshot_sql("bookings", "id", "7", &["status", "odd\"name"]);
        assert_eq!(
            sql,
            "SELECT CAST(status AS TEXT), CAST(\"odd\"\"name\" AS TEXT) FROM bookings WHERE id = $1"
        );
        assert_eq!(key, Some(7));
        let (_, key) = snapshot_sql("ops_config", "key", "sla.buffer_hours", &["value"]);
        assert_eq!(key, None);
    }
}
