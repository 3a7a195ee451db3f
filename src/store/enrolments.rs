//! One-time enrolment codes, the grants a role carries, and TOTP secrets
//! waiting for their owner's first code.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::{Store, Tx, on_pool, on_tx};
use crate::error::Result;
use crate::time::now_micros;

/// An enrolment code as stored (the code itself never is).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EnrolmentRow {
    pub id: i64,
    pub staff_id: i64,
    pub issued_by: i64,
    pub countersigned_by: Option<i64>,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// What holding a role amounts to: its level (1 is the most senior) and permissions.
#[derive(Debug, Clone)]
pub struct RoleGrant {
    pub name: String,
    pub level: i64,
    pub permissions: BTreeSet<String>,
}

impl Store {
    pub async fn enrolment_by_code(&self, code_sha256: &str) -> Result<Option<EnrolmentRow>> {
        Ok(on_pool!(self, pool => {
            sqlx::query_as::<_, EnrolmentRow>(
                "SELECT id, staff_id, issued_by, countersigned_by, expires_at, used_at, revoked_at \
                 FROM opsgate_staff_enrolments WHERE code_sha256 = $1",
            )
            .bind(code_sha256).fetch_optional(pool).await?
        }))
    }

    /// A role's level and permissions, when the role exists.
    pub async fn role_grant(&self, role: &str) -> Result<Option<RoleGrant>> {
        let level: Option<i64> = on_pool!(self, pool => {
            sqlx::query_scalar("SELECT level FROM roles WHERE name = $1").bind(role).fetch_optional(pool).await?
        });
        let Some(level) = level else { return Ok(None) };
        let permissions: Vec<String> = on_pool!(self, pool => {
            sqlx::query_scalar(
                "SELECT p.name FROM roles r JOIN role_permissions rp ON rp.role_id = r.id \
                 JOIN permissions p ON p.id = rp.permission_id WHERE r.name = $1",
            )
            .bind(role).fetch_all(pool).await?
        });
        Ok(Some(RoleGrant { name: role.to_owned(), level, permissions: permissions.into_iter().collect() }))
    }

    /// A person's TOTP secret waiting for its first code, if any.
    pub async fn totp_pending(&self, staff_id: i64) -> Result<Option<String>> {
        Ok(on_pool!(self, pool => {
            sqlx::query_scalar::<_, Option<String>>("SELECT totp_pending_secret FROM opsgate_staff_secrets WHERE staff_id = $1")
                .bind(staff_id).fetch_optional(pool).await?.flatten()
        }))
    }

    /// The code waiting for `staff_id` (unused, unrevoked, unexpired), if any.
    pub async fn pending_enrolment(&self, staff_id: i64) -> Result<Option<EnrolmentRow>> {
        Ok(on_pool!(self, pool => {
            sqlx::query_as::<_, EnrolmentRow>(
                "SELECT id, staff_id, issued_by, countersigned_by, expires_at, used_at, revoked_at FROM opsgate_staff_enrolments \
                 WHERE staff_id = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2 ORDER BY id DESC LIMIT 1",
            )
            .bind(staff_id).bind(now_micros()).fetch_optional(pool).await?
        }))
    }

    /// How many active people other than `except` hold `permission` and a registered, unrevoked key.
    pub async fn keyholders_with(&self, permission: &str, except: &[i64]) -> Result<i64> {
        let ids: Vec<i64> = on_pool!(self, pool => {
            sqlx::query_scalar(KEYHOLDERS).bind(permission).fetch_all(pool).await?
        });
        Ok(ids.iter().filter(|id| !except.contains(id)).count() as i64)
    }

    /// How many registered, unrevoked keys a person has.
    pub async fn active_key_count(&self, staff_id: i64) -> Result<i64> {
        Ok(on_pool!(self, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM opsgate_staff_keys WHERE staff_id = $1 AND revoked_at IS NULL")
                .bind(staff_id).fetch_one(pool).await?
        }))
    }
}

const KEYHOLDERS: &str = "SELECT DISTINCT s.id FROM staff s \
     JOIN opsgate_staff_keys k ON k.staff_id = s.id AND k.revoked_at IS NULL \
     JOIN role_permissions rp ON rp.role_id = s.role_id \
     JOIN permissions p ON p.id = rp.permission_id \
     WHERE s.status = 'active' AND p.name = $1";

