//! Approvals, registered keys, second-factor state and the background queue.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::AssertSqlSafe;

use super::plans::ACTION_COLUMNS;
use super::{ActionRow, Store, Tx, on_pool, on_tx};
use crate::error::{Error, Result};
use crate::time::now_micros;

/// A stored approval or rejection, with what is needed to verify it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApprovalRow {
    pub id: i64,
    pub action_id: i64,
    pub approver_id: i64,
    pub approver_email: String,
    pub key_id: Option<i64>,
    /// The registered key's owner, public half and revocation, when the key still exists.
    pub key_staff_id: Option<i64>,
    pub public_key: Option<String>,
    pub key_revoked_at: Option<DateTime<Utc>>,
    pub decision: String,
    pub payload_hash: String,
    pub signature: Option<String>,
    pub reason: Option<String>,
    pub signed_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// A new approval or rejection to store.
pub struct NewApproval<'a> {
    pub action_id: i64,
    pub approver_id: i64,
    pub key_id: i64,
    pub decision: &'a str,
    pub payload_hash: &'a str,
    pub signature: &'a str,
    pub reason: Option<&'a str>,
    pub signed_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// A registered public key.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct KeyRow {
    pub id: i64,
    pub staff_id: i64,
    pub email: String,
    pub public_key: String,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoke_reason: Option<String>,
}

/// A claim on an action that is `executing`.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClaimRow {
    pub id: i64,
    pub action: String,
    pub requires: String,
    pub requester_email: String,
    pub claimed_by: Option<String>,
    pub claimed_at: Option<DateTime<Utc>>,
}

const APPROVAL_COLUMNS: &str = "ap.id, ap.action_id, ap.approver_id, s.email AS approver_email, ap.key_id, \
    k.staff_id AS key_staff_id, k.public_key, k.revoked_at AS key_revoked_at, ap.decision, ap.payload_hash, \
    ap.signature, ap.reason, ap.signed_at, ap.expires_at";

const KEY_COLUMNS: &str =
    "k.id, k.staff_id, s.email, k.public_key, k.created_at, k.revoked_at, k.revoke_reason";

impl Store {
    /// Every approval and rejection of an action, oldest first.
    pub async fn approvals_of(&self, action_id: i64) -> Result<Vec<ApprovalRow>> {
        let sql = format!(
            "SELECT {APPROVAL_COLUMNS} FROM opsgate_approvals ap JOIN staff s ON s.id = ap.approver_id \
             LEFT JOIN opsgate_staff_keys k ON k.id = ap.key_id WHERE ap.action_id = $1 ORDER BY ap.id"
        );
        Ok(on_pool!(self, pool => {
            sqlx::query_as::<_, ApprovalRow>(AssertSqlSafe(sql)).bind(action_id).fetch_all(pool).await?
        }))
    }

    /// Actions waiting for approval, oldest first, with their plan's prompt.
    pub async fn pending_approval(&self) -> Result<Vec<(ActionRow, String)>> {
        let sql = format!(
            "SELECT {ACTION_COLUMNS}, p.prompt FROM opsgate_actions a JOIN staff s ON s.id = a.requested_by \
             JOIN opsgate_plans p ON p.id = a.plan_id WHERE a.status = 'pending_approval' ORDER BY a.id"
        );
        Ok(on_pool!(self, pool => {
            let rows = sqlx::query(AssertSqlSafe(sql)).fetch_all(pool).await?;
            let mut out = Vec::with_capacity(rows.len());
            for row in &rows {
                let action = <ActionRow as sqlx::FromRow<_>>::from_row(row)?;
                out.push((action, sqlx::Row::try_get::<String, _>(row, "prompt")?));
            }
            out
        }))
    }

    /// Registered keys, of one person or of everyone.
    pub async fn keys(&self, staff_id: Option<i64>) -> Result<Vec<KeyRow>> {
        let filter = if staff_id.is_some() { "WHERE k.staff_id = $1" } else { "" };
        let sql = format!(
            "SELECT {KEY_COLUMNS} FROM opsgate_staff_keys k JOIN staff s ON s.id = k.staff_id {filter} ORDER BY k.id"
        );
        Ok(on_pool!(self, pool => {
            let mut query = sqlx::query_as::<_, KeyRow>(AssertSqlSafe(sql));
            if let Some(id) = staff_id {
                query = query.bind(id);
            }
            query.fetch_all(pool).await?
        }))
    }

