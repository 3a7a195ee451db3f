//! Turning `--db` into a connected pool, with errors a person can act on.

use super::Pool;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::PgConnectOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};

use super::Store;
use crate::error::{Error, Result, one_line};

/// Where the database lives. Its `Display` and `Debug` hide every password.
#[derive(Clone, PartialEq, Eq)]
pub enum DbLocation {
    /// A SQLite file, created when missing (a plain path, or `mode=rwc`).
    Sqlite(PathBuf),
    /// A SQLite file that must already exist (`mode=ro` or `mode=rw`): nothing is created.
    SqliteExisting {
        path: PathBuf,
        read_only: bool,
    },
    Postgres(String),
}

impl DbLocation {
    /// Parses `--db`: `postgres://…`/`postgresql://…`; sqlx-style SQLite URLs
    /// (`sqlite://relative.db`, `sqlite:///abs.db`, `sqlite:relative.db`, each
    /// with an optional `?mode=ro|rw|rwc`); or a plain path, where `?` is just
    /// part of the file name.
    pub fn parse(url: &str) -> Result<DbLocation> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(DbLocation::Postgres(url.to_owned()));
        }
        let unsupported = || {
            Error::Usage(format!(
                "unsupported database URL `{}`; use a file path, sqlite://PATH or postgres://…",
                redact_url(url)
            ))
        };
        let Some(rest) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) else {
            if url.is_empty() || url.contains("://") {
                return Err(unsupported());
            }
            return Ok(DbLocation::Sqlite(PathBuf::from(url)));
        };
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        if path.is_empty() || path.contains("://") {
            return Err(unsupported());
        }
        let in_memory = || {
            Error::Usage(format!(
                "`{url}` is an in-memory database, which keeps nothing after the command ends; give a file"
            ))
        };
        if path == ":memory:" {
            return Err(in_memory());
        }
        let path = PathBuf::from(path);
        let mut location = DbLocation::Sqlite(path.clone());
        for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
            location = match (&*name, &*value) {
                ("mode", "rwc") => DbLocation::Sqlite(path.clone()),
                ("mode", "rw") => DbLocation::SqliteExisting { path: path.clone(), read_only: false },
                ("mode", "ro") => DbLocation::SqliteExisting { path: path.clone(), read_only: true },
                ("mode", "memory") => return Err(in_memory()),
                ("mode", other) => {
                    return Err(Error::Usage(format!(
                        "unknown SQLite mode `{other}` in `{url}`; use mode=ro, mode=rw or mode=rwc"
                    )));
                }
                (other, _) => {
                    return Err(Error::Usage(format!(
                        "unknown SQLite URL parameter `{other}` in `{url}`; opsgate understands only mode=ro|rw|rwc"
                    )));
                }
            };
        }
        Ok(location)
    }
}

/// The location with every password removed, safe to print.
impl fmt::Display for DbLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DbLocation::Sqlite(path) | DbLocation::SqliteExisting { path, .. } => {
                write!(f, "{}", path.display())
            }
            DbLocation::Postgres(url) => f.write_str(&redact_url(url)),
        }
    }
}

impl fmt::Debug for DbLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DbLocation::Sqlite(path) => f.debug_tuple("Sqlite").field(path).finish(),
            DbLocation::SqliteExisting { path, read_only } => {
                f.debug_struct("SqliteExisting").field("path", path).field("read_only", read_only).finish()
            }
            DbLocation::Postgres(url) => f.debug_tuple("Postgres").field(&redact_url(url)).finish(),
        }
    }
}

/// Query parameters that carry a secret (libpq's `password` and `sslpassword`).
const SECRET_PARAMETERS: [&str; 2] = ["password", "sslpassword"];

fn is_secret(parameter: &str) -> bool {
    SECRET_PARAMETERS.iter().any(|secret| parameter.eq_ignore_ascii_case(secret))
}

/// Replaces a URL's passwords, in its userinfo and in `password=` query pairs, with `***`.
pub fn redact_url(text: &str) -> String {
    let Ok(mut url) = url::Url::parse(text) else {
        return redact_unparsable(text);
    };
    if url.password().is_some() {
        // Fails only for URLs without a host, which have no password to hide.
        let _ = url.set_password(Some("***"));
    }
    if url.query_pairs().any(|(name, _)| is_secret(&name)) {
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(name, value)| {
                let value = if is_secret(&name) { "***".to_owned() } else { value.into_owned() };
                (name.into_owned(), value)
            })
            .collect();
        url.query_pairs_mut().clear().extend_pairs(pairs);
    }
    url.to_string()
}

