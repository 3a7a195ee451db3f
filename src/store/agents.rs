//! Registered AI agents and their persisted usage windows.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Store, on_pool, on_tx};
use crate::error::{Error, Result};
use crate::time::now_micros;

/// One row of `agents`, with today's usage.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct AgentRow {
    pub id: i64,
    pub name: String,
    pub model: String,
    pub tier: String,
    pub rate_limit_per_min: i64,
    pub daily_token_budget: i64,
    pub daily_tool_call_budget: i64,
    pub daily_mutation_budget: i64,
    pub status: String,
    pub created_at: DateTime<Utc>,
}

/// Usage counted in one window.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct WindowUsage {
    pub requests: i64,
    pub tokens: i64,
}

const AGENT_COLUMNS: &str = "id, name, model, tier, rate_limit_per_min, daily_token_budget, daily_tool_call_budget, daily_mutation_budget, status, created_at";

impl Store {
    pub async fn agents(&self) -> Result<Vec<AgentRow>> {
        let sql = format!("SELECT {AGENT_COLUMNS} FROM opsgate_agents ORDER BY name");
        Ok(on_pool!(self, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await?))
    }

    pub async fn agent_by_name(&self, name: &str) -> Result<Option<AgentRow>> {
        let sql = format!("SELECT {AGENT_COLUMNS} FROM opsgate_agents WHERE name = $1");
        Ok(
            on_pool!(self, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(name).fetch_optional(pool).await?),
        )
    }

