//! Plans, their actions, confirmation tokens and per-database secrets.

use chrono::{DateTime, Utc};
use sqlx::{AssertSqlSafe, Row};

use super::{Store, Tx, on_pool, on_tx};
use crate::catalog::{Requires, Risk};
use crate::error::{Error, Result};
use crate::plan::{ActionStatus, Decision};
use crate::time::now_micros;

/// An action row as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ActionRow {
    pub id: i64,
    pub plan_id: i64,
    pub step_index: i64,
    pub action: String,
    pub params: String,
    pub risk: Risk,
    pub permission: String,
    pub decision: Decision,
    pub missing_permission: Option<String>,
    pub requires: Requires,
    pub second_factor: bool,
    pub approvals_required: i64,
    pub payload: String,
    pub payload_hash: String,
    pub target_version: Option<String>,
    pub confidence: f64,
    pub rationale: String,
    pub sources: String,
    pub status: ActionStatus,
    pub requested_by: i64,
    pub requester_email: String,
    pub claimed_by: Option<String>,
    pub claimed_at: Option<DateTime<Utc>>,
    pub queued_at: Option<DateTime<Utc>>,
    pub result: Option<String>,
    pub error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub agent: Option<String>,
    pub surface: String,
    pub denial: Option<String>,
}

/// A plan row as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PlanRow {
    pub id: i64,
    pub prompt: String,
    pub mode: String,
    pub planner: String,
    pub staff_id: i64,
    pub requester_email: String,
    pub created_at: DateTime<Utc>,
}

/// A new action to store.
pub struct NewAction<'a> {
    pub plan_id: i64,
    pub step_index: i64,
    pub action: &'a str,
    pub params: &'a str,
    pub risk: &'a str,
    pub permission: &'a str,
    pub decision: &'a str,
    pub missing_permission: Option<&'a str>,
    pub requires: &'a str,
    pub second_factor: bool,
    pub approvals_required: i64,
    pub payload: &'a str,
    pub payload_hash: &'a str,
    pub target_version: Option<&'a str>,
    pub confidence: f64,
    pub rationale: &'a str,
    pub sources: &'a str,
    pub status: &'a str,
    pub requested_by: i64,
    /// The agent that proposed the step for `requested_by`, if one did.
    pub agent: Option<&'a str>,
    pub surface: &'a str,
    /// Why the guard denied the step, when it did.
    pub denial: Option<&'a str>,
}

/// A confirmation token row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenRow {
    pub nonce: String,
    pub action_id: i64,
    pub staff_id: i64,
    pub payload_hash: String,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
}

/// Filters of `opsgate history`.
#[derive(Debug, Default, Clone)]
pub struct HistoryFilter {
    pub requested_by: Option<i64>,
    pub status: Option<String>,
    pub action: Option<String>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub limit: i64,
}

pub(super) const ACTION_COLUMNS: &str = "a.id, a.plan_id, a.step_index, a.action, a.params, a.risk, a.permission, a.decision, \
    a.missing_permission, a.requires, a.second_factor, a.approvals_required, a.payload, a.payload_hash, a.target_version, \
    a.confidence, a.rationale, a.sources, CASE WHEN a.outcome = 'unknown' THEN 'unknown' ELSE a.status END AS status, a.requested_by, s.email AS requester_email, a.claimed_by, a.claimed_at, \
    a.queued_at, a.result, a.error, a.created_at, a.updated_at, a.agent, a.surface, a.denial";

