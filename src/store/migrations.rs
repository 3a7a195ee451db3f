//! The versioned schema, embedded in the binary and applied on open, in
//! three chains that each keep their own record:
//!
//! - **state**: opsgate's own tables, in its namespace (`opsgate_` tables; on
//!   PostgreSQL in the schema `opsgate`). Always applied.
//! - **back office**: the bundled ops tables (staff, roles, bookings, …),
//!   created only in a database that holds none of them; a database that
//!   already has a back office is adopted as it is and never altered.
//! - **legacy**: the single chain of databases created before the namespace,
//!   finished and then moved into the namespace once (`legacy/adopt.sql`).
//!
//! Forward-only: sqlx refuses to start if an applied migration's text changed.

use super::Pool;
use std::borrow::Cow;

use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AssertSqlSafe, SqlSafeStr};

use super::{Store, Tx, on_tx};
use crate::error::{Error, Result};

struct Versioned {
    version: i64,
    description: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

/// One chain of migrations and where each backend records it.
struct Chain {
    migrations: &'static [Versioned],
    sqlite_table: &'static str,
    postgres_table: &'static str,
}

static STATE: Chain = Chain {
    migrations: &[
        Versioned {
            version: 20261208000001,
            description: "opsgate state",
            sqlite: include_str!("../../migrations/sqlite/state/20261208000001_opsgate_state.sql"),
            postgres: include_str!("../../migrations/postgres/state/20261208000001_opsgate_state.sql"),
        },
        Versioned {
            version: 20261214000001,
            description: "packs",
            sqlite: include_str!("../../migrations/sqlite/state/20261214000001_packs.sql"),
            postgres: include_str!("../../migrations/postgres/state/20261214000001_packs.sql"),
        },
    ],
    sqlite_table: "opsgate_migrations",
    postgres_table: "opsgate.opsgate_migrations",
};

static BACK_OFFICE: Chain = Chain {
    migrations: &[Versioned {
        version: 20261208000001,
        description: "back office",
        sqlite: include_str!("../../migrations/sqlite/back_office/20261208000001_back_office.sql"),
        postgres: include_str!("../../migrations/postgres/back_office/20261208000001_back_office.sql"),
    }],
    sqlite_table: "opsgate_back_office_migrations",
    postgres_table: "opsgate.opsgate_back_office_migrations",
};

/// The tables of the bundled back office. A database with any of them has a
/// back office of its own, which opsgate adopts instead of creating one.
pub const BACK_OFFICE_TABLES: [&str; 16] = [
    "roles",
    "permissions",
    "role_permissions",
    "staff",
    "staff_sessions",
    "staff_activity_log",
    "users",
    "providers",
    "bookings",
    "complaints",
    "priority_queue",
    "alert_rules",
    "alert_subscriptions",
    "alerts",
    "ops_config",
    "ops_audit_log",
];

static LEGACY: Chain = Chain {
    migrations: &[
        Versioned {
            version: 20261123000001,
            description: "initial",
            sqlite: include_str!("../../migrations/sqlite/legacy/20261123000001_initial.sql"),
            postgres: include_str!("../../migrations/postgres/legacy/20261123000001_initial.sql"),
        },
        Versioned {
            version: 20261123000002,
            description: "approvals queue",
            sqlite: include_str!("../../migrations/sqlite/legacy/20261123000002_approvals_queue.sql"),
            postgres: include_str!("../../migrations/postgres/legacy/20261123000002_approvals_queue.sql"),
        },
        Versioned {
            version: 20261123000003,
            description: "runbooks",
            sqlite: include_str!("../../migrations/sqlite/legacy/20261123000003_runbooks.sql"),
            postgres: include_str!("../../migrations/postgres/legacy/20261123000003_runbooks.sql"),
        },
        Versioned {
            version: 20261123000004,
            description: "alert evaluations",
            sqlite: include_str!("../../migrations/sqlite/legacy/20261123000004_alert_evaluations.sql"),
            postgres: include_str!("../../migrations/postgres/legacy/20261123000004_alert_evaluations.sql"),
        },
        Versioned {
            version: 20261123000005,
            description: "playbook runs",
            sqlite: include_str!("../../migrations/sqlite/legacy/20261123000005_playbook_runs.sql"),
            postgres: include_str!("../../migrations/postgres/legacy/20261123000005_playbook_runs.sql"),
        },
        Versioned {
            version: 20261123000006,
            description: "audit hash not unique",
            sqlite: include_str!("../../migrations/sqlite/legacy/20261123000006_audit_hash_not_unique.sql"),
            postgres: include_str!(
                "../../migrations/postgres/legacy/20261123000006_audit_hash_not_unique.sql"
            ),
        },
        Versioned {
            version: 20261206000007,
            description: "sessions and policy",
            sqlite: include_str!("../../migrations/sqlite/legacy/20261206000007_sessions_policy.sql"),
            postgres: include_str!("../../migrations/postgres/legacy/20261206000007_sessions_policy.sql"),
        },
        Versioned {
            version: 20261207000008,
            description: "playbook rate limited",
            sqlite: include_str!("../../migrations/sqlite/legacy/20261207000008_playbook_rate_limited.sql"),
            postgres: include_str!(
                "../../migrations/postgres/legacy/20261207000008_playbook_rate_limited.sql"
            ),
        },
        Versioned {
            version: 20261207000009,
            description: "enrolment",
            sqlite: include_str!("../../migrations/sqlite/legacy/20261207000009_enrolment.sql"),
            postgres: include_str!("../../migrations/postgres/legacy/20261207000009_enrolment.sql"),
        },
        Versioned {
            version: 20261207000010,
            description: "team mode",
            sqlite: include_str!("../../migrations/sqlite/legacy/20261207000010_team_mode.sql"),
            postgres: include_str!("../../migrations/postgres/legacy/20261207000010_team_mode.sql"),
        },
        Versioned {
            version: 20261207000011,
            description: "audit checkpoints",
            sqlite: include_str!("../../migrations/sqlite/legacy/20261207000011_audit_checkpoints.sql"),
            postgres: include_str!("../../migrations/postgres/legacy/20261207000011_audit_checkpoints.sql"),
        },
    ],
    sqlite_table: "_sqlx_migrations",
    postgres_table: "_sqlx_migrations",
};

const ADOPT_SQLITE: &str = include_str!("../../migrations/sqlite/legacy/adopt.sql");
const ADOPT_POSTGRES: &str = include_str!("../../migrations/postgres/legacy/adopt.sql");

/// Serializes concurrent first opens of one PostgreSQL database.
const POSTGRES_MIGRATION_LOCK: i64 = 0x6f70_7367_6174_6501;

impl Chain {
    fn migrator(&self, postgres: bool) -> Migrator {
        let mut migrator = Migrator::with_migrations(
            self.migrations
                .iter()
                .map(|m| {
                    let sql = if postgres { m.postgres } else { m.sqlite };
                    Migration::new(
                        m.version,
                        Cow::Borrowed(m.description),
                        MigrationType::Simple,
                        sql.into_sql_str(),
                        false,
                    )
                })
                .collect(),
        );
        migrator.dangerous_set_table_name(if postgres { self.postgres_table } else { self.sqlite_table });
        if postgres && self.postgres_table.starts_with("opsgate.") {
            migrator.create_schema("opsgate");
        }
        // The caller holds the database for the whole open (one transaction).
        migrator.set_locking(false);
        migrator
    }