    pub async fn key_by_id(&self, key_id: i64) -> Result<Option<KeyRow>> {
        let sql = format!(
            "SELECT {KEY_COLUMNS} FROM opsgate_staff_keys k JOIN staff s ON s.id = k.staff_id WHERE k.id = $1"
        );
        Ok(on_pool!(self, pool => {
            sqlx::query_as::<_, KeyRow>(AssertSqlSafe(sql)).bind(key_id).fetch_optional(pool).await?
        }))
    }

    pub async fn key_by_public(&self, public_hex: &str) -> Result<Option<KeyRow>> {
        let sql = format!(
            "SELECT {KEY_COLUMNS} FROM opsgate_staff_keys k JOIN staff s ON s.id = k.staff_id WHERE k.public_key = $1"
        );
        Ok(on_pool!(self, pool => {
            sqlx::query_as::<_, KeyRow>(AssertSqlSafe(sql)).bind(public_hex).fetch_optional(pool).await?
        }))
    }

    /// A person's TOTP secret (base32) and the last step they used, if enrolled.
    pub async fn totp_state(&self, staff_id: i64) -> Result<(Option<String>, Option<i64>)> {
        Ok(on_pool!(self, pool => {
            sqlx::query_as::<_, (Option<String>, Option<i64>)>("SELECT totp_secret, totp_last_step FROM opsgate_staff_secrets WHERE staff_id = $1")
                .bind(staff_id).fetch_optional(pool).await?.unwrap_or((None, None))
        }))
    }

    /// Queued approved actions not yet claimed.
    pub async fn queued_count(&self) -> Result<i64> {
        Ok(on_pool!(self, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM opsgate_actions WHERE status = 'approved' AND queued_at IS NOT NULL")
                .fetch_one(pool).await?
        }))
    }
}

