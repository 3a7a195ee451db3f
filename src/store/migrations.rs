//! The versioned schema, embedded in the binary and applied on open.
//! Forward-only: sqlx refuses to start if an applied migration's text changed.

use super::Pool;
use std::borrow::Cow;

use sqlx::SqlSafeStr;
use sqlx::migrate::{Migration, MigrationType, Migrator};

use super::Store;
use crate::error::Result;

struct Versioned {
    version: i64,
    description: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

const MIGRATIONS: &[Versioned] = &[
    Versioned {
        version: 20261123000001,
        description: "initial",
        sqlite: include_str!("../../migrations/sqlite/20261123000001_initial.sql"),
        postgres: include_str!("../../migrations/postgres/20261123000001_initial.sql"),
    },
    Versioned {
        version: 20261123000002,
        description: "approvals queue",
        sqlite: include_str!("../../migrations/sqlite/20261123000002_approvals_queue.sql"),
        postgres: include_str!("../../migrations/postgres/20261123000002_approvals_queue.sql"),
    },
    Versioned {
        version: 20261123000003,
        description: "runbooks",
        sqlite: include_str!("../../migrations/sqlite/20261123000003_runbooks.sql"),
        postgres: include_str!("../../migrations/postgres/20261123000003_runbooks.sql"),
    },
    Versioned {
        version: 20261123000004,
        description: "alert evaluations",
        sqlite: include_str!("../../migrations/sqlite/20261123000004_alert_evaluations.sql"),
        postgres: include_str!("../../migrations/postgres/20261123000004_alert_evaluations.sql"),
    },
    Versioned {
        version: 20261123000005,
        description: "playbook runs",
        sqlite: include_str!("../../migrations/sqlite/20261123000005_playbook_runs.sql"),
        postgres: include_str!("../../migrations/postgres/20261123000005_playbook_runs.sql"),
    },
    Versioned {
        version: 20261123000006,
        description: "audit hash not unique",
        sqlite: include_str!("../../migrations/sqlite/20261123000006_audit_hash_not_unique.sql"),
        postgres: include_str!("../../migrations/postgres/20261123000006_audit_hash_not_unique.sql"),
    },
    Versioned {
        version: 20261206000007,
        description: "sessions and policy",
        sqlite: include_str!("../../migrations/sqlite/20261206000007_sessions_policy.sql"),
        postgres: include_str!("../../migrations/postgres/20261206000007_sessions_policy.sql"),
    },
    Versioned {
        version: 20261207000008,
        description: "playbook rate limited",
        sqlite: include_str!("../../migrations/sqlite/20261207000008_playbook_rate_limited.sql"),
        postgres: include_str!("../../migrations/postgres/20261207000008_playbook_rate_limited.sql"),
    },
    Versioned {
        version: 20261207000009,
        description: "enrolment",
        sqlite: include_str!("../../migrations/sqlite/20261207000009_enrolment.sql"),
        postgres: include_str!("../../migrations/postgres/20261207000009_enrolment.sql"),
    },
    Versioned {
        version: 20261207000010,
        description: "team mode",
        sqlite: include_str!("../../migrations/sqlite/20261207000010_team_mode.sql"),
        postgres: include_str!("../../migrations/postgres/20261207000010_team_mode.sql"),
    },
    Versioned {
        version: 20261207000011,
        description: "audit checkpoints",
        sqlite: include_str!("../../migrations/sqlite/20261207000011_audit_checkpoints.sql"),
        postgres: include_str!("../../migrations/postgres/20261207000011_audit_checkpoints.sql"),
    },
];

fn migrator(pick: fn(&Versioned) -> &'static str) -> Migrator {
    Migrator::with_migrations(
        MIGRATIONS
            .iter()
            .map(|m| {
                Migration::new(
                    m.version,
                    Cow::Borrowed(m.description),
                    MigrationType::Simple,
                    pick(m).into_sql_str(),
                    false,
                )
            })
            .collect(),
    )
}

/// Migrates the database; one opened read-only (SQLite `mode=ro`, or a
/// PostgreSQL role that may only SELECT) is instead checked to be current,
/// so that an auditor without write access can read and verify it.
pub(super) async fn run(store: &Store, read_only: bool) -> Result<()> {
    if read_only {
        return check_current(store).await;
    }
    let migrated = match store.pool() {
        Pool::Sqlite(pool) => migrator(|m| m.sqlite).run(pool).await,
        Pool::Postgres(pool) => migrator(|m| m.postgres).run(pool).await,
    };
    match migrated {
        Ok(()) => Ok(()),
        // A role without the rights to migrate can still read a current database.
        Err(error) if matches!(store.pool(), Pool::Postgres(_)) => {
            check_current(store).await.map_err(|_| crate::error::Error::from(error))
        }
        Err(error) => Err(error.into()),
    }
}

/// Succeeds when every migration this build knows has been applied.
async fn check_current(store: &Store) -> Result<()> {
    let latest = MIGRATIONS.last().map(|m| m.version).unwrap_or(0);
    let sql = "SELECT MAX(version) FROM _sqlx_migrations WHERE success";
    let applied: Option<i64> = match store.pool() {
        Pool::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.ok().flatten(),
        Pool::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.ok().flatten(),
    };
    match applied {
        Some(version) if version >= latest => Ok(()),
        Some(version) => Err(crate::error::Error::Config(format!(
            "the database is at migration {version} and this opsgate needs {latest}: open it once with write access to migrate it"
        ))),
        None => Err(crate::error::Error::Config(
            "the database has no opsgate schema: open it once with write access (or `opsgate seed rbac`) to create it".into(),
        )),
    }
}