    fn table(&self, store: &Store) -> &'static str {
        match store.pool() {
            Pool::Sqlite(_) => self.sqlite_table,
            Pool::Postgres(_) => self.postgres_table,
        }
    }

    /// The (version, checksum) of every migration this build knows, in order.
    fn expected(&self, postgres: bool) -> Vec<(i64, Vec<u8>)> {
        self.migrator(postgres).iter().map(|m| (m.version, m.checksum.to_vec())).collect()
    }

    fn latest(&self) -> i64 {
        self.migrations.last().map(|m| m.version).unwrap_or(0)
    }

    /// What this chain has recorded, or `None` when it has no record at all.
    async fn applied(&self, store: &Store) -> Option<Vec<(i64, Vec<u8>)>> {
        let sql =
            format!("SELECT version, checksum FROM {} WHERE success ORDER BY version", self.table(store));
        match store.pool() {
            Pool::Sqlite(pool) => sqlx::query_as(AssertSqlSafe(sql)).fetch_all(pool).await.ok(),
            Pool::Postgres(pool) => sqlx::query_as(AssertSqlSafe(sql)).fetch_all(pool).await.ok(),
        }
    }

    /// Whether this chain needs nothing applied: `Some(true)` when its record
    /// holds every migration this build knows, `None` when it has no record.
    async fn current(&self, store: &Store) -> Option<bool> {
        let postgres = matches!(store.pool(), Pool::Postgres(_));
        self.applied(store).await.map(|applied| applied == self.expected(postgres))
    }