impl Tx {
    /// Stores an approval or rejection; a second decision by the same person is a conflict.
    /// With `replace_stale`, an earlier approval by the same person that no longer
    /// counts (expired, or signed with a revoked key) is replaced.
    pub async fn insert_approval(&mut self, a: &NewApproval<'_>, replace_stale: bool) -> Result<i64> {
        let existing: Option<String> = on_tx!(self, tx => {
            sqlx::query_scalar("SELECT decision FROM opsgate_approvals WHERE action_id = $1 AND approver_id = $2")
                .bind(a.action_id).bind(a.approver_id).fetch_optional(&mut **tx).await?
        });
        match existing.as_deref() {
            Some("approve") if replace_stale => {
                on_tx!(self, tx => {
                    sqlx::query("DELETE FROM opsgate_approvals WHERE action_id = $1 AND approver_id = $2")
                        .bind(a.action_id).bind(a.approver_id).execute(&mut **tx).await?;
                });
            }
            Some(decision) => {
                let done = if decision == "approve" { "approved" } else { "rejected" };
                return Err(Error::Conflict(format!("you already {done} a{}", a.action_id)));
            }
            None => {}
        }
        Ok(on_tx!(self, tx => {
            sqlx::query_scalar(
                "INSERT INTO opsgate_approvals (action_id, approver_id, key_id, decision, payload_hash, signature, reason, signed_at, expires_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            )
            .bind(a.action_id).bind(a.approver_id).bind(a.key_id).bind(a.decision).bind(a.payload_hash)
            .bind(a.signature).bind(a.reason).bind(a.signed_at).bind(a.expires_at)
            .fetch_one(&mut **tx).await?
        }))
    }

    /// Locks an action waiting for approval until commit; false when it no longer waits.
    /// Whether the audit log records a committed execution of this action.
    pub async fn execution_recorded(&mut self, action_id: i64) -> Result<bool> {
        let found: Option<i64> = on_tx!(self, tx => {
            sqlx::query_scalar("SELECT id FROM opsgate_audit_log WHERE action_id = $1 AND event = 'action.executed' LIMIT 1")
                .bind(action_id).fetch_optional(&mut **tx).await?
        });
        Ok(found.is_some())
    }

    /// How many decisions (approvals and rejections) the action has on record.
    pub async fn decision_count(&mut self, action_id: i64) -> Result<usize> {
        let count: i64 = on_tx!(self, tx => {
            sqlx::query_scalar("SELECT COUNT(*) FROM opsgate_approvals WHERE action_id = $1")
                .bind(action_id).fetch_one(&mut **tx).await?
        });
        Ok(usize::try_from(count).unwrap_or(usize::MAX))
    }

    pub async fn lock_pending_approval(&mut self, id: i64) -> Result<bool> {
        let affected = on_tx!(self, tx => {
            sqlx::query("UPDATE opsgate_actions SET updated_at = $1 WHERE id = $2 AND status = 'pending_approval'")
                .bind(now_micros()).bind(id)
                .execute(&mut **tx).await?.rows_affected()
        });
        Ok(affected == 1)
    }

    /// Ends a claimed action; false when `claimer` no longer holds the claim.
    pub async fn finish_claimed(
        &mut self,
        id: i64,
        claimer: &str,
        status: &str,
        error: Option<&str>,
    ) -> Result<bool> {
        let affected = on_tx!(self, tx => {
            sqlx::query(
                "UPDATE opsgate_actions SET status = $1, error = $2, updated_at = $3 WHERE id = $4 AND status = 'executing' AND claimed_by = $5",
            )
            .bind(status).bind(error).bind(now_micros()).bind(id).bind(claimer)
            .execute(&mut **tx).await?.rows_affected()
        });
        Ok(affected == 1)
    }

    /// Moves an action from `from` to `to`; false when it was no longer in `from`.
    pub async fn transition_action(&mut self, id: i64, from: &str, to: &str) -> Result<bool> {
        let affected = on_tx!(self, tx => {
            sqlx::query("UPDATE opsgate_actions SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4")
                .bind(to).bind(now_micros()).bind(id).bind(from)
                .execute(&mut **tx).await?.rows_affected()
        });
        Ok(affected == 1)
    }

    /// Puts an approved action on the background queue; false when it is not approved or already queued.
    pub async fn queue_action(&mut self, id: i64, staff_id: i64) -> Result<bool> {
        let affected = on_tx!(self, tx => {
            sqlx::query(
                "UPDATE opsgate_actions SET queued_at = $1, queued_by = $2, updated_at = $1 \
                 WHERE id = $3 AND status = 'approved' AND queued_at IS NULL",
            )
            .bind(now_micros()).bind(staff_id).bind(id)
            .execute(&mut **tx).await?.rows_affected()
        });
        Ok(affected == 1)
    }

    /// Claims the oldest queued approved action for `claimer`. On PostgreSQL rows
    /// another worker is claiming are skipped rather than waited for.
    pub async fn claim_next_queued(&mut self, claimer: &str) -> Result<Option<i64>> {
        let lock = if matches!(self, Tx::Postgres(_)) { "FOR UPDATE SKIP LOCKED" } else { "" };
        let sql = format!(
            "UPDATE opsgate_actions SET status = 'executing', claimed_by = $1, claimed_at = $2, updated_at = $2 \
             WHERE id = (SELECT id FROM opsgate_actions WHERE status = 'approved' AND queued_at IS NOT NULL \
                         ORDER BY queued_at, id LIMIT 1 {lock}) \
               AND status = 'approved' RETURNING id"
        );
        Ok(on_tx!(self, tx => {
            sqlx::query_scalar(AssertSqlSafe(sql)).bind(claimer).bind(now_micros()).fetch_optional(&mut **tx).await?
        }))
    }

    /// Confirms, inside the execution transaction, that `claimer` still holds the
    /// claim; on PostgreSQL this also locks the row until commit, which is how
    /// `worker --recover` tells a live execution from a dead one.
    pub async fn hold_claim(&mut self, id: i64, claimer: &str) -> Result<bool> {
        let affected = on_tx!(self, tx => {
            sqlx::query("UPDATE opsgate_actions SET updated_at = $1 WHERE id = $2 AND status = 'executing' AND claimed_by = $3")
                .bind(now_micros()).bind(id).bind(claimer)
                .execute(&mut **tx).await?.rows_affected()
        });
        Ok(affected == 1)
    }

    /// Actions in `executing` whose claim is not held by a running transaction.
    pub async fn unheld_claims(&mut self) -> Result<Vec<ClaimRow>> {
        let lock = if matches!(self, Tx::Postgres(_)) { "FOR UPDATE OF a SKIP LOCKED" } else { "" };
        let sql = format!(
            "SELECT a.id, a.action, a.requires, s.email AS requester_email, a.claimed_by, a.claimed_at \
             FROM opsgate_actions a JOIN staff s ON s.id = a.requested_by WHERE a.status = 'executing' AND a.outcome IS NULL ORDER BY a.id {lock}"
        );
        Ok(on_tx!(self, tx => {
            sqlx::query_as::<_, ClaimRow>(AssertSqlSafe(sql)).fetch_all(&mut **tx).await?
        }))
    }

    /// Flags a claimed action whose request was sent without an answer that
    /// says whether it was applied. The claim ends; the status stays
    /// `executing`, so that nothing claims and sends it again.
    pub async fn mark_unknown(&mut self, id: i64, claimer: &str, reason: &str, result: &str) -> Result<bool> {
        let affected = on_tx!(self, tx => {
            sqlx::query(
                "UPDATE opsgate_actions SET outcome = 'unknown', error = $1, result = $2, claimed_by = NULL, claimed_at = NULL, updated_at = $3 \
                 WHERE id = $4 AND status = 'executing' AND claimed_by = $5",
            )
            .bind(reason).bind(result).bind(now_micros()).bind(id).bind(claimer)
            .execute(&mut **tx).await?.rows_affected()
        });
        Ok(affected == 1)
    }

    /// Actions whose outcome is unknown, oldest first.
    pub async fn unknown_actions(&mut self) -> Result<Vec<crate::store::ActionRow>> {
        let sql = format!(
            "SELECT {ACTION_COLUMNS} FROM opsgate_actions a JOIN staff s ON s.id = a.requested_by \
             WHERE a.status = 'executing' AND a.outcome = 'unknown' ORDER BY a.id"
        );
        Ok(on_tx!(self, tx => {
            sqlx::query_as(AssertSqlSafe(sql)).fetch_all(&mut **tx).await?
        }))
    }

    /// Settles an unknown action as `succeeded` or `failed`.
    pub async fn settle_unknown(&mut self, id: i64, to: &str, error: Option<&str>) -> Result<bool> {
        let affected = on_tx!(self, tx => {
            sqlx::query(
                "UPDATE opsgate_actions SET status = $1, outcome = NULL, error = $2, updated_at = $3, queued_at = NULL \
                 WHERE id = $4 AND status = 'executing' AND outcome = 'unknown'",
            )
            .bind(to).bind(error).bind(now_micros()).bind(id)
            .execute(&mut **tx).await?.rows_affected()
        });
        Ok(affected == 1)
    }

    /// Ends a dead claim: the action goes to `to` (and leaves the queue unless it goes back to `approved`).
    pub async fn release_claim(
        &mut self,
        id: i64,
        claimer: &str,
        to: &str,
        error: Option<&str>,
    ) -> Result<bool> {
        let affected = on_tx!(self, tx => {
            sqlx::query(
                "UPDATE opsgate_actions SET status = $1, error = $2, claimed_by = NULL, claimed_at = NULL, updated_at = $3, \
                 queued_at = CASE WHEN $1 = 'approved' THEN queued_at ELSE NULL END \
                 WHERE id = $4 AND status = 'executing' AND claimed_by = $5",
            )
            .bind(to).bind(error).bind(now_micros()).bind(id).bind(claimer)
            .execute(&mut **tx).await?.rows_affected()
        });
        Ok(affected == 1)
    }

    /// Records that a TOTP step was used; false when it (or a later one) already was.
    pub async fn use_totp_step(&mut self, staff_id: i64, step: i64) -> Result<bool> {
        let affected = on_tx!(self, tx => {
            sqlx::query(
                "UPDATE opsgate_staff_secrets SET totp_last_step = $1 WHERE staff_id = $2 AND totp_secret IS NOT NULL \
                 AND (totp_last_step IS NULL OR totp_last_step < $1)",
            )
            .bind(step).bind(staff_id)
            .execute(&mut **tx).await?.rows_affected()
        });
        Ok(affected == 1)
    }

    /// Revokes a key; false when it was already revoked.
    pub async fn revoke_key(&mut self, key_id: i64, by: i64, reason: &str) -> Result<bool> {
        let affected = on_tx!(self, tx => {
            sqlx::query(
                "UPDATE opsgate_staff_keys SET revoked_at = $1, revoked_by = $2, revoke_reason = $3 WHERE id = $4 AND revoked_at IS NULL",
            )
            .bind(now_micros()).bind(by).bind(reason).bind(key_id)
            .execute(&mut **tx).await?.rows_affected()
        });
        Ok(affected == 1)
    }
}