    /// Registers an agent and audits it, in one transaction.
    pub async fn insert_agent(&self, row: &AgentRow, audit: crate::audit::NewAuditEntry) -> Result<i64> {
        let mut tx = self.begin().await?;
        let id: Option<i64> = on_tx!(&mut tx, conn => {
            sqlx::query_scalar(
                "INSERT INTO opsgate_agents (name, model, tier, rate_limit_per_min, daily_token_budget, daily_tool_call_budget, \
                 daily_mutation_budget, status, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 'active', $8) ON CONFLICT (name) DO NOTHING RETURNING id",
            )
            .bind(&row.name)
            .bind(&row.model)
            .bind(&row.tier)
            .bind(row.rate_limit_per_min)
            .bind(row.daily_token_budget)
            .bind(row.daily_tool_call_budget)
            .bind(row.daily_mutation_budget)
            .bind(now_micros())
            .fetch_optional(&mut **conn)
            .await?
        });
        let id = id
            .ok_or_else(|| Error::Conflict(format!("an agent named `{}` is already registered", row.name)))?;
        tx.append_audit(&[audit]).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Sets an agent's status and audits it; false when there is no such agent.
    pub async fn set_agent_status(
        &self,
        name: &str,
        status: &str,
        audit: crate::audit::NewAuditEntry,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let changed = on_tx!(&mut tx, conn => {
            sqlx::query("UPDATE opsgate_agents SET status = $1 WHERE name = $2").bind(status).bind(name).execute(&mut **conn).await?.rows_affected()
        });
        if changed == 0 {
            return Ok(false);
        }
        tx.append_audit(&[audit]).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Adds one request to a window and returns the window's usage after it;
    /// with `limit`, a request that would go over it is not counted and `None` is returned.
    pub async fn count_request(
        &self,
        subject: &str,
        kind: &str,
        start: DateTime<Utc>,
        limit: i64,
    ) -> Result<Option<WindowUsage>> {
        let mut tx = self.begin().await?;
        let (requests, tokens): (i64, i64) = on_tx!(&mut tx, conn => {
            sqlx::query_as(
                "INSERT INTO opsgate_rate_limit_windows (subject, window_kind, window_start, requests, tokens) VALUES ($1, $2, $3, 1, 0) \
                 ON CONFLICT (subject, window_kind, window_start) DO UPDATE SET requests = opsgate_rate_limit_windows.requests + 1 \
                 RETURNING requests, tokens",
            )
            .bind(subject)
            .bind(kind)
            .bind(start)
            .fetch_one(&mut **conn)
            .await?
        });
        if requests > limit {
            // Dropping the transaction rolls the increment back.
            return Ok(None);
        }
        tx.commit().await?;
        Ok(Some(WindowUsage { requests, tokens }))
    }

    /// Adds tokens to a window.
    pub async fn count_tokens(
        &self,
        subject: &str,
        kind: &str,
        start: DateTime<Utc>,
        tokens: i64,
    ) -> Result<()> {
        on_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO opsgate_rate_limit_windows (subject, window_kind, window_start, requests, tokens) VALUES ($1, $2, $3, 0, $4) \
                 ON CONFLICT (subject, window_kind, window_start) DO UPDATE SET tokens = opsgate_rate_limit_windows.tokens + $4",
            )
            .bind(subject)
            .bind(kind)
            .bind(start)
            .bind(tokens)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    pub async fn window_usage(&self, subject: &str, kind: &str, start: DateTime<Utc>) -> Result<WindowUsage> {
        let row: Option<(i64, i64)> = on_pool!(self, pool => {
            sqlx::query_as("SELECT requests, tokens FROM opsgate_rate_limit_windows WHERE subject = $1 AND window_kind = $2 AND window_start = $3")
                .bind(subject)
                .bind(kind)
                .bind(start)
                .fetch_optional(pool)
                .await?
        });
        Ok(row.map(|(requests, tokens)| WindowUsage { requests, tokens }).unwrap_or_default())
    }
}

impl super::Tx {
    /// Adds a charge to one budget window; returns the window's totals after it.
    pub async fn add_budget_usage(
        &mut self,
        subject: &str,
        scope: &str,
        window_start: DateTime<Utc>,
        charge: crate::guard::Charge,
    ) -> Result<(i64, i64)> {
        Ok(on_tx!(self, conn => {
            sqlx::query_as(
                "INSERT INTO opsgate_budget_usage (subject, scope, window_start, tool_calls, mutations) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (subject, scope, window_start) DO UPDATE SET tool_calls = opsgate_budget_usage.tool_calls + $4, \
                 mutations = opsgate_budget_usage.mutations + $5 RETURNING tool_calls, mutations",
            )
            .bind(subject)
            .bind(scope)
            .bind(window_start)
            .bind(charge.tool_calls)
            .bind(charge.mutations)
            .fetch_one(&mut **conn)
            .await?
        }))
    }
}

/// An agent credential with its agent, as authentication reads it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AgentCredentialRow {
    pub id: i64,
    pub agent: String,
    /// The person who issued it: the only one it acts for.
    pub issuer: String,
    pub agent_status: String,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl Store {
    /// The credential with this public key (hex), if any.
    pub async fn agent_credential_by_public(&self, public_hex: &str) -> Result<Option<AgentCredentialRow>> {
        Ok(on_pool!(self, pool => {
            sqlx::query_as::<_, AgentCredentialRow>(
                "SELECT c.id, a.name AS agent, s.email AS issuer, a.status AS agent_status, c.expires_at, c.revoked_at \
                 FROM opsgate_agent_credentials c JOIN opsgate_agents a ON a.id = c.agent_id JOIN staff s ON s.id = c.issued_by \
                 WHERE c.public_key = $1",
            )
            .bind(public_hex)
            .fetch_optional(pool)
            .await?
        }))
    }
}

impl super::Tx {
    /// Revokes the agent's credentials still in force; returns how many.
    pub async fn revoke_agent_credentials(&mut self, agent_id: i64, at: DateTime<Utc>) -> Result<u64> {
        Ok(on_tx!(self, tx => {
            sqlx::query("UPDATE opsgate_agent_credentials SET revoked_at = $1 WHERE agent_id = $2 AND revoked_at IS NULL")
                .bind(at).bind(agent_id).execute(&mut **tx).await?.rows_affected()
        }))
    }

    /// Stores a new credential's public key; returns its id.
    pub async fn insert_agent_credential(
        &mut self,
        agent_id: i64,
        public_hex: &str,
        issued_by: i64,
        expires_at: DateTime<Utc>,
    ) -> Result<i64> {
        Ok(on_tx!(self, tx => {
            sqlx::query_scalar(
                "INSERT INTO opsgate_agent_credentials (agent_id, public_key, issued_by, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(agent_id).bind(public_hex).bind(issued_by).bind(now_micros()).bind(expires_at)
            .fetch_one(&mut **tx).await?
        }))
    }
}