    /// Applies (or, with `record_only`, records as applied without running)
    /// every pending migration, inside `tx`.
    async fn apply(&self, tx: &mut Tx, record_only: bool) -> Result<()> {
        self.apply_to(tx, None, record_only).await
    }

    /// [`Chain::apply`] of the migrations up to and including version `to`.
    async fn apply_to(&self, tx: &mut Tx, to: Option<i64>, record_only: bool) -> Result<()> {
        match tx {
            Tx::Sqlite(conn) => self.migrator(false).run_direct(to, &mut **conn, record_only).await?,
            Tx::Postgres(conn) => self.migrator(true).run_direct(to, &mut **conn, record_only).await?,
        }
        Ok(())
    }
}

/// Migrates the database; one opened read-only (SQLite `mode=ro`, or a
/// PostgreSQL role that may only SELECT) is instead checked to be current,
/// so that an auditor without write access can read and verify it.
pub(super) async fn run(store: &Store, read_only: bool) -> Result<()> {
    if read_only {
        return check_current(store).await;
    }
    // The common case, without taking the write lock: nothing to do.
    // (No back-office record: an adopted back office, which opsgate never migrates.)
    if STATE.current(store).await == Some(true) && BACK_OFFICE.current(store).await != Some(false) {
        return Ok(());
    }
    match migrate(store).await {
        Ok(()) => Ok(()),
        // A role without the rights to migrate can still read a current database.
        Err(error) if matches!(store.pool(), Pool::Postgres(_)) => {
            check_current(store).await.map_err(|_| error)
        }
        Err(error) => Err(error),
    }
}

/// Every step of bringing the schema up to date, in one transaction: a
/// process that dies part-way leaves the database as it found it.
async fn migrate(store: &Store) -> Result<()> {
    let mut tx = store.begin().await?;
    if let Tx::Postgres(conn) = &mut tx {
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(POSTGRES_MIGRATION_LOCK)
            .execute(&mut **conn)
            .await?;
    }
    let legacy = is_legacy(&mut tx).await?;
    if legacy {
        LEGACY.apply(&mut tx, false).await?;
        let adopt = if matches!(tx, Tx::Postgres(_)) { ADOPT_POSTGRES } else { ADOPT_SQLITE };
        on_tx!(&mut tx, conn => {
            sqlx::raw_sql(AssertSqlSafe(adopt)).execute(&mut **conn).await?;
            sqlx::raw_sql("DROP TABLE _sqlx_migrations").execute(&mut **conn).await?;
        });
    }
    // A legacy database's back office is the bundled one, already in place.
    if legacy || has_chain(&mut tx, &BACK_OFFICE).await? || !has_back_office(&mut tx).await? {
        let ours = enter_team_schema(&mut tx).await?;
        BACK_OFFICE.apply(&mut tx, legacy).await?;
        leave_team_schema(&mut tx, ours).await?;
    }
    if legacy {
        // `adopt.sql` brought it to the first state migration; later ones run as usual.
        STATE.apply_to(&mut tx, STATE.migrations.first().map(|m| m.version), true).await?;
    }
    STATE.apply(&mut tx, false).await?;
    tx.commit().await
}

