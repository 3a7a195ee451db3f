//! The database behind one door: SQLite or PostgreSQL, chosen by URL, with the
//! same named operations on both. SQL lives here, next to the methods that run it.
//!
//! Most statements are written once with `$N` placeholders (which SQLite accepts too)
//! and compiled against both native pools by [`on_pool!`] / [`on_tx!`]; where the
//! dialects differ, the difference stays inside this module.

mod agents;
mod alerts;
mod approvals;
mod audit;
mod checkpoints;
mod config;
mod connect;
mod enrolments;
mod migrations;
mod nonces;
mod packs;
mod plans;
mod playbooks;
mod policy;
mod rbac;
mod rows;
mod runbooks;
mod snapshot;
mod staff;
mod text_column;

use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};

use std::sync::Arc;

use crate::error::Result;
use crate::sealed::Sealer;

pub use agents::{AgentCredentialRow, AgentRow, WindowUsage};
pub use alerts::{
    AlertRuleRow, AlertStaffRow, AlertSubscriptionRow, NewAlert, NewEvaluation, OpenComplaintRow,
    UnresolvedAlertRow,
};
pub use approvals::{ApprovalRow, ClaimRow, KeyRow, NewApproval};
pub use audit::{AuditFilter, VerifyReport};
pub use connect::{DbLocation, redact_url};
pub use enrolments::{EnrolmentRow, RoleGrant};
pub use packs::PackRow;
pub use plans::{ActionRow, HistoryFilter, NewAction, PlanRow, TokenRow};
pub use playbooks::{NewPlaybookRun, PlaybookRunRow};
pub use policy::{Counting, PolicySetRow};
pub use rbac::{GrantCounts, KindCounts, SeedOutcome};
pub(crate) use rows::bind_values;
pub use rows::{ResultSet, format_time};
pub use runbooks::{NewRunbook, PassageRow, RunbookRow};
pub(crate) use snapshot::savepoint_sql;
pub use staff::{StaffRow, unknown_role};

/// Runs `$body` with `$pool` bound to whichever native pool the store holds.
/// The body is compiled once per backend, so it may use backend-specific types.
macro_rules! on_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match $store.pool() {
            $crate::store::Pool::Sqlite($pool) => $body,
            $crate::store::Pool::Postgres($pool) => $body,
        }
    };
}

/// Like [`on_pool!`], for an open transaction.
macro_rules! on_tx {
    ($tx:expr, $conn:ident => $body:expr) => {
        match $tx {
            $crate::store::Tx::Sqlite($conn) => $body,
            $crate::store::Tx::Postgres($conn) => $body,
        }
    };
}

pub(crate) use {on_pool, on_tx};

/// An opened, migrated database, with the instance key that seals its secrets
/// when the opener holds it.
#[derive(Clone, Debug)]
pub struct Store {
    pool: Pool,
    sealer: Option<Arc<Sealer>>,
    /// The back office actions run on, when it is not this database's own under its logical names.
    target: Option<Arc<crate::target::Target>>,
}

/// The native connection pool behind a [`Store`].
#[derive(Clone, Debug)]
pub enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A write transaction on either backend. Dropping it without [`Tx::commit`] rolls back.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Store {
    /// Opens (creating SQLite files as needed) and migrates the database.
    pub async fn open(location: &DbLocation) -> Result<Store> {
        Store::open_with_connections(location, connect::SQLITE_COMMAND_CONNECTIONS).await
    }

    /// Like [`Store::open`], with up to `sqlite_connections` SQLite connections
    /// for work that runs side by side in one process (the worker's `--concurrency`).
    /// PostgreSQL pools always open connections as needed, up to their ceiling.
    pub async fn open_with_connections(location: &DbLocation, sqlite_connections: u32) -> Result<Store> {
        let store = connect::connect(location, sqlite_connections).await?;
        let read_only = matches!(location, DbLocation::SqliteExisting { read_only: true, .. });
        migrations::run(&store, read_only).await?;
        Ok(store)
    }

    /// This database opened again with up to `sqlite_connections` SQLite
    /// connections, sealing with the same instance key.
    pub async fn reopen_with_connections(
        &self,
        location: &DbLocation,
        sqlite_connections: u32,
    ) -> Result<Store> {
        let mut store = Store::open_with_connections(location, sqlite_connections).await?;
        store.sealer = self.sealer.clone();
        store.target = self.target.clone();
        Ok(store)
    }

    pub(crate) fn from_pool(pool: Pool) -> Store {
        Store { pool, sealer: None, target: None }
    }

    /// Connects without creating or migrating anything: a team's database
    /// that opsgate acts on but keeps no state in.
    pub(crate) async fn connect_only(location: &DbLocation) -> Result<Store> {
        connect::connect(location, connect::SQLITE_COMMAND_CONNECTIONS).await
    }

    /// The same database, acting on `target`'s back office.
    pub fn with_target(mut self, target: crate::target::Target) -> Store {
        self.target = Some(Arc::new(target));
        self
    }

    /// The back office actions run on: the configured target, or this database's own.
    pub fn target(&self) -> crate::target::Target {
        match &self.target {
            Some(target) => (**target).clone(),
            None => crate::target::Target::state(Store { target: None, ..self.clone() }),
        }
    }

    /// The same database, with the instance key that seals its secrets.
    pub fn with_sealer(mut self, sealer: Sealer) -> Store {
        self.sealer = Some(Arc::new(sealer));
        self
    }

    /// The native pool, for code that runs its own SQL (tests, benchmarks).
    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    /// The instance key; an error for a store opened without one.
    pub fn sealer(&self) -> Result<&Sealer> {
        self.sealer.as_deref().ok_or_else(|| {
            crate::error::Error::Config(
                "this needs the instance key that seals secrets, and the database was opened without it"
                    .into(),
            )
        })
    }

    /// Which backend this is, for messages and tests.
    pub fn backend(&self) -> &'static str {
        match self.pool {
            Pool::Sqlite(_) => "sqlite",
            Pool::Postgres(_) => "postgres",
        }
    }

    /// Starts a write transaction. On SQLite it takes the write lock up front
    /// (`BEGIN IMMEDIATE`) so that concurrent writers wait instead of failing
    /// with SQLITE_BUSY halfway through.
    pub async fn begin(&self) -> Result<Tx> {
        Ok(match &self.pool {
            Pool::Sqlite(pool) => Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Pool::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// Closes the pool, waiting for connections to finish (flushes SQLite's WAL).
    pub async fn close(&self) {
        on_pool!(self, pool => pool.close().await)
    }
}

impl Tx {
    pub async fn commit(self) -> Result<()> {
        on_tx!(self, tx => tx.commit().await?);
        Ok(())
    }

    /// Undoes the whole transaction now, rather than when the connection is
    /// next used (which is all dropping it guarantees).
    pub async fn rollback(self) -> Result<()> {
        on_tx!(self, tx => tx.rollback().await?);
        Ok(())
    }
}
