//! The test harness: a fresh database and private XDG directories per test,
//! and a small builder that runs the real binary and asserts on what a user sees.

pub mod mock_llm;
pub mod server;
pub mod terminal;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use opsgate::store::{DbLocation, Pool, Store};
use serde_json::Value;
use tempfile::TempDir;

/// Every test process is bounded: no command may hang the suite.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(120);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres { admin_url: String },
}

pub fn backend() -> Backend {
    match std::env::var("OPSGATE_TEST_BACKEND").as_deref() {
        Ok("postgres") => Backend::Postgres {
            admin_url: std::env::var("OPSGATE_TEST_PG_URL")
                .expect("OPSGATE_TEST_BACKEND=postgres needs OPSGATE_TEST_PG_URL (scripts/test sets both)"),
        },
        Ok("sqlite") | Err(_) => Backend::Sqlite,
        Ok(other) => panic!("unknown OPSGATE_TEST_BACKEND `{other}`"),
    }
}

/// One test's world: its own home directories and its own empty database.
pub struct Env {
    pub home: TempDir,
    pub db_url: String,
    pub backend: Backend,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(future)
}

impl Env {
    pub fn new() -> Env {
        let home = tempfile::tempdir().unwrap();
        let backend = backend();
        let db_url = match &backend {
            Backend::Sqlite => home.path().join("opsgate.db").display().to_string(),
            Backend::Postgres { admin_url } => {
                let name = format!(
                    "og_{}_{}_{}",
                    std::process::id(),
                    COUNTER.fetch_add(1, Ordering::SeqCst),
                    std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .unwrap()
                        .subsec_nanos()
                );
                block_on(async {
                    use sqlx::Connection;
                    let mut conn = sqlx::PgConnection::connect(admin_url).await.unwrap();
                    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                        .execute(&mut conn)
                        .await
                        .unwrap();
                });
                let base = admin_url.rsplit_once('/').unwrap().0;
                format!("{base}/{name}")
            }
        };
        Env { home, db_url, backend }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.home.path().join("data")
    }

    pub fn config_dir(&self) -> PathBuf {
        self.home.path().join("config")
    }

    pub fn key_dir(&self) -> PathBuf {
        self.config_dir().join("opsgate/keys")
    }

    /// A command for the real binary with this world's environment.
    pub fn command(&self) -> assert_cmd::Command {
        let mut command = assert_cmd::Command::from_std(self.std_command());
        command.timeout(COMMAND_TIMEOUT);
        command
    }

    /// The same, as a process to spawn and control (workers, kill tests).
    pub fn std_command(&self) -> std::process::Command {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_opsgate"));
        command
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.home.path())
            .env("XDG_DATA_HOME", self.data_dir())
            .env("XDG_CONFIG_HOME", self.config_dir())
            .env("USER", "ci")
            .env("OPSGATE_DB", &self.db_url);
        command
    }

    /// Runs `opsgate ARGS…`.
    pub fn run<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let mut command = self.command();
        command.args(args);
        Run::from(command.output().unwrap())
    }

    /// Runs `opsgate --as EMAIL ARGS…`.
    pub fn run_as<I, S>(&self, email: &str, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let mut command = self.command();
        command.arg("--as").arg(email).args(args);
        Run::from(command.output().unwrap())
    }

    /// Seeds RBAC with test staff, as CI would.
    pub fn seeded(self) -> Env {
        self.run(["seed", "rbac", "--test-staff"]).exit(0);
        self
    }

    /// Seeds RBAC with test staff and loads the demo data set into this backend's database.
    pub fn with_demo_data(self) -> Env {
        let env = self.seeded();
        block_on(async {
            let store = env.store().await;
            let mut tx = store.begin().await.unwrap();
            opsgate::demo::populate(&mut tx, chrono::Utc::now()).await.unwrap();
            tx.commit().await.unwrap();
            store.close().await;
        });
        env
    }

    /// A digest of every ops table's content, every column of every row (read
    /// from the live schema, so a column no write was expected to touch counts
    /// too): equal digests mean nothing changed.
    pub fn ops_checksum(&self) -> String {
        const OPS_TABLES: [&str; 10] = [
            "bookings",
            "users",
            "providers",
            "complaints",
            "priority_queue",
            "staff",
            "ops_config",
            "alert_rules",
            "alert_subscriptions",
            "ops_audit_log",
        ];
        block_on(async {
            let store = self.store().await;
            let mut digest = String::new();
            for table in OPS_TABLES {
                let columns = store.table_columns(table).await.unwrap();
                assert!(!columns.is_empty(), "no table `{table}`");
                let key = if table == "ops_config" { "key" } else { "id" };
                let parts: Vec<String> =
                    columns.iter().map(|c| format!("COALESCE(CAST({c} AS TEXT), '<null>')")).collect();
                let sql = format!("SELECT {} FROM {table} ORDER BY {key}", parts.join(" || '|' || "));
                let rows: Vec<String> = match store.pool() {
                    Pool::Sqlite(pool) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await,
                    Pool::Postgres(pool) => {
                        sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await
                    }
                }
                .unwrap();
                digest.push_str(&format!(
                    "{table}:{}:{}\n",
                    rows.len(),
                    opsgate::canonical::sha256_hex(rows.join("\n").as_bytes())
                ));
            }
            store.close().await;
            digest
        })
    }

    /// Plans a prompt as someone and returns the plan JSON (any exit code).
    pub fn plan_json(&self, email: &str, prompt: &str) -> Value {
        self.run_as(email, ["plan", prompt, "-o", "json"]).json()
    }

    pub fn location(&self) -> DbLocation {
        DbLocation::parse(&self.db_url).unwrap()
    }

    /// Opens the database with the library (migrations applied), with the
    /// instance key the binary uses in this world, so that secrets seal alike.
    pub async fn store(&self) -> Store {
        let key =
            opsgate::sealed::Sealer::load_or_create(&self.config_dir().join("opsgate/instance.key")).unwrap();
        Store::open(&self.location()).await.unwrap().with_sealer(key)
    }

    /// One integer from a SQL query, on whichever backend this is.
    pub fn scalar(&self, sql: &str) -> i64 {
        let sql = sql.to_owned();
        block_on(async {
            let store = self.store().await;
            let value = match store.pool() {
                Pool::Sqlite(pool) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await,
                Pool::Postgres(pool) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await,
            };
            store.close().await;
            value.unwrap()
        })
    }

    /// One text value from a SQL query.
    pub fn scalar_text(&self, sql: &str) -> String {
        let sql = sql.to_owned();
        block_on(async {
            let store = self.store().await;
            let value: Result<String, _> = match store.pool() {
                Pool::Sqlite(pool) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await,
                Pool::Postgres(pool) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await,
            };
            store.close().await;
            value.unwrap()
        })
    }

    /// Every column of one row (by `id`) as text, in the schema's order.
    pub fn row(&self, table: &str, id: i64) -> Vec<(String, Option<String>)> {
        block_on(async {
            let store = self.store().await;
            let columns = store.table_columns(table).await.unwrap();
            let names: Vec<&str> = columns.iter().map(String::as_str).collect();
            let values = store.snapshot_row(table, "id", &id.to_string(), &names).await.unwrap();
            store.close().await;
            columns.into_iter().zip(values.unwrap_or_else(|| panic!("no {table} {id}"))).collect()
        })
    }

    /// Runs a SQL statement directly, as a database owner could; returns the driver's error text.
    pub fn sql(&self, sql: &str) -> Result<u64, String> {
        let sql = sql.to_owned();
        block_on(async {
            let store = self.store().await;
            let result = match store.pool() {
                Pool::Sqlite(pool) => {
                    sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(pool).await.map(|r| r.rows_affected())
                }
                Pool::Postgres(pool) => {
                    sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(pool).await.map(|r| r.rows_affected())
                }
            };
            store.close().await;
            result.map_err(|e| e.to_string())
        })
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self.backend, Backend::Postgres { .. })
    }
}