impl Tx {
    pub async fn insert_plan(
        &mut self,
        prompt: &str,
        mode: &str,
        planner: &str,
        staff_id: i64,
        document: &str,
        surface: &str,
    ) -> Result<i64> {
        Ok(on_tx!(self, tx => {
            sqlx::query_scalar(
                "INSERT INTO opsgate_plans (prompt, mode, planner, staff_id, document, created_at, surface) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            )
            .bind(prompt).bind(mode).bind(planner).bind(staff_id).bind(document).bind(now_micros()).bind(surface)
            .fetch_one(&mut **tx).await?
        }))
    }

    pub async fn insert_action(&mut self, a: &NewAction<'_>) -> Result<i64> {
        let now = now_micros();
        Ok(on_tx!(self, tx => {
            sqlx::query_scalar(
                "INSERT INTO opsgate_actions (plan_id, step_index, action, params, risk, permission, decision, missing_permission, requires, \
                 second_factor, approvals_required, payload, payload_hash, target_version, confidence, rationale, sources, status, \
                 requested_by, created_at, updated_at, agent, surface, denial) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $20, $21, $22, $23) RETURNING id",
            )
            .bind(a.plan_id).bind(a.step_index).bind(a.action).bind(a.params).bind(a.risk).bind(a.permission)
            .bind(a.decision).bind(a.missing_permission).bind(a.requires).bind(a.second_factor).bind(a.approvals_required)
            .bind(a.payload).bind(a.payload_hash).bind(a.target_version).bind(a.confidence).bind(a.rationale)
            .bind(a.sources).bind(a.status).bind(a.requested_by).bind(now).bind(a.agent).bind(a.surface).bind(a.denial)
            .fetch_one(&mut **tx).await?
        }))
    }

    /// Moves an action from one of `from` to `executing`; false when someone else
    /// already claimed it (or it is in no claimable state). At most one claim wins.
    pub async fn claim_action(&mut self, id: i64, from: &[&str], claimer: &str) -> Result<bool> {
        let placeholders: Vec<String> = (0..from.len()).map(|i| format!("${}", i + 4)).collect();
        let sql = format!(
            "UPDATE opsgate_actions SET status = 'executing', claimed_by = $1, claimed_at = $2, updated_at = $2 \
             WHERE id = $3 AND status IN ({})",
            placeholders.join(", ")
        );
        let now = now_micros();
        let affected = on_tx!(self, tx => {
            let mut query = sqlx::query(AssertSqlSafe(sql)).bind(claimer).bind(now).bind(id);
            for status in from {
                query = query.bind(*status);
            }
            query.execute(&mut **tx).await?.rows_affected()
        });
        Ok(affected == 1)
    }

    /// Records how an action ended.
    pub async fn finish_action(
        &mut self,
        id: i64,
        status: &str,
        result: Option<&str>,
        error: Option<&str>,
    ) -> Result<()> {
        on_tx!(self, tx => {
            sqlx::query("UPDATE opsgate_actions SET status = $1, result = $2, error = $3, updated_at = $4 WHERE id = $5")
                .bind(status).bind(result).bind(error).bind(now_micros()).bind(id)
                .execute(&mut **tx).await?;
        });
        Ok(())
    }

    pub async fn insert_token(&mut self, token: &TokenRow) -> Result<()> {
        on_tx!(self, tx => {
            sqlx::query(
                "INSERT INTO opsgate_confirmation_tokens (nonce, action_id, staff_id, payload_hash, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(&token.nonce).bind(token.action_id).bind(token.staff_id).bind(&token.payload_hash)
            .bind(token.expires_at).bind(now_micros())
            .execute(&mut **tx).await?;
        });
        Ok(())
    }

    /// Marks a token used; false when it was already used (single use, atomically).
    pub async fn consume_token(&mut self, nonce: &str) -> Result<bool> {
        let affected = on_tx!(self, tx => {
            sqlx::query("UPDATE opsgate_confirmation_tokens SET used_at = $1 WHERE nonce = $2 AND used_at IS NULL")
                .bind(now_micros()).bind(nonce)
                .execute(&mut **tx).await?.rows_affected()
        });
        Ok(affected == 1)
    }
}

impl Store {
    pub async fn load_plan(&self, id: i64) -> Result<Option<PlanRow>> {
        Ok(on_pool!(self, pool => {
            sqlx::query_as::<_, PlanRow>(
                "SELECT p.id, p.prompt, p.mode, p.planner, p.staff_id, s.email AS requester_email, p.created_at \
                 FROM opsgate_plans p JOIN staff s ON s.id = p.staff_id WHERE p.id = $1",
            )
            .bind(id).fetch_optional(pool).await?
        }))
    }

    pub async fn load_action(&self, id: i64) -> Result<Option<ActionRow>> {
        let sql = format!(
            "SELECT {ACTION_COLUMNS} FROM opsgate_actions a JOIN staff s ON s.id = a.requested_by WHERE a.id = $1"
        );
        Ok(on_pool!(self, pool => {
            sqlx::query_as::<_, ActionRow>(AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await?
        }))
    }

    pub async fn actions_of_plan(&self, plan_id: i64) -> Result<Vec<ActionRow>> {
        let sql = format!(
            "SELECT {ACTION_COLUMNS} FROM opsgate_actions a JOIN staff s ON s.id = a.requested_by WHERE a.plan_id = $1 ORDER BY a.step_index"
        );
        Ok(on_pool!(self, pool => {
            sqlx::query_as::<_, ActionRow>(AssertSqlSafe(sql)).bind(plan_id).fetch_all(pool).await?
        }))
    }

    /// Actions, newest first, with their plan's prompt.
    pub async fn history(&self, filter: &HistoryFilter) -> Result<Vec<(ActionRow, String)>> {
        let mut conditions = Vec::new();
        let mut n = 0;
        let mut next = || {
            n += 1;
            format!("${n}")
        };
        if filter.requested_by.is_some() {
            conditions.push(format!("a.requested_by = {}", next()));
        }
        if filter.status.is_some() {
            conditions.push(format!(
                "(CASE WHEN a.outcome = 'unknown' THEN 'unknown' ELSE a.status END) = {}",
                next()
            ));
        }
        if filter.action.is_some() {
            conditions.push(format!("a.action = {}", next()));
        }
        if filter.since.is_some() {
            conditions.push(format!("a.created_at >= {}", next()));
        }
        if filter.until.is_some() {
            conditions.push(format!("a.created_at < {}", next()));
        }
        let where_clause =
            if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) };
        let sql = format!(
            "SELECT {ACTION_COLUMNS}, p.prompt FROM opsgate_actions a JOIN staff s ON s.id = a.requested_by JOIN opsgate_plans p ON p.id = a.plan_id \
             {where_clause} ORDER BY a.id DESC LIMIT {}",
            filter.limit.max(1)
        );
        let rows = on_pool!(self, pool => {
            let mut query = sqlx::query(AssertSqlSafe(sql));
            if let Some(v) = filter.requested_by { query = query.bind(v); }
            if let Some(v) = &filter.status { query = query.bind(v); }
            if let Some(v) = &filter.action { query = query.bind(v); }
            if let Some(v) = filter.since { query = query.bind(v); }
            if let Some(v) = filter.until { query = query.bind(v); }
            let rows = query.fetch_all(pool).await?;
            let mut out = Vec::with_capacity(rows.len());
            for row in &rows {
                let action = <ActionRow as sqlx::FromRow<_>>::from_row(row)?;
                let prompt: String = row.try_get("prompt")?;
                out.push((action, prompt));
            }
            out
        });
        Ok(rows)
    }

    pub async fn token(&self, nonce: &str) -> Result<Option<TokenRow>> {
        Ok(on_pool!(self, pool => {
            sqlx::query_as::<_, TokenRow>(
                "SELECT nonce, action_id, staff_id, payload_hash, expires_at, used_at FROM opsgate_confirmation_tokens WHERE nonce = $1",
            )
            .bind(nonce).fetch_optional(pool).await?
        }))
    }

    /// Whether the instance secret `name` exists (without creating it).
    pub async fn has_instance_secret(&self, name: &str) -> Result<bool> {
        let existing: Option<String> = on_pool!(self, pool => {
            sqlx::query_scalar("SELECT value FROM opsgate_instance_secrets WHERE name = $1").bind(name).fetch_optional(pool).await?
        });
        Ok(existing.is_some())
    }

    /// A per-database secret, created (randomly) on first use and stored
    /// sealed with the instance key. One stored in clear by an older version is
    /// sealed the first time it is read.
    pub async fn instance_secret(&self, name: &str) -> Result<Vec<u8>> {
        let sealer = self.sealer()?;
        let purpose = format!("instance_secret:{name}");
        let existing: Option<String> = on_pool!(self, pool => {
            sqlx::query_scalar("SELECT value FROM opsgate_instance_secrets WHERE name = $1").bind(name).fetch_optional(pool).await?
        });
        let stored = match existing {
            Some(stored) => stored,
            None => {
                let mut bytes = [0u8; 32];
                getrandom::fill(&mut bytes)
                    .map_err(|e| Error::Internal(format!("no randomness available: {e}")))?;
                let fresh = sealer.seal(&purpose, crate::canonical::hex(&bytes).as_bytes())?;
                on_pool!(self, pool => {
                    sqlx::query("INSERT INTO opsgate_instance_secrets (name, value, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING")
                        .bind(name).bind(&fresh).bind(now_micros()).execute(pool).await?;
                });
                // Another process may have won the race: read what is stored.
                on_pool!(self, pool => {
                    sqlx::query_scalar("SELECT value FROM opsgate_instance_secrets WHERE name = $1").bind(name).fetch_one(pool).await?
                })
            }
        };
        let hex = if crate::sealed::is_sealed(&stored) {
            String::from_utf8(sealer.open(&purpose, &stored)?)
                .map_err(|_| Error::Internal(format!("instance secret `{name}` is not text")))?
        } else {
            let sealed = sealer.seal(&purpose, stored.as_bytes())?;
            on_pool!(self, pool => {
                sqlx::query("UPDATE opsgate_instance_secrets SET value = $1 WHERE name = $2 AND value = $3")
                    .bind(&sealed).bind(name).bind(&stored).execute(pool).await?;
            });
            stored
        };
        crate::canonical::unhex(&hex)
            .ok_or_else(|| Error::Internal(format!("instance secret `{name}` is not hex")))
    }
}