impl Tx {
    /// [`Store::keyholders_with`], inside this transaction.
    pub async fn keyholders_with(&mut self, permission: &str, except: &[i64]) -> Result<i64> {
        let ids: Vec<i64> = on_tx!(self, tx => {
            sqlx::query_scalar(KEYHOLDERS).bind(permission).fetch_all(&mut **tx).await?
        });
        Ok(ids.iter().filter(|id| !except.contains(id)).count() as i64)
    }

    /// Stores a new code for `staff_id`, revoking any earlier unused one; returns
    /// how many were revoked.
    pub async fn insert_enrolment(
        &mut self,
        staff_id: i64,
        code_sha256: &str,
        issued_by: i64,
        expires_at: DateTime<Utc>,
    ) -> Result<u64> {
        let now = now_micros();
        let revoked = on_tx!(self, tx => {
            sqlx::query("UPDATE opsgate_staff_enrolments SET revoked_at = $1 WHERE staff_id = $2 AND used_at IS NULL AND revoked_at IS NULL")
                .bind(now).bind(staff_id).execute(&mut **tx).await?.rows_affected()
        });
        on_tx!(self, tx => {
            sqlx::query(
                "INSERT INTO opsgate_staff_enrolments (staff_id, code_sha256, issued_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(staff_id).bind(code_sha256).bind(issued_by).bind(now).bind(expires_at)
            .execute(&mut **tx).await?;
        });
        Ok(revoked)
    }

    /// Records `by`'s countersignature of a pending code; false when it is no longer pending.
    pub async fn countersign_enrolment(&mut self, id: i64, by: i64) -> Result<bool> {
        let affected = on_tx!(self, tx => {
            sqlx::query("UPDATE opsgate_staff_enrolments SET countersigned_by = $1 WHERE id = $2 AND used_at IS NULL AND revoked_at IS NULL")
                .bind(by).bind(id).execute(&mut **tx).await?.rows_affected()
        });
        Ok(affected == 1)
    }

    /// Marks a code used; false when another process used or revoked it first.
    pub async fn use_enrolment(&mut self, id: i64) -> Result<bool> {
        let affected = on_tx!(self, tx => {
            sqlx::query("UPDATE opsgate_staff_enrolments SET used_at = $1 WHERE id = $2 AND used_at IS NULL AND revoked_at IS NULL")
                .bind(now_micros()).bind(id).execute(&mut **tx).await?.rows_affected()
        });
        Ok(affected == 1)
    }

    /// Replaces a secret stored in clear by its sealed form (unless it changed meanwhile).
    pub async fn reseal_totp_secret(&mut self, staff_id: i64, clear: &str, sealed: &str) -> Result<()> {
        on_tx!(self, tx => {
            sqlx::query("UPDATE opsgate_staff_secrets SET totp_secret = $1 WHERE staff_id = $2 AND totp_secret = $3")
                .bind(sealed).bind(staff_id).bind(clear).execute(&mut **tx).await?;
        });
        Ok(())
    }

    /// Keeps a new TOTP secret aside until its owner confirms a first code.
    pub async fn set_totp_pending(&mut self, staff_id: i64, sealed_secret: &str) -> Result<()> {
        on_tx!(self, tx => {
            sqlx::query(
                "INSERT INTO opsgate_staff_secrets (staff_id, totp_pending_secret) VALUES ($1, $2) \
                 ON CONFLICT (staff_id) DO UPDATE SET totp_pending_secret = excluded.totp_pending_secret",
            )
            .bind(staff_id).bind(sealed_secret)
                .execute(&mut **tx).await?;
        });
        Ok(())
    }

    /// Makes the pending secret the active one, with `step` (the confirming code's) used.
    /// False when the pending secret changed meanwhile.
    pub async fn activate_totp(&mut self, staff_id: i64, sealed_pending: &str, step: i64) -> Result<bool> {
        let affected = on_tx!(self, tx => {
            sqlx::query(
                "UPDATE opsgate_staff_secrets SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, \
                 totp_last_step = $1 WHERE staff_id = $2 AND totp_pending_secret = $3",
            )
            .bind(step).bind(staff_id).bind(sealed_pending)
            .execute(&mut **tx).await?.rows_affected()
        });
        Ok(affected == 1)
    }
}