/// A database from before the namespace: sqlx's default record holding this
/// build's first legacy migration, checksum and all (a team's own sqlx
/// migrations table would hold other ones).
async fn is_legacy(tx: &mut Tx) -> Result<bool> {
    let Some(first) =
        LEGACY.migrator(matches!(tx, Tx::Postgres(_))).iter().next().map(|m| m.checksum.to_vec())
    else {
        return Ok(false);
    };
    let exists = table_exists(tx, "_sqlx_migrations").await?;
    if !exists {
        return Ok(false);
    }
    let sql = "SELECT checksum FROM _sqlx_migrations WHERE version = 20261123000001";
    let checksum: Option<Vec<u8>> =
        on_tx!(tx, conn => sqlx::query_scalar(sql).fetch_optional(&mut **conn).await?);
    Ok(checksum.as_deref() == Some(first.as_slice()))
}

async fn has_chain(tx: &mut Tx, chain: &Chain) -> Result<bool> {
    let table = match tx {
        Tx::Sqlite(_) => chain.sqlite_table,
        Tx::Postgres(_) => chain.postgres_table,
    };
    table_exists(tx, table).await
}

async fn has_back_office(tx: &mut Tx) -> Result<bool> {
    for table in BACK_OFFICE_TABLES {
        if table_exists(tx, table).await? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether `table` (on PostgreSQL, as the search path resolves it) exists.
async fn table_exists(tx: &mut Tx, table: &str) -> Result<bool> {
    Ok(match tx {
        Tx::Sqlite(conn) => {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $1",
            )
            .bind(table)
            .fetch_one(&mut **conn)
            .await?
                > 0
        }
        Tx::Postgres(conn) => {
            sqlx::query_scalar::<_, bool>("SELECT to_regclass($1) IS NOT NULL")
                .bind(table)
                .fetch_one(&mut **conn)
                .await?
        }
    })
}

/// Sets PostgreSQL's search path, for the rest of the transaction, back to
/// what the connection had before opsgate's schema was put first, so that
/// the back office's tables land in the team's schema. Returns the path to
/// restore.
async fn enter_team_schema(tx: &mut Tx) -> Result<Option<String>> {
    let Tx::Postgres(conn) = tx else { return Ok(None) };
    let ours: String =
        sqlx::query_scalar("SELECT current_setting('search_path')").fetch_one(&mut **conn).await?;
    let team = super::connect::without_opsgate_schema(&ours);
    sqlx::query("SELECT set_config('search_path', $1, true)").bind(team).execute(&mut **conn).await?;
    Ok(Some(ours))
}

async fn leave_team_schema(tx: &mut Tx, ours: Option<String>) -> Result<()> {
    if let (Tx::Postgres(conn), Some(ours)) = (tx, ours) {
        sqlx::query("SELECT set_config('search_path', $1, true)").bind(ours).execute(&mut **conn).await?;
    }
    Ok(())
}

/// Succeeds when the state chain holds every migration this build knows.
async fn check_current(store: &Store) -> Result<()> {
    let latest = STATE.latest();
    let applied = STATE.applied(store).await;
    match applied.as_ref().and_then(|rows| rows.last()).map(|(version, _)| *version) {
        Some(version) if version >= latest => Ok(()),
        Some(version) => Err(Error::Config(format!(
            "the database is at migration {version} and this opsgate needs {latest}: open it once with write access to migrate it"
        ))),
        None if LEGACY.applied(store).await.is_some() => Err(Error::Config(
            "the database was created by an earlier opsgate: open it once with write access to move its state into opsgate's namespace".into(),
        )),
        None => Err(Error::Config(
            "the database has no opsgate schema: open it once with write access (or `opsgate seed rbac`) to create it".into(),
        )),
    }
}