/// For text `url` cannot parse: the userinfo's password and the whole query hidden.
fn redact_unparsable(text: &str) -> String {
    let (text, query) = match text.split_once('?') {
        Some((before, _)) => (before, "?***"),
        None => (text, ""),
    };
    let Some((scheme, rest)) = text.split_once("://") else {
        return format!("{text}{query}");
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _password)) => format!("{scheme}://{user}:***@{host}{tail}{query}"),
            None => format!("{text}{query}"),
        },
        None => format!("{text}{query}"),
    }
}

/// SQLite connections of an ordinary command. One: every command reads and
/// writes through a single connection (no code waits on a second one while it
/// holds a transaction), and each further connection would read the whole
/// schema again when it opens (~1.7 ms a cold `plan` once paid twice over,
/// because sqlx returns a connection to the pool in a spawned task and the
/// next query would open another).
pub const SQLITE_COMMAND_CONNECTIONS: u32 = 1;

pub(super) async fn connect(location: &DbLocation, sqlite_connections: u32) -> Result<Store> {
    let n = sqlite_connections.max(1);
    match location {
        DbLocation::Sqlite(path) => connect_sqlite(path, SqliteOpen::CreateWhenMissing, n).await,
        DbLocation::SqliteExisting { path, read_only: false } => {
            connect_sqlite(path, SqliteOpen::ReadWrite, n).await
        }
        DbLocation::SqliteExisting { path, read_only: true } => {
            connect_sqlite(path, SqliteOpen::ReadOnly, n).await
        }
        DbLocation::Postgres(url) => connect_postgres(url).await,
    }
}

/// How a SQLite file is opened: SQLite's `mode=rwc`, `rw` and `ro`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SqliteOpen {
    CreateWhenMissing,
    ReadWrite,
    ReadOnly,
}

async fn connect_sqlite(path: &Path, open: SqliteOpen, connections: u32) -> Result<Store> {
    if open == SqliteOpen::CreateWhenMissing {
        create_private_file(path)?;
    } else if !path.exists() {
        return Err(Error::NotFound(format!(
            "{} does not exist; mode=ro and mode=rw open only an existing database (mode=rwc creates it)",
            path.display()
        )));
    }
    let mut options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(open == SqliteOpen::CreateWhenMissing)
        .read_only(open == SqliteOpen::ReadOnly)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(30))
        // 64 MiB of page cache per connection (allocated as used): the audit log's
        // indexes outgrow the 2 MiB default and appends then miss the cache.
        .pragma("cache_size", "-65536");
    if open != SqliteOpen::ReadOnly {
        // Switching the journal is a write; a read-only connection reads whichever it finds.
        options = options.journal_mode(SqliteJournalMode::Wal);
    }
    let pool = sqlx::pool::PoolOptions::new()
        .max_connections(connections)
        .acquire_timeout(Duration::from_secs(30))
        .connect_with(options)
        .await
        .map_err(|e| {
            Error::Database(format!("cannot open {}: {}", path.display(), one_line(&e.to_string())))
        })?;
    Ok(Store::from_pool(Pool::Sqlite(pool)))
}

/// Creates a missing database file readable by its owner only (SQLite gives
/// its `-wal` and `-shm` files the same mode), in a directory that is created
/// 0700 when missing. An existing file or directory keeps its mode: the owner chose it.
fn create_private_file(path: &Path) -> Result<()> {
    if path.exists() {
        return Ok(());
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty() && !p.exists()) {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder.create(parent).map_err(|e| Error::io(format!("cannot create {}", parent.display()), e))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        // Another process created it first: theirs is as private as ours.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(Error::io(format!("cannot create {}", path.display()), e)),
    }
}

/// A WAL larger than this is checkpointed when a command ends.
const WAL_SHRINK_BYTES: u64 = 512 * 1024;

impl Store {
    /// Checkpoints and truncates a SQLite WAL that has grown past
    /// [`WAL_SHRINK_BYTES`], without waiting for other processes: when one is
    /// busy with the database, the WAL stays as it is until a later command.
    pub async fn shrink_wal(&self, db: &Path) {
        let Pool::Sqlite(pool) = self.pool() else { return };
        let mut wal = db.as_os_str().to_owned();
        wal.push("-wal");
        let size = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
        if size <= WAL_SHRINK_BYTES {
            return;
        }
        if let Ok(mut conn) = pool.acquire().await {
            // Best effort: a checkpoint that cannot finish now is simply left for later.
            let _ = sqlx::query("PRAGMA busy_timeout = 0").execute(&mut *conn).await;
            let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&mut *conn).await;
        }
    }
}