/// A finished run of the binary, with assertions that print everything on failure.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<std::process::Output> for Run {
    fn from(output: std::process::Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Run {
    #[track_caller]
    pub fn exit(self, code: i32) -> Run {
        assert_eq!(
            self.code, code,
            "unexpected exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stdout_has(self, needle: &str) -> Run {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(self, needle: &str) -> Run {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// The needle on either stream (a denied plan is shown on stdout, a refusal on stderr).
    #[track_caller]
    pub fn says(self, needle: &str) -> Run {
        assert!(
            self.stdout.contains(needle) || self.stderr.contains(needle),
            "neither stream has {needle:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// stdout parsed as one JSON document (asserting that it is exactly that).
    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not one JSON document ({e})\n--- stdout\n{}\n--- stderr\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

/// The repository root, for files the tests read.
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Someone's TOTP authenticator in a test: enrolls them and hands out codes
/// that are each accepted once (steps only move forward, as the server demands).
pub struct Authenticator {
    secret: opsgate::totp::TotpSecret,
    last_step: Option<i64>,
}

impl Authenticator {
    /// Enrolls `email` (who needs their registered private key, as test staff have).
    pub fn enroll(env: &Env, email: &str) -> Authenticator {
        let out = env.run_as(email, ["staff", "totp", "enroll", "-o", "json"]).exit(0).json();
        let secret = opsgate::totp::TotpSecret::from_base32(out["secret"].as_str().unwrap()).unwrap();
        // The secret counts once a first code from it is confirmed. That code's
        // step is then used up; confirming with the previous step's code (still
        // accepted, ±1 step) leaves the current one for the test, unless the
        // current step is about to end.
        let now =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
        let current = opsgate::totp::step_at(now);
        let into_step = now - current * opsgate::totp::STEP_SECONDS;
        let step = if into_step < opsgate::totp::STEP_SECONDS - 5 { current - 1 } else { current };
        env.run_as(email, ["staff", "totp", "confirm", "--totp", &secret.code_at_step(step)]).exit(0);
        Authenticator { secret, last_step: Some(step) }
    }

    /// A code that has not been used yet (waits for the next 30-second step when all
    /// accepted steps are spent).
    pub fn next_code(&mut self) -> String {
        loop {
            let now =
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
            let current = opsgate::totp::step_at(now);
            // Never the previous step: it could expire between here and the server's check.
            let step = self.last_step.map_or(current, |last| (last + 1).max(current));
            if step <= current + 1 {
                self.last_step = Some(step);
                return self.secret.code_at_step(step);
            }
            std::thread::sleep(Duration::from_secs(1));
        }
    }

    /// A code this person already used (the last one handed out).
    pub fn used_code(&self) -> String {
        self.secret.code_at_step(self.last_step.expect("no code handed out yet"))
    }
}

/// Every RFC 3339 time in `text` still has its digits (the phone detector once ate them).
#[track_caller]
pub fn times_are_intact(text: &str) {
    let bytes = text.as_bytes();
    let mut seen = 0;
    for start in 0..bytes.len().saturating_sub(11) {
        let date = &bytes[start..start + 11];
        let shaped = date.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            10 => *b == b'T' || *b == b' ',
            _ => b.is_ascii_digit(),
        });
        if shaped {
            seen += 1;
            let time: String = text[start..].chars().take(27).collect();
            assert!(!time.contains('*'), "a timestamp was masked: {time}");
        }
    }
    assert!(seen > 0, "no timestamp to check in:\n{text}");
}