/// Connections are opened on demand, so a single command still uses one; the
/// ceiling leaves room for `worker --concurrency` (at most 16) plus its poller.
pub const PG_MAX_CONNECTIONS: u32 = 20;

/// opsgate's schema first on every connection's search path, before whatever
/// the URL or the role chose: opsgate's statements name its tables unqualified
/// (as on SQLite, where the `opsgate_` prefix alone keeps them apart), and the
/// team's tables resolve as they always did.
const OPSGATE_SCHEMA_FIRST: &str = "SELECT set_config('search_path', \
     CASE WHEN current_setting('search_path') = '' THEN 'opsgate' \
     ELSE 'opsgate, ' || current_setting('search_path') END, false)";

/// A search path as it was before [`OPSGATE_SCHEMA_FIRST`].
pub(super) fn without_opsgate_schema(path: &str) -> String {
    if path == "opsgate" { String::new() } else { path.strip_prefix("opsgate, ").unwrap_or(path).to_owned() }
}

async fn connect_postgres(url: &str) -> Result<Store> {
    let unreachable = |e: sqlx::Error| {
        Error::Database(format!("cannot connect to {}: {}", redact_url(url), one_line(&e.to_string())))
    };
    let options = PgConnectOptions::from_str(url).map_err(unreachable)?;
    let pool = sqlx::pool::PoolOptions::new()
        .max_connections(PG_MAX_CONNECTIONS)
        .acquire_timeout(Duration::from_secs(10))
        .after_connect(|conn, _| {
            Box::pin(async move {
                sqlx::query(OPSGATE_SCHEMA_FIRST).execute(conn).await?;
                Ok(())
            })
        })
        .connect_with(options)
        .await
        .map_err(unreachable)?;
    Ok(Store::from_pool(Pool::Postgres(pool)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_url_form() {
        let sqlite = |path: &str| DbLocation::Sqlite(path.into());
        let existing = |path: &str, read_only| DbLocation::SqliteExisting { path: path.into(), read_only };
        assert_eq!(DbLocation::parse("/tmp/x.db").unwrap(), sqlite("/tmp/x.db"));
        assert_eq!(DbLocation::parse("/tmp/x?y.db").unwrap(), sqlite("/tmp/x?y.db"));
        assert_eq!(DbLocation::parse("sqlite:///tmp/x.db").unwrap(), sqlite("/tmp/x.db"));
        assert_eq!(DbLocation::parse("sqlite://data/x.db").unwrap(), sqlite("data/x.db"));
        assert_eq!(DbLocation::parse("sqlite:x.db").unwrap(), sqlite("x.db"));
        assert_eq!(DbLocation::parse("sqlite://x.db?mode=rwc").unwrap(), sqlite("x.db"));
        assert_eq!(DbLocation::parse("sqlite:///tmp/x.db?mode=rw").unwrap(), existing("/tmp/x.db", false));
        assert_eq!(DbLocation::parse("sqlite:x.db?mode=ro").unwrap(), existing("x.db", true));
        for bad in [
            "sqlite://x.db?mode=memory",
            "sqlite::memory:",
            "sqlite://x.db?mode=w",
            "sqlite://x.db?cache=shared",
        ] {
            assert!(matches!(DbLocation::parse(bad), Err(Error::Usage(_))), "{bad}");
        }
        assert!(DbLocation::parse("sqlite://").is_err());
        assert!(matches!(DbLocation::parse("postgres://u@h/db").unwrap(), DbLocation::Postgres(_)));
        assert!(DbLocation::parse("mysql://h/db").is_err());
        assert!(DbLocation::parse("").is_err());
    }

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(redact_url("postgres://ops:s3cret@db:5432/ops"), "postgres://ops:***@db:5432/ops");
        assert_eq!(redact_url("postgres://ops@db/ops"), "postgres://ops@db/ops");
        assert_eq!(
            redact_url("postgres://db/ops?sslmode=require&password=x&PassWord=y"),
            "postgres://db/ops?sslmode=require&password=***&PassWord=***"
        );
        assert_eq!(
            redact_url("postgresql://ops:p%40ss@db/ops?sslpassword=k"),
            "postgresql://ops:***@db/ops?sslpassword=***"
        );
        assert_eq!(
            redact_url("postgres://ops:s3cret@[::1/ops?password=x"),
            "postgres://ops:***@[::1/ops?***"
        );
        let location = DbLocation::parse("postgres://ops:s3cret@db/ops?password=s3cret").unwrap();
        assert_eq!(location.to_string(), "postgres://ops:***@db/ops?password=***");
        assert!(!format!("{location:?}").contains("s3cret"));
    }
}
